import { join } from 'node:path';

import { RR_CONFIG_FILE } from './plugin-options.js';

/** Words every shell reads as themselves. */
const PLAIN_WORD = /^[\w@+=:,./-]+$/;
/** What cmd.exe still reads inside double quotes (a quote ends them; `%` and `!` expand). */
const CMD_SPECIAL = /["%!\r\n]/;

/**
 * `word` as the shell Nx runs commands through reads it back: `/bin/sh` on POSIX, `cmd.exe` on
 * Windows. Null where cmd.exe has no quoting that keeps it intact.
 */
function shellWord(word: string, platform: NodeJS.Platform): string | null {
  if (PLAIN_WORD.test(word)) return word;
  if (platform !== 'win32') return `'${word.replaceAll("'", `'\\''`)}'`;
  return CMD_SPECIAL.test(word) ? null : `"${word}"`;
}

/**
 * The `rrgen generate` command line that renders the project at `root` from its snapshot, run from
 * the workspace root (so every path and message names the project); null when a path cannot be
 * written for this platform's shell.
 *
 * Nx runs an `nx:run-commands` task from its own process, but forks a Node process that loads Nx
 * for every executor task: the command saves that fork on every project (docs/performance.md).
 */
export function rrgenCommand(root: string, snapshot: string, outputDir: string, platform: NodeJS.Platform = process.platform): string | null {
  const [snapshotPath, configPath, outPath] = [snapshot, RR_CONFIG_FILE, outputDir].map((path) => join(root, path));
  // `--flag=value` keeps a path that begins with a dash a value.
  const words = ['rrgen', 'generate', `--snapshot=${snapshotPath}`, `--config=${configPath}`, `--out=${outPath}`].map((word) => shellWord(word, platform));
  return words.includes(null) ? null : words.join(' ');
}
