import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { jsonLines, jsonLineTexts, readJsonLinesFile } from './json-lines.js';

const work = mkdtempSync(join(tmpdir(), 'rr-json-lines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readJsonLinesFile', () => {
  it('decodes the head line alone, multi-byte characters included, and the whole text when asked', async () => {
    const file = join(work, 'entry.jsonl');
    const text = [...jsonLines({ key: 'é€😀\n' }, [{ name: 'tags' }, { name: '€' }])].join('');
    writeFileSync(file, text);

    const read = await readJsonLinesFile(file);

    expect(JSON.parse(read.head)).toEqual({ key: 'é€😀\n' });
    expect(read.text()).toBe(text);
    expect(jsonLineTexts(read.text()).items).toEqual(['{"name":"tags"}', '{"name":"€"}']);
  });

  it('rejects a file without a line', async () => {
    const file = join(work, 'no-line.jsonl');
    writeFileSync(file, '{"key":');
    await expect(readJsonLinesFile(file)).rejects.toThrow('truncated JSON lines');
  });
});
