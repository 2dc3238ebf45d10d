import { InvalidInputError, UnsafePathError, type PathViolation } from './errors.js';
import { LOCK_FILE_NAME } from './lock.js';
import { MANIFEST_FILE_NAME } from './manifest.js';
import { baseNameOf, comparePaths, parentDirectories, TEMPORARY_NAME_PATTERN, unsafePathReason } from './paths.js';
import { contentSignature, signBody } from './signature.js';
import type { WritableFile } from './writable-file.js';

/** A file as it will land on disk: final bytes (header included) and the signature the manifest records. */
export interface PreparedFile {
  readonly path: string;
  readonly bytes: Buffer;
  readonly signature: string;
}

/**
 * Validates every path before anything touches the output, then stamps and signs the contents.
 * All problems are collected so one run reports them all. Result is sorted by path.
 */
export function prepareFiles(files: readonly WritableFile[], outputDir: string): PreparedFile[] {
  const violations: PathViolation[] = [];
  const problems: string[] = [];
  const byFoldedPath = new Map<string, string>();

  for (const [index, file] of files.entries()) {
    if (typeof file?.path !== 'string' || typeof file.contents !== 'string' || typeof file.generated !== 'boolean') {
      problems.push(`files[${index}] is not { path: string, contents: string, generated: boolean }`);
      continue;
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
    .map((file) => {
      if (!file.generated) {
        const bytes = Buffer.from(file.contents);
        return { path: file.path, bytes, signature: contentSignature(bytes) };
      }
      const { signature, text } = signBody(file.contents);
      return { path: file.path, bytes: Buffer.from(text), signature };
    })
    .sort((a, b) => comparePaths(a.path, b.path));
}
