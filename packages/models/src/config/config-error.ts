/** A configuration that cannot be used; `key` names the offending entry as a JSON path (or flag). */
export class ConfigError extends Error {
  readonly code = 'RR_CONFIG_INVALID';
  constructor(
    readonly file: string,
    readonly key: string | null,
    message: string,
  ) {
    super(`${file}${key === null ? '' : ` (${key})`}: ${message}`);
    this.name = 'ConfigError';
  }
}
