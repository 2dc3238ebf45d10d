import { readFile, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';

import type { Diagnostic, MapperConfig } from '@rr/mapper';
import type { RenderOptions } from '@rr/renderer';
import { stampOutput, type WriteReport } from '@rr/writer';

import { writeFileAtomic } from '../io/atomic-write.js';
import { codeHash } from './code-hash.js';
import { outputDirKey, sha256Hex } from './sha256.js';

// Bumped when what is stored or how keys are made changes; old records then simply miss.
const ENTRY_FORMAT = 'rr-run-record/2';

/** How long a record waits for the file system's clock to pass the run's last change: a few of the kernel's ticks. */
const CLOCK_WAIT_MS = 50;

/** What a run reports besides its files, kept so that a run with nothing to do can report it again. */
export interface RunSummary {
  readonly tables: number;
  readonly models: number;
  readonly relationships: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly warnings: readonly string[];
}

/** What a run's output follows from, besides the catalog stamp of a database. */
export interface RunInputs {
  /** The schema cache's key of the source: a `.sql` or snapshot file's hash, or a database's address, with the schemas asked for. */
  readonly source: string;
  readonly config: MapperConfig;
  readonly render: RenderOptions;
}

/** What a run leaves in its record. */
export interface RecordedRun {
  readonly inputsKey: string;
  /** A database's catalog stamp, which the run's snapshot was read under. */
  readonly catalogStamp: string | null;
  readonly summary: RunSummary;
  /** The files the run wrote or found as it would have written them. */
  readonly files: readonly string[];
}

export interface RecordEntry extends RecordedRun {
  readonly format: typeof ENTRY_FORMAT;
  /** The output directory's stamp (`stampOutput`) right after the run. */
  readonly output: string;
  /** Its files digest: handed to the writer, which then reads back no file that is as this run left it. */
  readonly outputFiles: string;
}

/**
 * The last run into an output directory that left it complete (nothing skipped): a key of
 * everything its output followed from (the source, the mapper configuration, the render options
 * and templates, and the code of every rr package), a database's catalog stamp, and the stamp of
 * the output directory it left. A run whose key and stamps all match has nothing to do: the same
 * inputs give the same bytes, and the bytes are still there. One record per output directory;
 * one that does not parse is a miss, never an error.
 */
export class RunRecord {
  readonly file: string;

  constructor(
    cacheDir: string,
    readonly outputDir: string,
  ) {
    this.file = join(cacheDir, 'runs', `${outputDirKey(outputDir)}.json`);
  }

  static inputsKey(inputs: RunInputs): string {
    const code = (['@rr/schema', '@rr/mapper', '@rr/renderer', '@rr/writer', '@rr/models'] as const).map(codeHash).join('\0');
    const templates = inputs.render.templates?.map(({ name, source }) => `${name}\0${source}`).join('\0') ?? '';
    return sha256Hex(
      [ENTRY_FORMAT, code, inputs.source, JSON.stringify(inputs.config), String(inputs.render.importExtensions ?? true), sha256Hex(templates)].join('\0\0'),
    );
  }

  /** The last record, whatever the output directory holds now (see `stands`). */
  async read(): Promise<RecordEntry | undefined> {
    let entry: RecordEntry;
    try {
      entry = JSON.parse(await readFile(this.file, 'utf8')) as RecordEntry;
    } catch {
      return undefined;
    }
    const wellFormed = entry?.format === ENTRY_FORMAT && typeof entry.inputsKey === 'string' && typeof entry.output === 'string' && typeof entry.outputFiles === 'string' && typeof entry.summary === 'object' && Array.isArray(entry.files);
    return wellFormed ? entry : undefined;
  }

  /** Whether the output directory's stamp is still the one `entry` was written with. */
  async stands(entry: RecordEntry): Promise<boolean> {
    return (await stampOutput(this.outputDir))?.digest === entry.output;
  }

  /**
   * Records a run that left the output directory complete. The output's stamp is kept only if
   * every file it covers last changed before a moment taken first (the time the file system's
   * clock gives the record's temporary file, on the same device): a change within the same tick
   * could otherwise hide behind unchanged times. A run's last writes are usually in that tick,
   * so the record waits, up to `CLOCK_WAIT_MS`, for the clock to move on; a file whose times lie
   * further ahead (set by hand, or a coarse clock) leaves no record, and the next run checks the
   * bytes. The output must hold exactly the run's files (the manifest lists no other), and the
   * manifest the bytes `written` says the run's writer left. Resolves
   * to whether a record was kept.
   */
  async write(run: RecordedRun, written: Pick<WriteReport, 'manifestSignature'>): Promise<boolean> {
    const kept = await writeFileAtomic(this.file, async (temporary) => {
      const waitUntil = performance.now() + CLOCK_WAIT_MS;
      let marker = await temporary.stat({ bigint: true });
      let stamp = await stampOutput(this.outputDir);
      while (stamp !== null && stamp.newestChangeNs >= marker.mtimeNs && performance.now() < waitUntil) {
        await sleep(1);
        // Writing moves the file's times to the clock's now.
        await temporary.write(' ', 0);
        marker = await temporary.stat({ bigint: true });
        if (marker.mtimeNs > stamp.newestChangeNs) stamp = await stampOutput(this.outputDir);
      }
      if (stamp === null || stamp.device !== marker.dev || stamp.newestChangeNs >= marker.mtimeNs) return null;
      // Another run may have written the output since this one's writer let go of its lock.
      if (stamp.manifestSignature !== written.manifestSignature) return null;
      if (stamp.files.length !== run.files.length || !sameSet(stamp.files, run.files)) return null;
      // In the manifest's order, which is the order a writer's report lists paths in.
      const entry: RecordEntry = { format: ENTRY_FORMAT, ...run, files: stamp.files, output: stamp.digest, outputFiles: stamp.filesDigest };
      return `${JSON.stringify(entry)}\n`;
    });
    if (!kept) await this.forget();
    return kept;
  }

  /** Removes the record: a run that left the output incomplete must not leave an older run's record behind. */
  forget(): Promise<void> {
    return rm(this.file, { force: true });
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const inA = new Set(a);
  return b.every((item) => inA.has(item));
}
