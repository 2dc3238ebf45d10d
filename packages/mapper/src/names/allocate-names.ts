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
  /**
   * More names in use, as a lookup on the normalized name: for a large set that already exists
   * in another form (every model's type names), which would cost more to copy than to ask.
   */
  readonly isReserved?: (name: string) => boolean;
}

function withSuffix(name: string, n: number): string {
  return /[0-9]$/.test(name) ? `${name}_${n}` : `${name}${n}`;
}

// Shared rather than made per call: most calls (a model's finders, a table's few relationships)
// settle a handful of names, where the set-up would be most of the work.
const NO_OPTIONS: AllocateOptions = {};
const identity = (name: string): string => name;
const wanted = (request: NameRequest): string => request.candidates[0] as string;
const granted = (request: NameRequest): NameGrant => ({ name: wanted(request), wanted: wanted(request), lostTo: null });

/** Grants by request id. */
export function allocateNames(
  requests: readonly NameRequest[],
  options: AllocateOptions = NO_OPTIONS,
): Map<string, NameGrant> {
  const grants = allocateNamesInOrder(requests, options);
  const byId = new Map<string, NameGrant>();
  requests.forEach((request, index) => byId.set(request.id, grants[index] as NameGrant));
  return byId;
}

/** Grants in the order of `requests`, for callers that keep their own lists in that order. */
export function allocateNamesInOrder(
  requests: readonly NameRequest[],
  options: AllocateOptions = NO_OPTIONS,
): NameGrant[] {
  const normalize = options.normalize ?? identity;
  let reservedList: Set<string> | null = null;
  if (options.reserved !== undefined) {
    reservedList = new Set<string>();
    for (const name of options.reserved) reservedList.add(normalize(name));
  }
  const isReserved = options.isReserved;
  const reserved = (name: string): boolean =>
    (reservedList !== null && reservedList.has(name)) || (isReserved !== undefined && isReserved(name));

  // How many requests want each name first. The common case: every first choice is free and
  // distinct, so no ordering is needed.
  const firstChoices = new Map<string, number>();
  let clash = false;
  for (const request of requests) {
    const name = normalize(wanted(request));
    const wanters = firstChoices.get(name) ?? 0;
    if (wanters > 0 || reserved(name)) clash = true;
    firstChoices.set(name, wanters + 1);
  }
  if (!clash) return requests.map(granted);

  // A first choice nobody else wants and nothing reserves is granted whatever the order; only
  // the contested requests are ordered, by (priority, id), and settled among themselves.
  const grants = new Map<NameRequest, NameGrant>();
  const taken = new Set<string>();
  const contested: NameRequest[] = [];
  for (const request of requests) {
    const name = normalize(wanted(request));
    if (firstChoices.get(name) === 1 && !reserved(name)) {
      taken.add(name);
      grants.set(request, granted(request));
    } else {
      contested.push(request);
    }
  }
  contested.sort((a, b) => a.priority - b.priority || compareCodePoints(a.id, b.id));
  const isTaken = (name: string): boolean => taken.has(name) || reserved(name);
  const winners = new Map<string, string>();
  const losers: NameRequest[] = [];
  for (const request of contested) {
    const name = normalize(wanted(request));
    if (isTaken(name)) {
      losers.push(request);
      continue;
    }
    taken.add(name);
    winners.set(name, request.id);
    grants.set(request, granted(request));
  }

  const isFree = (name: string): boolean => !isTaken(normalize(name)) && !firstChoices.has(normalize(name));
  for (const request of losers) {
    const first = wanted(request);
    let chosen = request.candidates.slice(1).find(isFree) ?? request.fallbacks?.().find(isFree);
    for (let n = 2; chosen === undefined; n++) {
      const attempt = withSuffix(first, n);
      if (isFree(attempt)) chosen = attempt;
    }
    taken.add(normalize(chosen));
    const winner = winners.get(normalize(first));
    grants.set(request, { name: chosen, wanted: first, lostTo: winner === undefined ? 'reserved' : [winner] });
  }
  return requests.map((request) => grants.get(request) as NameGrant);
}
