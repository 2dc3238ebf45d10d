import { hash } from 'node:crypto';

/**
 * The SHA-256 of `text`'s UTF-8 bytes, in hex: what the caches key and compare on. One call of
 * `crypto.hash` rather than a `createHash` object per digest: a cold musicbrainz run makes about
 * 1,000 of them here, and the writer as many for its signatures.
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
