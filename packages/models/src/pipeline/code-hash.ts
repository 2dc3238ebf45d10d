import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const hashes = new Map<string, string>();

/**
 * A hash of one of rr's own packages' code (the mapper's, the renderer's): what a cache keeps
 * depends on it as much as on its inputs, so an upgraded or rebuilt package must miss every
 * entry. Its built files are hashed once per process (a few milliseconds); from sources (tests)
 * its TypeScript is. Found through the package's name, since the bundles inline its code.
 */
export function codeHash(packageName: '@rr/mapper' | '@rr/renderer'): string {
  const known = hashes.get(packageName);
  if (known !== undefined) return known;
  const root = dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  const built = join(root, 'dist');
  const dir = listFiles(built, '.js').length > 0 ? built : join(root, 'src');
  const digest = createHash('sha256');
  for (const file of listFiles(dir, dir === built ? '.js' : '.ts')) digest.update(`${file}\0`).update(readFileSync(join(dir, file))).update('\0');
  const hash = digest.digest('hex');
  hashes.set(packageName, hash);
  return hash;
}

function listFiles(dir: string, extension: string): string[] {
  try {
    return (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith(extension) && !file.endsWith('.spec.ts')).sort();
  } catch {
    return [];
  }
}
