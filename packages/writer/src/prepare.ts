import { InvalidInputError, UnsafePathError, type PathViolation } from './errors.js';
import { LOCK_FILE_NAME } from './lock.js';
import { MANIFEST_FILE_NAME } from './manifest.js';
import { baseNameOf, parentDirectories, TEMPORARY_NAME_PATTERN, unsafePathReason } from './paths.js';
import { contentSignature, isSignature, readSignature, signedBytes } from './signature.js';
import type { WritableFile } from './writable-file.js';

/** A file as it will land on disk: final bytes (header included) and the signature the manifest records. */
export interface MadeFile {
  readonly path: string;
  readonly bytes: Buffer;
  readonly signature: string;
}

/**
 * A file whose bytes are made only when needed: `make` produces them (once). With `signature`,
 * what the caller expects to find on disk, they are made only when the disk does not hold it.
 */
export interface DeferredFile {
  readonly path: string;
  readonly bytes?: undefined;
  readonly signature: string | undefined;
  readonly generated: boolean;
  readonly make: () => MadeFile;
}

export type PreparedFile = MadeFile | DeferredFile;

export function isDeferred(file: PreparedFile): file is DeferredFile {
  return file.bytes === undefined;
}

/**
 * Validates every path before anything touches the output, then stamps and signs the contents
 * given as text; contents made on demand are made when the writer plans their file. All problems
 * are collected so one run reports them all. The order is the caller's: it is the order in which
 * contents are made.
 */
export function prepareFiles(files: readonly WritableFile[], outputDir: string): PreparedFile[] {
  const violations: PathViolation[] = [];
  const problems: string[] = [];
  const byFoldedPath = new Map<string, string>();

  for (const [index, file] of files.entries()) {
    if (typeof file?.path !== 'string' || !['string', 'function'].includes(typeof file.contents) || typeof file.generated !== 'boolean') {
      problems.push(`files[${index}] is not { path: string, contents: string | () => string, generated: boolean }`);
      continue;
    }
    if (typeof file.contents === 'function' && file.signature !== undefined && !isSignature(file.signature)) {
      problems.push(`${file.path}: the signature expected on disk must be "sha256:<64 hex>", got ${JSON.stringify(file.signature)}`);
    }
    const unsafe = unsafePathReason(file.path);
    if (unsafe) {
      violations.push({ path: file.path, reason: unsafe });
      continue;
    }
    if (file.path === MANIFEST_FILE_NAME || file.path === LOCK_FILE_NAME || TEMPORARY_NAME_PATTERN.test(baseNameOf(file.path))) {
      problems.push(`${file.path}: the name is reserved for the writer's own bookkeeping`);
    }
    // Case-folded, because the same output is checked out on case-insensitive file systems too.
    const folded = file.path.toLowerCase();
    const clash = byFoldedPath.get(folded);
    if (clash !== undefined) {
      problems.push(clash === file.path ? `${file.path}: listed more than once` : `${file.path} and ${clash} differ only in letter case`);
    } else {
      byFoldedPath.set(folded, file.path);
    }
  }
  if (violations.length > 0) throw new UnsafePathError(outputDir, violations);

  for (const path of byFoldedPath.values()) {
    for (const parent of parentDirectories(path)) {
      const fileAtParent = byFoldedPath.get(parent.toLowerCase());
      if (fileAtParent !== undefined) problems.push(`${fileAtParent} is a file, but ${path} needs it to be a directory`);
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);

  return files
    .map((file): PreparedFile => {
      const { path, contents, generated } = file;
      if (typeof contents === 'string') return made(path, contents, generated);
      // Not remembered: the planner makes each file once, and keeping them would hold every file's bytes.
      return { path, signature: file.signature, generated, make: () => made(path, madeContents(path, contents), generated) };
    });
}

function made(path: string, contents: string, generated: boolean): MadeFile {
  if (!generated) {
    const bytes = Buffer.from(contents);
    return { path, bytes, signature: contentSignature(bytes) };
  }
  return { path, ...signedBytes(contents) };
}

function madeContents(path: string, contents: () => string): string {
  const text = contents();
  if (typeof text !== 'string') throw new InvalidInputError([`${path}: contents() returned ${typeof text}, not a string`]);
  return text;
}

/** Whether `bytes` are, intact, what rr wrote for a file with this signature. */
export function holdsSignature(signature: string, generated: boolean, bytes: Uint8Array): boolean {
  if (!generated) return contentSignature(bytes) === signature;
  const header = readSignature(bytes);
  return header !== undefined && header.valid && header.signature === signature;
}
