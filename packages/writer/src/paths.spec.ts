import { describe, expect, it } from 'vitest';
import { depthOf, parentDirectories, TEMPORARY_NAME_PATTERN, temporaryName, unsafePathReason } from './paths.js';

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
