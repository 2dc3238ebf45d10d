import { ConfigError } from './config-error.js';

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A positive whole number at `path` of `file`. `unit` follows "number" in the message; `ifNull`
 * says what null means where null is allowed (and null is then returned).
 */
export function positiveWholeNumber(file: string, path: string, value: unknown, options: { readonly unit?: string; readonly ifNull?: string } = {}): number | null {
  if (value === null && options.ifNull !== undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    const unit = options.unit === undefined ? '' : ` of ${options.unit}`;
    const orNull = options.ifNull === undefined ? '' : `, or null ${options.ifNull}`;
    throw new ConfigError(file, path, `must be a positive whole number${unit}${orNull}, got ${JSON.stringify(value)}.`);
  }
  return value;
}
