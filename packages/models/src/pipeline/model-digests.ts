import type { ModelSet } from '@rr/mapper';

import { sha256Hex } from './sha256.js';

/**
 * Each model's digest: a hash of its JSON text, the part of its render key (render-cache.ts)
 * that is the model's own. Making that text is most of a render key's cost (about 17 ms for
 * musicbrainz's 508 models, the hashing 5 ms), and the model cache makes the same text for
 * its lines, so the two share it: a run stringifies each model at most once for both caches.
 */
const digestsOf = new WeakMap<ModelSet, readonly string[]>();

/** The digest of one model from its JSON text, exactly as `JSON.stringify` printed it. */
export function modelDigest(json: string): string {
  return sha256Hex(json);
}

/** The digests of the set's models, in order: known ones (see `knowDigests`), else made now. */
export function modelDigests(set: ModelSet): readonly string[] {
  let digests = digestsOf.get(set);
  if (digests === undefined) {
    digests = set.models.map((model) => modelDigest(JSON.stringify(model)));
    digestsOf.set(set, digests);
  }
  return digests;
}

/** The digests if this run already has them; never computes. */
export function knownDigests(set: ModelSet): readonly string[] | undefined {
  return digestsOf.get(set);
}

/**
 * Records digests made from the models' JSON elsewhere (the model cache's lines). A line read
 * back hashes to the same digest as its model printed again, since JSON text that
 * `JSON.stringify` made parses and prints back to the same text.
 */
export function knowDigests(set: ModelSet, digests: readonly string[]): void {
  if (digests.length !== set.models.length) throw new Error(`rr: ${digests.length} digests for ${set.models.length} models`);
  digestsOf.set(set, digests);
}
