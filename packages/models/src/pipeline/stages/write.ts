import { OutOfDateError, writeFiles, type WriteMode, type WriteReport } from '@rr/writer';

import type { Stage } from '../stage.js';
import type { Rendered } from './render.js';

export interface Written extends Rendered {
  readonly report: WriteReport;
}

export interface WriteStageOptions {
  readonly outputDir: string;
  readonly mode: WriteMode;
  readonly force: boolean;
  readonly batchSize: number;
  /** Handed to the writer (`WriteOptions.knownStamp`). */
  readonly knownStamp?: string | null;
}

/** Rendered files → disk. Not concurrent: it holds the output directory's lock. */
export function writeStage(options: WriteStageOptions): Stage<Rendered, Written> {
  return {
    name: 'write',
    concurrent: false,
    async run(input) {
      const report = await writeFiles(options.outputDir, input.files, { mode: options.mode, force: options.force, batchSize: options.batchSize, ...(options.knownStamp == null ? {} : { knownStamp: options.knownStamp }) }).catch(
        (error: unknown) => {
          // Out of date is an answer in check mode, not a failure of the run.
          if (error instanceof OutOfDateError) return error.report;
          throw error;
        },
      );
      return { ...input, report };
    },
  };
}
