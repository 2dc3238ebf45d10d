import { join } from 'node:path';

import type { MapperConfig, ModelSet } from '@rr/mapper';

import { writeFileAtomic } from '../io/atomic-write.js';
import { jsonLines, jsonLineTexts, readJsonLinesFile } from '../io/json-lines.js';
import { codeHash } from './code-hash.js';
import { knowDigests, knownDigests, modelDigest } from './model-digests.js';
import { outputDirKey, sha256Hex } from './sha256.js';

// Bumped when what is stored or how keys are made changes; old entries then simply miss.
const ENTRY_FORMAT = 'rr-model-cache/1';

/** The first line; each model follows on a line of its own (io/json-lines.ts). */
interface EntryHead {
  readonly format: typeof ENTRY_FORMAT;
  readonly key: string;
  readonly modelSet: Omit<ModelSet, 'models'>;
}

/**
 * The model set of the last run into an output directory, with the key of what it was mapped
 * from: the snapshot's fingerprint, the resolved mapper configuration and the mapper's own code.
 * A run with the same key reads the set back instead of mapping again (for musicbrainz here,
 * ~45 ms against ~160 ms for a cold mapping). One entry per output directory, replaced on a
 * miss; an entry that does not parse is a miss, never an error.
 */
export class ModelCache {
  readonly file: string;

  constructor(cacheDir: string, outputDir: string) {
    this.file = join(cacheDir, 'models', `${outputDirKey(outputDir)}.jsonl`);
  }

  static key(snapshotFingerprint: string, config: MapperConfig): string {
    return sha256Hex(`${ENTRY_FORMAT}\0${codeHash('@rr/mapper')}\0${snapshotFingerprint}\0${JSON.stringify(config)}`);
  }

  /** The set, and its models' digests from the lines read (model-digests.ts), when the entry is `key`'s. */
  async read(key: string): Promise<ModelSet | undefined> {
    try {
      const file = await readJsonLinesFile(this.file);
      const entry = JSON.parse(file.head) as EntryHead;
      if (entry?.format !== ENTRY_FORMAT || entry.key !== key || typeof entry.modelSet !== 'object') return undefined;
      const lines = jsonLineTexts(file.text());
      const modelSet = { ...entry.modelSet, models: lines.items.map((line) => JSON.parse(line) as unknown) } as ModelSet;
      knowDigests(modelSet, lines.items.map(modelDigest));
      return modelSet;
    } catch {
      return undefined;
    }
  }

  /** Stores the set; the models' digests come from the lines' text unless the run already has them. */
  async write(key: string, modelSet: ModelSet): Promise<void> {
    const { models, ...rest } = modelSet;
    const head: EntryHead = { format: ENTRY_FORMAT, key, modelSet: rest };
    const collect = knownDigests(modelSet) === undefined;
    const digests: string[] = [];
    await writeFileAtomic(this.file, jsonLines(head, models, collect ? (json) => digests.push(modelDigest(json)) : undefined));
    if (collect) knowDigests(modelSet, digests);
  }
}
