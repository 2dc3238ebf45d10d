import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every entry under `root` by relative path: a file's bytes (base64), a link's target, or `dir`.
 * Two equal states mean nothing was written, deleted or replaced below `root`.
 */
export function dirState(root: string): Map<string, string> {
  const state = new Map<string, string>();
  if (!existsSync(root)) return state;
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const key = prefix === '' ? name : `${prefix}/${name}`;
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) state.set(key, `link -> ${readlinkSync(path)}`);
      else if (stats.isDirectory()) {
        state.set(key, 'dir');
        walk(path, key);
      } else state.set(key, readFileSync(path).toString('base64'));
    }
  };
  walk(root, '');
  return state;
}
