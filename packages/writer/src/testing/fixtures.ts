/** Helpers shared by the writer's specs. Real temporary directories, never a mocked file system. */

import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { WritableFile } from '../writable-file.js';

/** A file given with its text, as most tests give them. */
export type TextFile = WritableFile & { readonly contents: string };

const created: string[] = [];

/** A fresh temporary directory, removed after the current test. */
export function temporaryDirectory(prefix = 'rr-writer-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function generated(path: string, contents: string): TextFile {
  return { path, contents, generated: true };
}

export function verbatim(path: string, contents: string): TextFile {
  return { path, contents, generated: false };
}

/** A small model set: two directories deep, one verbatim JSON file. */
export function sampleFiles(variant = 'v1'): TextFile[] {
  return [
    generated('index.ts', `export * from './models/user.js';\nexport * from './models/post.js';\n// ${variant}\n`),
    generated('models/user.ts', `export class User {}\n// ${variant}\n`),
    generated('models/post.ts', `export class Post {}\n// ${variant}\n`),
    generated('models/nested/comment.ts', `export class Comment {}\n// ${variant}\n`),
    verbatim('schema.json', `{ "variant": "${variant}" }\n`),
  ];
}

export function manyFiles(count: number, variant: string, bodyBytes = 200): TextFile[] {
  return Array.from({ length: count }, (_, i) =>
    generated(`models/group${i % 8}/model${String(i).padStart(5, '0')}.ts`, `export const model${i} = '${variant}';\n${'/'.repeat(bodyBytes)}\n`),
  );
}

export interface FileState {
  readonly bytes: string;
  readonly mtimeMs: number;
  readonly ino: number;
}

/** Every entry under `dir` (files with bytes, mtime and inode; directories and links by kind), keyed by relative path. */
export function snapshotTree(dir: string): Map<string, FileState | 'directory' | 'symlink'> {
  const result = new Map<string, FileState | 'directory' | 'symlink'>();
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const stats = lstatSync(join(dir, path));
      if (stats.isSymbolicLink()) {
        result.set(path, 'symlink');
      } else if (stats.isDirectory()) {
        result.set(path, 'directory');
        walk(path);
      } else {
        result.set(path, { bytes: readFileSync(join(dir, path), 'latin1'), mtimeMs: stats.mtimeMs, ino: stats.ino });
      }
    }
  };
  walk('');
  return result;
}

/** Relative paths of the regular files under `dir`, sorted. */
export function listFiles(dir: string): string[] {
  return [...snapshotTree(dir)].filter(([, state]) => typeof state === 'object').map(([path]) => path);
}

export function readText(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}
