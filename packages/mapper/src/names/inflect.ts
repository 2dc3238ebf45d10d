/**
 * Singular and plural forms, through the `inflection` library plus corrections.
 *
 * `inflection` (3.0.2) gets the common irregulars right (people → person, statuses → status,
 * children → child, criteria → criterion) but has rules that misfire on words a schema is likely
 * to contain: `caches` → `cach`, `cookies` → `cooky`, `analyses` → `analyasis`, `gases` → `gase`,
 * and singular words ending in `s` lose it (`census` → `censu`, `atlas` → `atla`). It also makes
 * `data` → `datum` and `media` → `medium`, which no one names a model after. The tables below fix
 * those cases; users add their own through `names.inflections` in config.
 *
 * Only the last word of a snake_case name is inflected (`credit_notes` → `credit_note`), which is
 * also what the library does, but keeps the corrections keyed on single words.
 */

import { pluralize, singularize } from 'inflection';

/** Words used the same in singular and plural. */
const UNCOUNTABLE: readonly string[] = [
  'data', 'metadata', 'meta', 'media', 'feedback', 'staff', 'sms', 'mms', 'gps', 'dns', 'cms', 'kudos',
  'ethos', 'cosmos', 'chaos', 'news', 'series', 'species', 'equipment', 'information', 'software',
  'hardware', 'firmware', 'middleware', 'sheep', 'fish', 'deer', 'moose', 'aircraft', 'access',
];

/** singular → plural pairs the library gets wrong in one direction or the other. */
const IRREGULAR: readonly (readonly [string, string])[] = [
  ['analysis', 'analyses'],
  ['apparatus', 'apparatuses'],
  ['atlas', 'atlases'],
  ['base', 'bases'],
  ['bias', 'biases'],
  ['cache', 'caches'],
  ['cactus', 'cacti'],
  ['census', 'censuses'],
  ['circus', 'circuses'],
  ['consensus', 'consensuses'],
  ['cookie', 'cookies'],
  ['corpus', 'corpora'],
  ['gas', 'gases'],
  ['iris', 'irises'],
  ['lens', 'lenses'],
  ['lie', 'lies'],
  ['minus', 'minuses'],
  ['nexus', 'nexuses'],
  ['niche', 'niches'],
  ['olive', 'olives'],
  ['pie', 'pies'],
  ['plus', 'pluses'],
  ['radius', 'radii'],
  ['surplus', 'surpluses'],
  ['tie', 'ties'],
  ['walrus', 'walruses'],
  ['zombie', 'zombies'],
];

export interface InflectionOverrides {
  readonly irregular: Readonly<Record<string, string>>;
  readonly uncountable: readonly string[];
}

/**
 * Singular/plural of names split into lowercase words (see `splitWords`); only the last word
 * changes. Memoised per instance (one instance per mapping run, as overrides come from config).
 */
export class Inflector {
  readonly #uncountable: ReadonlySet<string>;
  readonly #toPlural = new Map<string, string>();
  readonly #toSingular = new Map<string, string>();
  readonly #singularCache = new Map<string, string>();
  readonly #pluralCache = new Map<string, string>();

  constructor(overrides: InflectionOverrides = { irregular: {}, uncountable: [] }) {
    this.#uncountable = new Set([...UNCOUNTABLE, ...overrides.uncountable]);
    const pairs = [...IRREGULAR, ...Object.entries(overrides.irregular)];
    for (const [singular, plural] of pairs) {
      this.#toPlural.set(singular, plural);
      this.#toPlural.set(plural, plural);
      this.#toSingular.set(plural, singular);
      this.#toSingular.set(singular, singular);
    }
  }

  /** [`credit`, `notes`] → [`credit`, `note`]. */
  singularWords(words: readonly string[]): string[] {
    return this.#replaceLast(words, (word) => this.singularWord(word));
  }

  /** [`credit`, `note`] → [`credit`, `notes`]. */
  pluralWords(words: readonly string[]): string[] {
    return this.#replaceLast(words, (word) => this.pluralWord(word));
  }

  singularWord(word: string): string {
    return memo(this.#singularCache, word, () => {
      // The library strips a final letter from short words (`ts` → `t`, `os` → `o`); such words
      // are abbreviations far more often than plurals.
      if (!/^[a-z]+$/.test(word) || word.length <= 2 || this.#uncountable.has(word)) return word;
      return this.#toSingular.get(word) ?? singularize(word);
    });
  }

  pluralWord(word: string): string {
    return memo(this.#pluralCache, word, () => {
      if (!/^[a-z]+$/.test(word) || this.#uncountable.has(word)) return word;
      return this.#toPlural.get(word) ?? pluralize(word);
    });
  }

  #replaceLast(words: readonly string[], inflect: (word: string) => string): string[] {
    if (words.length === 0) return [];
    const result = [...words];
    result[result.length - 1] = inflect(words[words.length - 1] as string);
    return result;
  }
}

function memo(cache: Map<string, string>, key: string, compute: () => string): string {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = compute();
  cache.set(key, value);
  return value;
}
