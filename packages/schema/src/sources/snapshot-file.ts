import { readFile } from 'node:fs/promises';
import { SnapshotError } from '../errors.js';
import { parseSnapshot, type ParsedSnapshot } from '../snapshot/parse.js';

/** Reads and validates a snapshot written earlier. */
export async function readSnapshotFile(file: string): Promise<ParsedSnapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnapshotError(
      'RR_SNAPSHOT_UNREADABLE',
      `cannot read snapshot ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}. ` +
        'Write one with `rrgen snapshot`, or fix the path.',
    );
  }
  return parseSnapshot(text, file);
}
