import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRrConfig, type GenerateOptions } from '@rr/models';

type Profile = NonNullable<GenerateOptions['profile']>;

/**
 * The development and production profiles as rr resolves them for an rr.config.json that sets
 * nothing: read through rr's own config reader, so the suites follow its defaults when they change.
 */
export function defaultProfiles(): { readonly development: Profile; readonly production: Profile } {
  const dir = mkdtempSync(join(tmpdir(), 'rr-bench-config-'));
  try {
    const file = join(dir, 'rr.config.json');
    writeFileSync(file, '{}\n');
    const { performance } = readRrConfig(file);
    return { development: { ...performance.development, name: 'development' }, production: { ...performance.production, name: 'production' } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
