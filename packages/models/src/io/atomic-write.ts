import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Contents, or a function that makes them once the temporary file is open (null: write nothing
 * after all). It may use the file meanwhile, for its times, as long as what it returns is what
 * the file is to hold.
 */
export type AtomicContents = string | Iterable<string> | ((temporary: FileHandle) => Promise<string | Iterable<string> | null>);

/**
 * Pieces are gathered into writes of about this many characters. A write per piece costs a
 * round trip to libuv's thread pool each: storing musicbrainz's snapshot and model set, a
 * thousand lines each, took about 400 ms that way on this 2-core machine (docs/performance.md).
 */
const CHUNK_CHARS = 256 * 1024;

/**
 * Writes a file so that readers see either the old or the new bytes, never a part: the bytes
 * go to a temporary file in the same directory (same file system), which is then renamed.
 * `contents` may come in pieces, written one after the other. Resolves to false when a
 * contents function declined, leaving the file as it was.
 */
export async function writeFileAtomic(file: string, contents: AtomicContents): Promise<boolean> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    let made: string | Iterable<string> | null;
    try {
      made = typeof contents === 'function' ? await contents(handle) : contents;
      // What the function wrote meanwhile is not part of the contents.
      if (made !== null && typeof contents === 'function') await handle.truncate(0);
      let position = 0;
      let chunk: string[] = [];
      let chunkChars = 0;
      const flush = async () => {
        const text = chunk.join('');
        chunk = [];
        chunkChars = 0;
        if (text !== '') position += (await handle.write(text, position)).bytesWritten;
      };
      for (const piece of made === null ? [] : typeof made === 'string' ? [made] : made) {
        chunk.push(piece);
        chunkChars += piece.length;
        if (chunkChars >= CHUNK_CHARS) await flush();
      }
      await flush();
    } finally {
      await handle.close();
    }
    if (made === null) {
      await rm(temp, { force: true });
      return false;
    }
    await rename(temp, file);
    return true;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
