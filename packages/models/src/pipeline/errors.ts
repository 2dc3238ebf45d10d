/** Two stages of a parallel pipeline produced the same key, so merging would lose one of them. */
export class PipelineOverlapError extends Error {
  override readonly name = 'PipelineOverlapError';
  readonly code = 'RR_PIPELINE_OVERLAP';
  constructor(
    readonly pipeline: string,
    /** Each overlapping key with the stages that produced it, sorted by key. */
    readonly overlaps: readonly { readonly key: string; readonly stages: readonly string[] }[],
  ) {
    const shown = overlaps.slice(0, 10).map((o) => `"${o.key}" (${o.stages.join(', ')})`);
    const more = overlaps.length > 10 ? ` and ${overlaps.length - 10} more` : '';
    super(
      `parallel pipeline "${pipeline}": stages produce the same ${overlaps.length === 1 ? 'key' : 'keys'} ${shown.join(', ')}${more}. ` +
        'Split the work so that every key has one producer.',
    );
  }

  get keys(): readonly string[] {
    return this.overlaps.map((o) => o.key);
  }
}

/** The heap grew past the profile's `memoryLimitMb` by the end of a stage. */
export class MemoryLimitError extends Error {
  override readonly name = 'MemoryLimitError';
  readonly code = 'RR_MEMORY_LIMIT';
  constructor(
    readonly stage: string,
    readonly limitMb: number,
    readonly heapUsedMb: number,
  ) {
    super(
      `stage "${stage}" ended with ${heapUsedMb} MB of heap in use, over the memory limit of ${limitMb} MB. ` +
        'Lower batchSize or raise memoryLimitMb in the performance profile of rr.config.json.',
    );
  }
}
