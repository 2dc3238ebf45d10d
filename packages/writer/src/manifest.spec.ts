import { describe, expect, it } from 'vitest';
import { MalformedManifestError } from './errors.js';
import { parseManifest, serializeManifest, type ManifestEntry } from './manifest.js';
import { contentSignature } from './signature.js';

const a = contentSignature('a');
const b = contentSignature('b');

describe('manifest', () => {
  it('serialises sorted by path, as Prettier prints JSON, and parses back', () => {
    const entries: ManifestEntry[] = [
      { path: 'models/user.ts', signature: a },
      { path: '10.ts', signature: b }, // a numeric-looking name must not reorder (it would as an object key)
      { path: 'index.ts', signature: b, previousSignature: a, pending: true },
    ];
    const text = serializeManifest(entries);
    expect(text).toBe(
      `${JSON.stringify(
        {
          version: 1,
          files: [
            { path: '10.ts', signature: b },
            { path: 'index.ts', signature: b, previousSignature: a, pending: true },
            { path: 'models/user.ts', signature: a },
          ],
        },
        null,
        2,
      )}\n`,
    );
    expect([...parseManifest(text, 'm').values()]).toEqual([entries[1], entries[2], entries[0]]);
    expect(serializeManifest([...entries].reverse())).toBe(text);
  });

  it('serialises an empty manifest', () => {
    const text = serializeManifest([]);
    expect(parseManifest(text, 'm').size).toBe(0);
  });

  it.each([
    ['not JSON', '{', 'not valid JSON'],
    ['an array', '[]', 'expected a JSON object'],
    ['another version', '{"version":0,"files":[]}', 'expected "version": 1'],
    ['a newer version', '{"version":2,"files":[]}', 'newer rr'],
    ['no files', '{"version":1}', '"files" to be an array'],
    ['an entry that is not an object', '{"version":1,"files":[1]}', 'files[0] is not an object'],
    ['a path escaping the directory', `{"version":1,"files":[{"path":"../x.ts","signature":"${a}"}]}`, "'..'"],
    ['an absolute path', `{"version":1,"files":[{"path":"/x.ts","signature":"${a}"}]}`, 'absolute'],
    ['a bad signature', '{"version":1,"files":[{"path":"x.ts","signature":"md5:00"}]}', 'signature'],
    ['a duplicate', `{"version":1,"files":[{"path":"x.ts","signature":"${a}"},{"path":"x.ts","signature":"${a}"}]}`, 'twice'],
    ['a bad pending flag', `{"version":1,"files":[{"path":"x.ts","signature":"${a}","pending":1}]}`, 'pending'],
  ])('refuses %s', (_, text, problem) => {
    const error = (() => {
      try {
        parseManifest(text, '/out/.rr-manifest.json');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MalformedManifestError);
    expect((error as MalformedManifestError).code).toBe('MALFORMED_MANIFEST');
    expect((error as Error).message).toContain(problem);
    expect((error as Error).message).toContain('/out/.rr-manifest.json');
  });
});
