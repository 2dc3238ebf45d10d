import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';
import { beneath, depthOf, parentDirectories, TEMPORARY_NAME_PATTERN, temporaryName, unsafePathReason } from './paths.js';
import { temporaryBeside } from './staging.js';

describe('unsafePathReason', () => {
  it.each(['index.ts', 'models/user.ts', 'a/b/c/d.json', '.hidden/x.ts', 'a..b/c..d.ts', '...'])('accepts %s', (path) => {
    expect(unsafePathReason(path)).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['C:/x.ts', 'drive letter'],
    ['c:x.ts', 'drive letter'],
    ['../x.ts', "'..'"],
    ['models/../../x.ts', "'..'"],
    ['models/..', "'..'"],
    ['./x.ts', "'.'"],
    ['models/./x.ts', "'.'"],
    ['models//x.ts', 'empty segment'],
    ['models/', 'empty segment'],
    ['models\\..\\x.ts', 'backslash'],
    ['x\0.ts', 'NUL'],
  ])('refuses %j (%s)', (path, reason) => {
    expect(unsafePathReason(path)).toContain(reason);
  });
});

describe('path helpers', () => {
  it('lists parent directories outermost first', () => {
    expect(parentDirectories('a/b/c.ts')).toEqual(['a', 'a/b']);
    expect(parentDirectories('c.ts')).toEqual([]);
  });

  it('counts depth', () => {
    expect([depthOf(''), depthOf('a'), depthOf('a/b/c')]).toEqual([0, 1, 3]);
  });

  it('recognises its own temporary names and nothing a renderer would produce', () => {
    expect(TEMPORARY_NAME_PATTERN.test(temporaryName('user.ts', 123, 4))).toBe(true);
    expect(TEMPORARY_NAME_PATTERN.test('user.ts')).toBe(false);
    expect(TEMPORARY_NAME_PATTERN.test('.user.ts')).toBe(false);
  });
});

describe('paths on the disk', () => {
  // What join gives for the roots resolve makes and the paths unsafePathReason lets through.
  it.each([
    ['/tmp/out', 'index.ts'],
    ['/tmp/out', 'models/user.ts'],
    ['/', 'models/user.ts'],
    ['/tmp/a..b', '...'],
    ['/tmp/out', '.hidden/x.ts'],
  ])('puts %s and %s together as join does', (root, path) => {
    expect(beneath(resolve(root), path)).toBe(join(resolve(root), path));
  });

  it('names a temporary file in the target\'s own directory', () => {
    const target = join(resolve('/tmp/out'), 'models', 'user.ts');
    const temporary = temporaryBeside(target);
    expect(join(temporary, '..')).toBe(join(target, '..'));
    expect(TEMPORARY_NAME_PATTERN.test(temporary.slice(temporary.lastIndexOf('/') + 1))).toBe(true);
    expect(temporary).toContain('.user.ts.');
  });
});
