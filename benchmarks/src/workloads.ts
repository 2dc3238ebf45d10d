import { introspectDatabase, type SchemaSnapshot } from '@rr/schema';
import { dropDatabase, sharedSchemaDatabase, syntheticDatabase } from './databases.js';

/**
 * The schemas every stage suite measures, from one model to 2,000. One and 50 models are
 * synthetic tables (each a typical Rails table: a dozen columns, a foreign key, an index), so
 * the small cases and the synthetic large ones differ only in size; musicbrainz is the real one.
 */
export type WorkloadSpec = { readonly kind: 'synthetic'; readonly tables: number } | { readonly kind: 'shared'; readonly schema: string };

export const SINGLE: WorkloadSpec = { kind: 'synthetic', tables: 1 };
export const MODELS_20: WorkloadSpec = { kind: 'synthetic', tables: 20 };
export const MODELS_50: WorkloadSpec = { kind: 'synthetic', tables: 50 };
export const MUSICBRAINZ: WorkloadSpec = { kind: 'shared', schema: 'musicbrainz' };
export const SYNTHETIC_1000: WorkloadSpec = { kind: 'synthetic', tables: 1000 };
export const SYNTHETIC_2000: WorkloadSpec = { kind: 'synthetic', tables: 2000 };

/** Single model, 50 models, musicbrainz, 1,000 and 2,000 synthetic tables. */
export const STAGE_WORKLOADS: readonly WorkloadSpec[] = [SINGLE, MODELS_50, MUSICBRAINZ, SYNTHETIC_1000, SYNTHETIC_2000];

export function workloadLabel(spec: WorkloadSpec): string {
  if (spec.kind === 'shared') return spec.schema;
  if (spec.tables === 1) return '1 model';
  if (spec.tables <= 50) return `${spec.tables} models`;
  return `synthetic ${spec.tables.toLocaleString('en-US')} tables`;
}

/** A live database holding the workload's schema, and its snapshot. */
export interface Workload {
  readonly label: string;
  readonly url: string;
  readonly snapshot: SchemaSnapshot;
}

/** Creates the workload's database and introspects it once; null when the shared schemas are missing. */
export async function openWorkload(spec: WorkloadSpec): Promise<Workload | null> {
  const url = spec.kind === 'shared' ? sharedSchemaDatabase(spec.schema) : await syntheticDatabase(spec.tables);
  if (!url) {
    console.error(`skipped ${workloadLabel(spec)}: the shared schemas are not available (RR_SHARED_SCHEMAS)`);
    return null;
  }
  const { snapshot } = await introspectDatabase({ url });
  return { label: workloadLabel(spec), url, snapshot };
}

/** Runs `fn` on each workload in turn, dropping each database before the next is created. */
export async function forEachWorkload(specs: readonly WorkloadSpec[], fn: (workload: Workload) => Promise<void>): Promise<void> {
  for (const spec of specs) {
    const workload = await openWorkload(spec);
    if (!workload) continue;
    try {
      await fn(workload);
    } finally {
      await dropDatabase(workload.url);
    }
  }
}
