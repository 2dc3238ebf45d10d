import { Command } from 'commander';
import { loadSchema, serializeSnapshot, type SchemaSnapshot } from '@rr/schema';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { EXIT, type Io } from '../output.js';
import { addSourceOptions, resolveSource, UsageError, type SourceFlags } from '../source-options.js';

interface SnapshotFlags extends SourceFlags {
  readonly out?: string;
  readonly json?: boolean;
}

/** The counts `rrgen snapshot --json` prints. */
export function summarizeSnapshot(snapshot: SchemaSnapshot) {
  return {
    schemas: snapshot.schemas.length,
    tables: snapshot.tables.length,
    views: snapshot.views.length,
    columns: snapshot.tables.reduce((n, t) => n + t.columns.length, 0),
    enums: snapshot.enums.length,
    foreignKeys: snapshot.tables.reduce((n, t) => n + t.foreignKeys.length, 0),
    fingerprint: snapshot.fingerprint,
  };
}

export function snapshotCommand(io: Io, run: (action: () => Promise<number>) => Promise<void>): Command {
  const command = new Command('snapshot').description('introspect a database or .sql file and write a schema snapshot (JSON)');
  addSourceOptions(command, ['database', 'sql', 'snapshot'])
    .option('--out <file>', 'where to write the snapshot')
    .option('--json', 'print a JSON summary on stdout')
    .action((flags: SnapshotFlags) =>
      run(async () => {
        if (!flags.out) throw new UsageError('--out FILE is required: where to write the snapshot.');
        const { source, ...options } = resolveSource(flags);
        const started = performance.now();
        const result = await loadSchema(source, options);
        await writeFileAtomic(flags.out, serializeSnapshot(result.snapshot));
        const summary = {
          ...summarizeSnapshot(result.snapshot),
          queries: result.roundTrips,
          out: flags.out,
          warnings: result.warnings,
          timingsMs: { total: Math.round(performance.now() - started) },
        };
        for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
        if (flags.json) io.stdout(`${JSON.stringify(summary)}\n`);
        else {
          io.stderr(
            `wrote ${flags.out}: ${summary.tables} tables, ${summary.views} views, ${summary.columns} columns, ` +
              `${summary.enums} enums, ${summary.foreignKeys} foreign keys (${summary.queries} queries, ${summary.timingsMs.total} ms)\n`,
          );
        }
        return EXIT.ok;
      }),
    );
  return command;
}
