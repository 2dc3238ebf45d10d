/**
 * Deterministic disambiguation. Several things may want the same name (two tables whose
 * camelCase forms agree, a relationship named like a column); each request lists the names it
 * would accept, in order of preference. The outcome depends only on the requests, never on
 * their order: winners are decided by (priority, id), and a fallback name is never one that
 * another request wants as its first choice.
 */

import { compareCodePoints } from '../order.js';

export interface NameRequest {
  /** Unique and stable: decides ties after `priority`. */
  readonly id: string;
  /** Accepted names, most preferred first; at least one. */
  readonly candidates: readonly string[];
  /** Lower wins the first choice in a collision. */
  readonly priority: number;
  /** More fallbacks after `candidates`, computed only when needed (collisions are rare). */
  readonly fallbacks?: () => readonly string[];
}

export interface NameGrant {
  readonly name: string;
  /** The first choice this request wanted. */
  readonly wanted: string;
  /**
   * Why it did not get its first choice: the ids that won it, or `reserved` when a name that
   * was taken beforehand (e.g. a column name) blocked it; null when it got it.
   */
  readonly lostTo: readonly string[] | 'reserved' | null;
}

export interface AllocateOptions {
  /** How names compare: identity, or lowercase for case-insensitive file systems. */
  readonly normalize?: (name: string) => string;
  /** Names already in use, compared after `normalize`. */
  readonly reserved?: Iterable<string>;
}

function withSuffix(name: string, n: number): string {
  return /[0-9]$/.test(name) ? `${name}_${n}` : `${name}${n}`;
}

export function allocateNames(
  requests: readonly NameRequest[],
  options: AllocateOptions = {},
): Map<string, NameGrant> {
  const normalize = options.normalize ?? ((name: string) => name);
  const reserved = new Set<string>();
  for (const name of options.reserved ?? []) reserved.add(normalize(name));
  const wanted = (request: NameRequest): string => request.candidates[0] as string;

  // The common case: every first choice is free and distinct, so no ordering is needed.
  const firstChoices = new Set<string>();
  let clash = false;
  for (const request of requests) {
    const name = normalize(wanted(request));
    if (firstChoices.has(name) || reserved.has(name)) clash = true;
    firstChoices.add(name);
  }
  const grants = new Map<string, NameGrant>();
  if (!clash) {
    for (const request of requests) grants.set(request.id, { name: wanted(request), wanted: wanted(request), lostTo: null });
    return grants;
  }

  const ordered = [...requests].sort((a, b) => a.priority - b.priority || compareCodePoints(a.id, b.id));
  const taken = new Set(reserved);
  const winners = new Map<string, string>();
  const losers: NameRequest[] = [];
  for (const request of ordered) {
    const name = normalize(wanted(request));
    if (taken.has(name)) {
      losers.push(request);
      continue;
    }
    taken.add(name);
    winners.set(name, request.id);
    grants.set(request.id, { name: wanted(request), wanted: wanted(request), lostTo: null });
  }

  const isFree = (name: string): boolean => !taken.has(normalize(name)) && !firstChoices.has(normalize(name));
  for (const request of losers) {
    const first = wanted(request);
    let chosen = request.candidates.slice(1).find(isFree) ?? request.fallbacks?.().find(isFree);
    for (let n = 2; chosen === undefined; n++) {
      const attempt = withSuffix(first, n);
      if (isFree(attempt)) chosen = attempt;
    }
    taken.add(normalize(chosen));
    const winner = winners.get(normalize(first));
    grants.set(request.id, { name: chosen, wanted: first, lostTo: winner === undefined ? 'reserved' : [winner] });
  }
  return grants;
}
