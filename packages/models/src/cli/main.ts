import { Command, CommanderError } from 'commander';
import { passwordOf } from '@rr/schema';
import { generateCommand } from './commands/generate.js';
import { snapshotCommand } from './commands/snapshot.js';
import type { Startup } from './cached-bundle.js';
import { EXIT, processIo, reportError, type Io } from './output.js';

const VERSION = '0.0.0';

/** Runs rrgen with the given arguments; resolves to the process exit code. */
export async function main(argv: readonly string[], io: Io = processIo, startup: Startup = { codeCache: 'absent' }): Promise<number> {
  let exitCode: number = EXIT.ok;
  const secrets = [passwordOf(process.env.RR_DATABASE_URL), ...argv.map((arg) => passwordOf(arg.replace(/^--database-url=/, '')))];
  const run = async (action: () => Promise<number>) => {
    try {
      exitCode = await action();
    } catch (error) {
      exitCode = reportError(io, error, secrets);
    }
  };
  const program = new Command('rrgen')
    .description('Generate Rocicorp Zero schemas and ReactiveRecord models from PostgreSQL')
    .version(VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.addCommand(generateCommand(io, run, startup));
  program.addCommand(snapshotCommand(io, run));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    return reportError(io, error, secrets);
  }
  return exitCode;
}
