import { join } from 'node:path';

import type { ExecutorContext } from '@nx/devkit';
import { loadSchema, serializeSnapshot } from '@rr/schema';

import { writeFileAtomic } from '../../io/atomic-write.js';
import { liveSource, loadOptions, projectContext, reportFailure, type ConfigOption, type ProjectContext } from '../project-context.js';

/** Refreshes a project's committed snapshot from its database (or .sql file). Never cached. */
export default async function snapshotExecutor(options: ConfigOption, context: ExecutorContext): Promise<{ success: boolean }> {
  let project: ProjectContext | null = null;
  try {
    project = projectContext(options, context);
    const { snapshot, warnings } = await loadSchema(liveSource(project), loadOptions(project));
    for (const warning of warnings) console.warn(`warning: ${warning}`);
    const file = join(project.root, project.settings.snapshot);
    await writeFileAtomic(file, serializeSnapshot(snapshot));
    console.log(`${project.projectName}: wrote ${project.settings.snapshot} (${snapshot.tables.length} tables, fingerprint ${snapshot.fingerprint.slice(0, 19)}…)`);
    return { success: true };
  } catch (error) {
    reportFailure(error, project);
    return { success: false };
  }
}
