import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

const hashes = new Map<string, string>();

/**
 * Set in the bundles by tools/bundle-cli.mjs: a bundle carries the hashes of the built code it
 * was made from (which is the code it runs), so it need not find and read that code at every
 * start (about 25 ms for all five packages here).
 */
declare const __RR_CODE_HASHES__: Readonly<Record<RrPackage, string>> | undefined;

/** rr's own packages, each a stage of the pipeline but the last, which composes them. */
export type RrPackage = '@rr/schema' | '@rr/mapper' | '@rr/renderer' | '@rr/writer' | '@rr/models';

/**
 * A hash of one of rr's own packages' code: what a cache keeps depends on it as much as on its
 * inputs, so an upgraded or rebuilt package must miss every entry. Its built files are hashed
 * once per process (a few milliseconds); from sources (tests) its TypeScript is. Found through
 * the package's name, since the bundles inline its code; the bundles themselves are built from
 * the files hashed, so they are left out.
 */
export function codeHash(packageName: RrPackage): string {
  if (typeof __RR_CODE_HASHES__ !== 'undefined') return __RR_CODE_HASHES__[packageName];
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
    return (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith(extension) && !file.endsWith('.spec.ts') && !file.startsWith(`bundle${sep}`)).sort();
  } catch {
    return [];
  }
}
