import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';

import { openCatalogReading, type CatalogReading, type LoadSchemaOptions, type SchemaSource } from '@rr/schema';
import { unchangedReport, type WriteMode, type WriteReport } from '@rr/writer';

import { round } from './metrics.js';
import type { RunRecord, RunSummary } from './run-record.js';

/** What a run with nothing to do reports, from the record of the run before it. */
export interface UnchangedRun {
  readonly summary: RunSummary;
  readonly report: WriteReport;
  /** 2 for a database (its catalog stamp), 0 for a file. */
  readonly roundTrips: number;
  /** Reading the database's catalog stamp (0 for a file). */
  readonly stampMs: number;
}

/** What the record of the last run tells this one. */
export interface RecordCheck {
  /** Set when the run has nothing to do. */
  readonly unchanged: UnchangedRun | null;
  /** The files digest of the output as the last run left it (`RecordEntry.outputFiles`), for the writer; null without a record. */
  readonly knownStamp: string | null;
  /**
   * When the run must go on and the source is a database whose stamp was read: that reading,
   * still open, for the run's introspection to read on from (its caller closes it if the run
   * never gets there).
   */
  readonly reading: CatalogReading | null;
}

/**
 * Whether this run can end before it starts: the last run's inputs key is this run's, the
 * output directory is as that run left it (a stat of each file), and a database's catalog stamp
 * is still the one it was read under (an introspection's first query, whose connection and
 * transaction the run's introspection goes on in if it must read the catalog after all). The
 * key is compared first, so a changed configuration costs no connection; the stamp is then read
 * while the files are looked at.
 */
export async function unchangedRun(record: RunRecord, inputsKey: string, source: SchemaSource, load: LoadSchemaOptions, mode: WriteMode): Promise<RecordCheck> {
  const entry = await record.read();
  if (entry === undefined) return { unchanged: null, knownStamp: null, reading: null };
  const miss = (reading: CatalogReading | null): RecordCheck => ({ unchanged: null, knownStamp: entry.outputFiles, reading });
  if (entry.inputsKey !== inputsKey) return miss(null);
  const started = performance.now();
  const opened =
    source.kind === 'database'
      ? openCatalogReading({ url: source.url, connectTimeoutMs: source.connectTimeoutMs, statementTimeoutMs: load.statementTimeoutMs }).then((reading) => ({ reading, ms: round(performance.now() - started) }))
      : null;
  // Settled together: a failed stamp is the run's error (as it would be in introspection), and
  // a reading that opened is closed if the files' check fails, never left holding the process.
  const [standing, stamp] = await Promise.allSettled([record.stands(entry), opened]);
  if (stamp.status === 'rejected') throw stamp.reason;
  if (standing.status === 'rejected') {
    await stamp.value?.reading.close();
    throw standing.reason;
  }
  const now = stamp.value;
  if (!standing.value || (now !== null && now.reading.catalogStamp !== entry.catalogStamp)) return miss(now?.reading ?? null);
  await now?.reading.close();
  const unchanged = { summary: entry.summary, report: unchangedReport(mode, resolve(record.outputDir), entry.files), roundTrips: now?.reading.roundTrips ?? 0, stampMs: now?.ms ?? 0 };
  return { unchanged, knownStamp: entry.outputFiles, reading: null };
}
