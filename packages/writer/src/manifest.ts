import { MalformedManifestError } from './errors.js';
import { comparePaths, unsafePathReason } from './paths.js';
import { isSignature } from './signature.js';

/** The manifest sits in the output directory, so it travels with the generated files (and with a commit of them). */
export const MANIFEST_FILE_NAME = '.rr-manifest.json';
export const MANIFEST_VERSION = 1;

/**
 * One file rr owns. `signature` is the signature of the bytes rr wrote: the header signature for a
 * generated file, the hash of the whole content otherwise.
 *
 * `pending` marks an entry written ahead of a change that may not have completed (the run was
 * killed): the file may then be missing, hold the bytes of `signature`, hold the bytes of
 * `previousSignature`, and a temporary file may lie beside it. All of those count as rr's own.
 */
export interface ManifestEntry {
  readonly path: string;
  readonly signature: string;
  readonly previousSignature?: string;
  readonly pending?: true;
}

export type Manifest = ReadonlyMap<string, ManifestEntry>;

export function parseManifest(text: string, manifestPath: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MalformedManifestError(manifestPath, `not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(data)) throw new MalformedManifestError(manifestPath, 'expected a JSON object');
  if (data['version'] !== MANIFEST_VERSION) {
    const newer = typeof data['version'] === 'number' && data['version'] > MANIFEST_VERSION;
    throw new MalformedManifestError(
      manifestPath,
      newer
        ? `version ${String(data['version'])} was written by a newer rr (this one reads version ${MANIFEST_VERSION}); upgrade rr instead of deleting it`
        : `expected "version": ${MANIFEST_VERSION}, found ${JSON.stringify(data['version'])}`,
    );
  }
  const files = data['files'];
  if (!Array.isArray(files)) throw new MalformedManifestError(manifestPath, 'expected "files" to be an array');

  const entries = new Map<string, ManifestEntry>();
  files.forEach((item: unknown, index) => {
    const where = `files[${index}]`;
    if (!isRecord(item)) throw new MalformedManifestError(manifestPath, `${where} is not an object`);
    const { path, signature, previousSignature, pending } = item;
    if (typeof path !== 'string') throw new MalformedManifestError(manifestPath, `${where}.path is not a string`);
    // A manifest is input like any other: a path in it must not let prune delete outside the output directory.
    const unsafe = unsafePathReason(path);
    if (unsafe) throw new MalformedManifestError(manifestPath, `${where}.path ${JSON.stringify(path)}: ${unsafe}`);
    if (!isSignature(signature)) throw new MalformedManifestError(manifestPath, `${where}.signature is not "sha256:<64 hex>"`);
    if (previousSignature !== undefined && !isSignature(previousSignature)) {
      throw new MalformedManifestError(manifestPath, `${where}.previousSignature is not "sha256:<64 hex>"`);
    }
    if (pending !== undefined && pending !== true) throw new MalformedManifestError(manifestPath, `${where}.pending must be true when present`);
    if (entries.has(path)) throw new MalformedManifestError(manifestPath, `${where}.path ${JSON.stringify(path)} is listed twice`);
    entries.set(path, {
      path,
      signature,
      ...(previousSignature === undefined ? {} : { previousSignature }),
      ...(pending === true ? { pending } : {}),
    });
  });
  return entries;
}

/** Deterministic text: entries sorted by path, one per line so a commit of the output diffs cleanly. */
export function serializeManifest(entries: Iterable<ManifestEntry>): string {
  const files = [...entries]
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((entry) => ({
      path: entry.path,
      signature: entry.signature,
      ...(entry.previousSignature === undefined ? {} : { previousSignature: entry.previousSignature }),
      ...(entry.pending ? { pending: true } : {}),
    }));
  // Two-space JSON is what Prettier prints for this shape, so `prettier --check` passes on it.
  return `${JSON.stringify({ version: MANIFEST_VERSION, files }, null, 2)}\n`;
}

/** Signatures whose bytes on disk are rr's own for this entry. */
export function ownedSignatures(entry: ManifestEntry): readonly string[] {
  return entry.previousSignature === undefined ? [entry.signature] : [entry.signature, entry.previousSignature];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
