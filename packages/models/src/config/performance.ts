import { closest } from './closest.js';
import { ConfigError } from './config-error.js';
import { isObject, positiveWholeNumber } from './config-values.js';

export const PROFILE_NAMES = ['development', 'staging', 'production'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** How one run trades memory and start-up for speed (rr.config.json `performance.<profile>`). */
export interface PerformanceProfile {
  /** Render in worker threads beside the main thread when the run is large enough (`parallelMinModels`). */
  readonly parallel: boolean;
  /** With `parallel`: the fewest models to render that make worker threads pay for their start-up. */
  readonly parallelMinModels: number;
  /** With `parallel`: how many worker threads; null lets rr choose from the cores (`autoRenderWorkers`). */
  readonly renderWorkers: number | null;
  /** Reuse the snapshot of an unchanged `.sql` file instead of starting the embedded database again. */
  readonly cacheSchemas: boolean;
  /** Skip rendering models whose files the last run rendered from the same input and that are still on disk. */
  readonly cacheRenders: boolean;
  /** Files the writer reads or writes per step: bounds the file contents held at once. */
  readonly batchSize: number;
  /** Heap ceiling checked after every stage, in MB; null for none. */
  readonly memoryLimitMb: number | null;
}

export type PerformanceProfiles = Readonly<Record<ProfileName, PerformanceProfile>>;

/**
 * Below this many models no worker starts. Not measured on a machine where workers pay (on 2
 * cores none does; docs/performance.md), which is why it is a knob.
 */
export const PARALLEL_MIN_MODELS = 200;

/**
 * Development and staging have no memory limit: a developer's or CI machine's schema size is
 * not known in advance, and failing a local run for memory helps nobody. Production runs on
 * sized machines, where 500 MB is several times what the largest shared schema needs.
 */
export const DEFAULT_PROFILES: PerformanceProfiles = {
  development: { parallel: false, parallelMinModels: PARALLEL_MIN_MODELS, renderWorkers: null, cacheSchemas: true, cacheRenders: true, batchSize: 10, memoryLimitMb: null },
  staging: { parallel: true, parallelMinModels: PARALLEL_MIN_MODELS, renderWorkers: null, cacheSchemas: true, cacheRenders: true, batchSize: 50, memoryLimitMb: null },
  production: { parallel: true, parallelMinModels: PARALLEL_MIN_MODELS, renderWorkers: null, cacheSchemas: true, cacheRenders: true, batchSize: 100, memoryLimitMb: 500 },
};

const PROFILE_KEYS = ['parallel', 'parallelMinModels', 'renderWorkers', 'cacheSchemas', 'cacheRenders', 'batchSize', 'memoryLimitMb'] as const;

/** Checks `performance` from rr.config.json and fills each profile's gaps from its defaults. */
export function parsePerformance(file: string, value: unknown): PerformanceProfiles {
  if (value === undefined) return DEFAULT_PROFILES;
  if (!isObject(value)) throw new ConfigError(file, 'performance', `must be an object with ${PROFILE_NAMES.join(', ')}.`);
  for (const key of Object.keys(value)) {
    if (!(PROFILE_NAMES as readonly string[]).includes(key)) throw unknownKey(file, `performance.${key}`, key, PROFILE_NAMES);
  }
  const profiles = {} as Record<ProfileName, PerformanceProfile>;
  for (const name of PROFILE_NAMES) profiles[name] = parseProfile(file, `performance.${name}`, value[name], DEFAULT_PROFILES[name]);
  return profiles;
}

function parseProfile(file: string, path: string, value: unknown, defaults: PerformanceProfile): PerformanceProfile {
  if (value === undefined) return defaults;
  if (!isObject(value)) throw new ConfigError(file, path, `must be an object with ${PROFILE_KEYS.join(', ')}.`);
  for (const key of Object.keys(value)) {
    if (!(PROFILE_KEYS as readonly string[]).includes(key)) throw unknownKey(file, `${path}.${key}`, key, PROFILE_KEYS);
  }
  const flag = (key: 'parallel' | 'cacheSchemas' | 'cacheRenders'): boolean => {
    const v = key in value ? value[key] : defaults[key];
    if (typeof v !== 'boolean') throw new ConfigError(file, `${path}.${key}`, `must be true or false, got ${JSON.stringify(v)}.`);
    return v;
  };
  const count = (key: 'batchSize' | 'parallelMinModels' | 'renderWorkers' | 'memoryLimitMb', options?: { readonly unit?: string; readonly ifNull?: string }): number | null =>
    positiveWholeNumber(file, `${path}.${key}`, key in value ? value[key] : defaults[key], options);
  return {
    parallel: flag('parallel'),
    parallelMinModels: count('parallelMinModels')!,
    renderWorkers: count('renderWorkers', { ifNull: 'to let rr choose from the cores' }),
    cacheSchemas: flag('cacheSchemas'),
    cacheRenders: flag('cacheRenders'),
    batchSize: count('batchSize')!,
    memoryLimitMb: count('memoryLimitMb', { unit: 'megabytes', ifNull: 'for no limit' }),
  };
}

/** The profile a run uses and why, so a surprising choice can be explained. */
export interface ResolvedProfile extends PerformanceProfile {
  readonly name: ProfileName;
  readonly chosenBy: '--profile' | 'NODE_ENV' | 'default';
  /** Set when NODE_ENV named no profile and development was used instead. */
  readonly note: string | null;
}

/** --profile, else NODE_ENV when it names a profile, else development. */
export function resolveProfile(
  config: { readonly performance: PerformanceProfiles },
  options: { readonly profile?: string; readonly env?: NodeJS.ProcessEnv } = {},
): ResolvedProfile {
  const pick = (name: ProfileName, chosenBy: ResolvedProfile['chosenBy'], note: string | null = null): ResolvedProfile => ({
    ...config.performance[name],
    name,
    chosenBy,
    note,
  });
  if (options.profile !== undefined) {
    if (isProfileName(options.profile)) return pick(options.profile, '--profile');
    const guess = closest(options.profile, PROFILE_NAMES);
    throw new ConfigError(
      'command line',
      '--profile',
      `unknown profile ${JSON.stringify(options.profile)}${guess ? ` (did you mean ${guess}?)` : ''}; use ${PROFILE_NAMES.join(', ')}.`,
    );
  }
  const nodeEnv = (options.env ?? process.env).NODE_ENV;
  if (nodeEnv !== undefined && nodeEnv !== '') {
    if (isProfileName(nodeEnv)) return pick(nodeEnv, 'NODE_ENV');
    return pick('development', 'default', `NODE_ENV=${nodeEnv} names no performance profile (${PROFILE_NAMES.join(', ')}); using development.`);
  }
  return pick('development', 'default');
}

function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

export function unknownKey(file: string, path: string, key: string, known: readonly string[]): ConfigError {
  const guess = closest(key, known);
  return new ConfigError(file, path, `unknown key${guess ? ` (did you mean "${guess}"?)` : ''}; known keys here: ${known.join(', ')}.`);
}
