import { hash } from 'node:crypto';
import { resolve } from 'node:path';

/**
 * The SHA-256 of `text`'s UTF-8 bytes, in hex: what the caches key and compare on. One call of
 * `crypto.hash` rather than a `createHash` object per digest: a cold musicbrainz run makes about
 * 1,000 of them here, and the writer as many for its signatures.
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** What the caches name an output directory's entries by: the start of its absolute path's digest. */
export function outputDirKey(outputDir: string): string {
  return sha256Hex(resolve(outputDir)).slice(0, 32);
}
