import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old or the new bytes, never a part: the bytes
 * go to a temporary file in the same directory (same file system), which is then renamed.
 * `contents` may come in pieces, written one after the other.
 */
export async function writeFileAtomic(file: string, contents: string | Iterable<string>): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      for (const piece of typeof contents === 'string' ? [contents] : contents) await handle.write(piece);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
