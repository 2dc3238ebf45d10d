import { main } from '../main.js';
import type { Io } from '../output.js';

/** Runs rrgen in process, capturing what it prints. */
export async function runCli(...argv: string[]): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
