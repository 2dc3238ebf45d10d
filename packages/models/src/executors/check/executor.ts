import { join } from 'node:path';

import type { ExecutorContext } from '@nx/devkit';
import { diffSnapshots, formatDiff, loadSchema, readSnapshotFile } from '@rr/schema';

import { liveSource, loadOptions, projectContext, reportFailure, type ConfigOption, type ProjectContext } from '../project-context.js';

/** Fails, with a readable diff, when the database no longer matches the committed snapshot. */
export default async function checkExecutor(options: ConfigOption, context: ExecutorContext): Promise<{ success: boolean }> {
  let project: ProjectContext | null = null;
  try {
    project = projectContext(options, context);
    const committed = await readSnapshotFile(join(project.root, project.settings.snapshot));
    const live = await loadSchema(liveSource(project), loadOptions(project));
    const diff = diffSnapshots(committed.snapshot, live.snapshot);
    if (diff.identical) {
      console.log(`${project.projectName}: the database matches ${project.settings.snapshot}`);
      return { success: true };
    }
    console.error(`${project.projectName}: the database differs from ${project.settings.snapshot}:\n${formatDiff(diff)}`);
    console.error(`Run nx run ${project.projectName}:rr-snapshot, then nx run ${project.projectName}:rrgen, and commit both.`);
    return { success: false };
  } catch (error) {
    reportFailure(error, project);
    return { success: false };
  }
}
