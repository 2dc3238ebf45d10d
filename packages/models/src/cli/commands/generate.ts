import { Command } from 'commander';

import { resolveProfile } from '../../config/performance.js';
import { DEFAULT_CONFIG, readRrConfig } from '../../config/rr-config.js';
import { generate, type GenerateResult } from '../../pipeline/generate.js';
import type { StageMetrics } from '../../pipeline/metrics.js';
import type { Startup } from '../cached-bundle.js';
import { EXIT, type Io } from '../output.js';
import { addSourceOptions, resolveSource, UsageError, type SourceFlags } from '../source-options.js';

interface GenerateFlags extends SourceFlags {
  readonly out?: string;
  readonly config?: string;
  readonly dryRun?: boolean;
  readonly check?: boolean;
  readonly force?: boolean;
  readonly json?: boolean;
  readonly profile?: string;
  readonly verbose?: boolean;
}

/** The JSON object `rrgen generate --json` prints. */
export function generateSummary(result: GenerateResult) {
  const { files } = result;
  return {
    tables: result.tables,
    models: result.models,
    relationships: result.relationships,
    files: {
      created: files.created.length,
      updated: files.updated.length,
      unchanged: files.unchanged.length,
      deleted: files.deleted.length,
      skipped: files.skipped.length,
    },
    skipped: files.skipped,
    renders: result.renders,
    fileWrites: files.fileWrites,
    filesRead: files.filesRead,
    diagnostics: result.diagnostics.map(({ severity, code, where, message }) => ({ severity, code, where, message })),
    warnings: result.warnings,
    timingsMs: result.timingsMs,
    profile: result.profile,
    schemaCache: result.schemaCache,
    modelCache: result.modelCache,
    runRecord: result.runRecord,
    stages: result.stages,
  };
}

export function generateCommand(io: Io, run: (action: () => Promise<number>) => Promise<void>, startup: Startup): Command {
  const command = new Command('generate').description('introspect, map, render and write the Zero schema and models');
  addSourceOptions(command, ['database', 'sql', 'snapshot'])
    .option('--out <dir>', 'output directory for the generated code')
    .option('--config <file>', 'rr.config.json with mapper settings, import extensions and template overrides')
    .option('--dry-run', 'report what would change; write nothing')
    .option('--check', 'exit 1 when the generated code is not up to date; write nothing')
    .option('--force', 'overwrite generated files that were edited by hand')
    .option('--json', 'print a JSON summary on stdout')
    .option('--profile <name>', 'performance profile from rr.config.json: development, staging or production (default: NODE_ENV, else development)')
    .option('--verbose', 'print the time and memory of every pipeline stage on stderr')
    .action((flags: GenerateFlags) =>
      run(async () => {
        if (!flags.out) throw new UsageError('--out DIR is required: where to write the generated code.');
        if (flags.dryRun && flags.check) throw new UsageError('--dry-run and --check cannot be combined: --check already writes nothing.');
        const config = flags.config === undefined ? DEFAULT_CONFIG : readRrConfig(flags.config);
        const { source, ...load } = resolveSource(flags, config.database);
        const profile = resolveProfile(config, { profile: flags.profile });
        if (profile.note !== null) io.stderr(`note: ${profile.note}\n`);
        const result = await generate({
          source,
          load,
          mapper: config.mapper,
          importExtensions: config.importExtensions,
          templatesDir: config.templatesDir,
          outputDir: flags.out,
          mode: flags.check ? 'check' : flags.dryRun ? 'dry-run' : 'write',
          force: flags.force ?? false,
          profile,
        });
        const summary = generateSummary(result);
        for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
        if (flags.verbose) io.stderr(`code cache: ${startup.codeCache}\n${stageLines(result.stages, result.profile)}`);
        if (flags.json) io.stdout(`${JSON.stringify({ ...summary, codeCache: startup.codeCache })}\n`);
        else io.stderr(humanSummary(summary, result, flags));
        if (result.files.skipped.length > 0) return EXIT.failed;
        if (flags.check && !result.files.upToDate) return EXIT.failed;
        return EXIT.ok;
      }),
    );
  return command;
}

/** One line per stage, nested stages indented under their parent. */
export function stageLines(stages: readonly StageMetrics[], profile: string): string {
  const lines = stages.map((s) => {
    const depth = s.stage.split('/').length - 1;
    const delta = `${s.heapUsedDeltaMb >= 0 ? '+' : ''}${s.heapUsedDeltaMb}`;
    return `${'  '.repeat(depth + 1)}${s.stage}: ${s.ms} ms, heap ${delta} MB (${s.heapUsedMb} MB), rss ${s.rssMb} MB`;
  });
  return `profile ${profile}; stages:\n${lines.join('\n')}\n`;
}

function humanSummary(summary: ReturnType<typeof generateSummary>, result: GenerateResult, flags: GenerateFlags): string {
  const lines: string[] = [];
  for (const d of result.diagnostics) if (d.severity !== 'info') lines.push(`${d.severity}: ${d.where}: ${d.message} [${d.code}]`);
  for (const skipped of result.files.skipped) {
    lines.push(`skipped ${skipped.path}: ${skipped.reason === 'hand-edited' ? 'edited by hand (use --force to overwrite)' : 'not written by rr; move it away'}`);
  }
  if (flags.check && !result.files.upToDate) {
    const changes = [...result.files.created.map((p) => `create ${p}`), ...result.files.updated.map((p) => `update ${p}`), ...result.files.deleted.map((p) => `delete ${p}`)];
    for (const change of changes.slice(0, 20)) lines.push(`  would ${change}`);
    if (changes.length > 20) lines.push(`  … and ${changes.length - 20} more`);
  }
  const f = summary.files;
  const verb = flags.check ? (result.files.upToDate ? 'up to date' : 'out of date') : flags.dryRun ? 'would write' : 'wrote';
  lines.push(
    `${verb} ${flags.out}: ${summary.models} models from ${summary.tables} tables, ${summary.relationships} relationships; ` +
      `files ${f.created} created, ${f.updated} updated, ${f.unchanged} unchanged, ${f.deleted} deleted, ${f.skipped} skipped ` +
      `(${summary.timingsMs.total} ms)`,
  );
  return `${lines.join('\n')}\n`;
}
