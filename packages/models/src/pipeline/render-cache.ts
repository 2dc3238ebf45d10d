import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { ModelSet } from '@rr/mapper';
import { readSignedManifest, type Manifest, type WriteReport } from '@rr/writer';

import { writeFileAtomic } from '../io/atomic-write.js';
import { codeHash } from './code-hash.js';
import { modelDigests } from './model-digests.js';
import { outputDirKey, sha256Hex } from './sha256.js';

// Bumped when what is stored or how keys are made changes; old entries then simply miss.
const ENTRY_FORMAT = 'rr-render-cache/2';

interface CacheEntry {
  readonly format: typeof ENTRY_FORMAT;
  /** Output path → [the key of the input that rendered it, the signature of what was written]. */
  readonly files: Readonly<Record<string, readonly [string, string]>>;
}

/** What a file was rendered from, and the signature of the bytes the writer wrote for it. */
export interface RememberedRender {
  readonly key: string;
  readonly signature: string;
}

/** What a render's output depends on besides the models: the templates' texts and the render options. */
export interface RenderInputs {
  readonly templatesHash: string;
  readonly importExtensions: boolean;
}

/**
 * The key of each part of a render: one per model (its files depend on that model alone) and
 * one for the shared files (they list every model, so any model's key is part of theirs). A key
 * is a hash of the model's own data as the mapper produced it (through its digest,
 * model-digests.ts), so anything that changes a model (its table, a related table, the mapper
 * configuration) changes its key.
 */
export interface RenderKeys {
  readonly shared: string;
  /** Parallel to the model set's models. */
  readonly models: readonly string[];
}

export function renderKeys(set: ModelSet, inputs: RenderInputs): RenderKeys {
  const prefix = `${ENTRY_FORMAT}\0${codeHash('@rr/renderer')}\0${inputs.templatesHash}\0${inputs.importExtensions}\0`;
  const models = modelDigests(set).map((digest) => sha256Hex(prefix + digest));
  const shared = sha256Hex(`${prefix}${JSON.stringify({ enums: set.enums, imports: set.imports })}\0${models.join('\0')}`);
  return { shared, models };
}

/**
 * One run's view of the cache: which parts of the model set can be taken as already on disk.
 * A part is reusable when every one of its files was rendered from the part's current key and
 * the output's manifest still records the signature written for it.
 */
export class RenderReuse {
  private constructor(
    readonly keys: RenderKeys,
    private readonly remembered: ReadonlyMap<string, RememberedRender>,
  ) {}

  static of(keys: RenderKeys, remembered: ReadonlyMap<string, RememberedRender>, manifest: Manifest): RenderReuse {
    const onDisk = new Map([...remembered].filter(([path, render]) => manifest.get(path)?.signature === render.signature && manifest.get(path)?.pending !== true));
    return new RenderReuse(keys, onDisk);
  }

  /** The signatures on disk of `paths`, in order, when all of them were rendered from `key`; else null. */
  signatures(paths: readonly string[], key: string): readonly string[] | null {
    const found: string[] = [];
    for (const path of paths) {
      const render = this.remembered.get(path);
      if (render?.key !== key) return null;
      found.push(render.signature);
    }
    return found;
  }
}


/**
 * Remembers, per output directory, which input key rendered each file and the signature of the
 * bytes written, so a later run with the same key can hand the writer that signature instead of
 * rendering: the writer keeps the file when the disk still holds those bytes, intact, and asks
 * for the contents otherwise. No file contents are stored. Kept beside the schema cache; an
 * entry that does not parse is a miss, never an error.
 */
export class RenderCache {
  readonly file: string;

  constructor(cacheDir: string, outputDir: string) {
    this.file = join(cacheDir, 'renders', `${outputDirKey(outputDir)}.json`);
  }

  /** Output path → what rendered it, from the last run that wrote this output directory. */
  async read(): Promise<ReadonlyMap<string, RememberedRender>> {
    let entry: CacheEntry;
    try {
      entry = JSON.parse(await readFile(this.file, 'utf8')) as CacheEntry;
    } catch {
      return new Map();
    }
    const remembered = new Map<string, RememberedRender>();
    if (entry?.format !== ENTRY_FORMAT || typeof entry.files !== 'object' || entry.files === null) return remembered;
    for (const [path, value] of Object.entries(entry.files)) {
      if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') remembered.set(path, { key: value[0], signature: value[1] });
    }
    return remembered;
  }

  /**
   * Records the files that are now on disk as rendered (created, updated or unchanged), with
   * the signatures the output's manifest holds for them. A skipped file (edited by hand) is left
   * out, so the next run renders it again. Another run may have written the output since this
   * one's writer let go of its lock: then the manifest is not the one `report` vouches for, its
   * signatures are not of this run's bytes, and nothing is stored (the entry before stays, and
   * holds only for files that still have the bytes it says). Resolves to whether it stored.
   */
  async remember(keys: ReadonlyMap<string, string>, report: WriteReport, outputDir: string): Promise<boolean> {
    const { manifest, signature } = readSignedManifest(outputDir);
    if (signature !== report.manifestSignature) return false;
    const files: Record<string, readonly [string, string]> = {};
    for (const path of [...report.created, ...report.updated, ...report.unchanged].sort()) {
      const key = keys.get(path);
      const entry = manifest.get(path);
      if (key !== undefined && entry !== undefined && entry.pending !== true) files[path] = [key, entry.signature];
    }
    const entry: CacheEntry = { format: ENTRY_FORMAT, files };
    await writeFileAtomic(this.file, `${JSON.stringify(entry)}\n`);
    return true;
  }
}
