import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';

import { catalogStampOf, type LoadSchemaOptions, type SchemaSource } from '@rr/schema';
import { unchangedReport, type WriteMode, type WriteReport } from '@rr/writer';

import { round } from './metrics.js';
import type { RunRecord, RunSummary } from './run-record.js';

/** What a run with nothing to do reports, from the record of the run before it. */
export interface UnchangedRun {
  readonly summary: RunSummary;
  readonly report: WriteReport;
  /** 3 for a database (its catalog stamp), 0 for a file. */
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
}

/**
 * Whether this run can end before it starts: the last run's inputs key is this run's, the
 * output directory is as that run left it (a stat of each file), and a database's catalog stamp
 * is still the one it was read under (one query). The key is compared first, so a changed
 * configuration costs no connection; the stamp query then runs while the files are looked at.
 */
export async function unchangedRun(record: RunRecord, inputsKey: string, source: SchemaSource, load: LoadSchemaOptions, mode: WriteMode): Promise<RecordCheck> {
  const entry = await record.read();
  if (entry === undefined) return { unchanged: null, knownStamp: null };
  const miss: RecordCheck = { unchanged: null, knownStamp: entry.outputFiles };
  if (entry.inputsKey !== inputsKey) return miss;
  const started = performance.now();
  const stamp =
    source.kind === 'database'
      ? catalogStampOf({ url: source.url, connectTimeoutMs: source.connectTimeoutMs, statementTimeoutMs: load.statementTimeoutMs }).then((now) => ({ ...now, ms: round(performance.now() - started) }))
      : null;
  // Awaited together: a failed query is the run's error (as it would be in introspection), never an unhandled rejection.
  const [stands, now] = await Promise.all([record.stands(entry), stamp]);
  if (!stands || (now !== null && now.catalogStamp !== entry.catalogStamp)) return miss;
  const unchanged = { summary: entry.summary, report: unchangedReport(mode, resolve(record.outputDir), entry.files), roundTrips: now?.roundTrips ?? 0, stampMs: now?.ms ?? 0 };
  return { unchanged, knownStamp: entry.outputFiles };
}
