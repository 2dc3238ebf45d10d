import { join } from 'node:path';

import type { ExecutorContext } from '@nx/devkit';

import { generateSummary } from '../../cli/commands/generate.js';
import { resolveProfile } from '../../config/performance.js';
import { generate } from '../../pipeline/generate.js';
import { projectContext, reportFailure, type ConfigOption, type ProjectContext } from '../project-context.js';

export interface RrgenExecutorOptions extends ConfigOption {
  /** Fail when the generated code is not up to date; write nothing. */
  readonly check?: boolean;
  /** Overwrite generated files edited by hand. */
  readonly force?: boolean;
  /** Performance profile: development, staging or production (default: NODE_ENV, else development). */
  readonly profile?: string;
  /** Print per-stage timings and memory. */
  readonly verbose?: boolean;
}

/** Renders a models project from its committed snapshot: no database, so Nx can cache it. */
export default async function rrgenExecutor(options: RrgenExecutorOptions, context: ExecutorContext): Promise<{ success: boolean }> {
  let project: ProjectContext | null = null;
  try {
    project = projectContext(options, context);
    const profile = resolveProfile(project.config, { profile: options.profile, env: process.env });
    const result = await generate({
      profile,
      source: { kind: 'snapshot', file: join(project.root, project.settings.snapshot) },
      mapper: project.config.mapper,
      importExtensions: project.config.importExtensions,
      templatesDir: project.config.templatesDir,
      outputDir: join(project.root, project.settings.outputDir),
      mode: options.check ? 'check' : 'write',
      force: options.force ?? false,
    });
    const summary = generateSummary(result);
    if (options.verbose) {
      for (const stage of result.stages) console.log(`  ${stage.stage}: ${stage.ms} ms, heap ${stage.heapUsedMb} MiB (${stage.heapUsedDeltaMb >= 0 ? '+' : ''}${stage.heapUsedDeltaMb}), rss ${stage.rssMb} MiB`);
    }
    for (const d of result.diagnostics) if (d.severity !== 'info') console.warn(`${d.severity}: ${d.where}: ${d.message} [${d.code}]`);
    for (const skipped of result.files.skipped) console.warn(`skipped ${skipped.path}: ${skipped.reason}`);
    const f = summary.files;
    console.log(
      `${project.projectName}: ${summary.models} models; files ${f.created} created, ${f.updated} updated, ${f.unchanged} unchanged, ` +
        `${f.deleted} deleted, ${f.skipped} skipped (${summary.timingsMs.total} ms)`,
    );
    if (options.check && !result.files.upToDate) {
      console.error(`${project.projectName}: generated code is out of date; run nx run ${project.projectName}:rrgen and commit the result.`);
      return { success: false };
    }
    return { success: result.files.skipped.length === 0 };
  } catch (error) {
    reportFailure(error, project);
    return { success: false };
  }
}
