/** Reading what is in the output directory: its manifest, and files without following links. */

import { closeSync, openSync, readFileSync, constants as fsConstants } from 'node:fs';
import { join, resolve } from 'node:path';
import { errnoCode, OutputNotWritableError } from './errors.js';
import { MANIFEST_FILE_NAME, parseManifest, type Manifest } from './manifest.js';
import { contentSignature } from './signature.js';

// Reading through a symlink must be a decision, not an accident: O_NOFOLLOW makes it fail loudly.
const READ_WITHOUT_FOLLOWING = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0);

/**
 * The manifest of an output directory as it is now: empty when there is none (or no directory).
 * Callers use its signatures as the expected ones of contents made on demand.
 */
export function readManifestFile(outputDir: string): Manifest {
  const { path, text } = manifestOf(outputDir);
  return text === undefined ? new Map() : parseManifest(text, path);
}

/** The manifest and the signature of its bytes (`WriteReport.manifestSignature`); null without one. */
export function readSignedManifest(outputDir: string): { readonly manifest: Manifest; readonly signature: string | null } {
  const { path, text } = manifestOf(outputDir);
  return text === undefined ? { manifest: new Map(), signature: null } : { manifest: parseManifest(text, path), signature: contentSignature(text) };
}

function manifestOf(outputDir: string): { readonly path: string; readonly text: string | undefined } {
  const path = join(resolve(outputDir), MANIFEST_FILE_NAME);
  return { path, text: readManifestText(path) };
}

export function readManifestText(manifestPath: string): string | undefined {
  try {
    return readWithoutFollowing(manifestPath).toString('utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw new OutputNotWritableError(manifestPath, `the manifest cannot be read (${errnoCode(error) ?? String(error)})`, 'Make it a readable regular file, or delete it.', { cause: error });
  }
}

export function readWithoutFollowing(absolute: string): Buffer {
  const fd = openSync(absolute, READ_WITHOUT_FOLLOWING);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
