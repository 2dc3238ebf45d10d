import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { writeFileAtomic } from './atomic-write.js';

const directory = () => mkdtempSync(join(tmpdir(), 'rr-atomic-'));

/** Counts the writes made through the temporary file's handle, then lets `pieces` be written. */
function counted(pieces: readonly string[]): { contents: (handle: FileHandle) => Promise<readonly string[]>; writes: () => number } {
  let writes = 0;
  return {
    writes: () => writes,
    contents: async (handle) => {
      const write = handle.write.bind(handle) as (text: string, position: number) => Promise<{ bytesWritten: number }>;
      (handle as { write: unknown }).write = (text: string, position: number) => {
        writes++;
        return write(text, position);
      };
      return pieces;
    },
  };
}

describe('writeFileAtomic', () => {
  it('writes many small pieces in a few large writes, and multi-byte text at the right offsets', async () => {
    const file = join(directory(), 'entry.jsonl');
    // 2,000 lines of about 300 characters, with characters of 2, 3 and 4 bytes in UTF-8.
    const lines = Array.from({ length: 2_000 }, (_, i) => `${JSON.stringify({ i, name: `é€😀${'x'.repeat(280)}` })}\n`);
    const { contents, writes } = counted(lines);

    expect(await writeFileAtomic(file, contents)).toBe(true);

    expect(readFileSync(file, 'utf8')).toBe(lines.join(''));
    const characters = lines.join('').length;
    expect(writes()).toBe(Math.ceil(characters / (256 * 1024)));
  });

  it('replaces the file whole and leaves no temporary file behind', async () => {
    const dir = directory();
    const file = join(dir, 'record.json');
    writeFileSync(file, 'old');

    await writeFileAtomic(file, ['new ', 'contents']);

    expect(readFileSync(file, 'utf8')).toBe('new contents');
    expect(readdirSync(dir)).toEqual(['record.json']);
  });

  it('leaves the file as it was when the contents function declines or throws', async () => {
    const dir = directory();
    const file = join(dir, 'record.json');
    writeFileSync(file, 'old');

    expect(await writeFileAtomic(file, async () => null)).toBe(false);
    await expect(
      writeFileAtomic(file, function* () {
        yield 'partial';
        throw new Error('made badly');
      }()),
    ).rejects.toThrow('made badly');

    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['record.json']);
  });
});
