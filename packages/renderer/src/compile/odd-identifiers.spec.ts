/**
 * Generated code for a schema whose tables, columns, enums, labels and constraints are named like
 * JavaScript built-ins or hold quotes, backslashes, spaces, emoji, right-to-left text or 63-byte
 * names: it must compile under strict nodenext, load without touching any prototype, and hand
 * Zero every database name exactly.
 */
import { mapSchema } from '@rr/mapper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  GENERATED_DIR,
  createGeneratedProject,
  emitProject,
  formatDiagnostics,
  importEmitted,
  type CompileDiagnostic,
  type GeneratedProject,
} from '../testing/compile-output.js';
import { col, enumType, snapshot, table } from '../testing/snapshot.js';

const BUILTINS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'] as const;
/** PostgreSQL cuts names at 63 bytes, never inside a character: 59 ASCII bytes and a 4-byte emoji. */
const TRUNCATED = `${'x'.repeat(59)}😀`;
const ODD = [`it's "quoted"`, 'back\\slash', 'with space', 'emoji 😀', 'שלום עולם', '\u202eevil\u202c', TRUNCATED, 'user_posts', 'user-posts'] as const;

const TABLE_NAMES = [...BUILTINS, ...ODD, 'Users', 'users'];

function oddSnapshot() {
  const check = (column: string) => ({
    expression: `CHECK (((${JSON.stringify(column)})::text = ANY ((ARRAY[${BUILTINS.map((b) => `'${b}'::character varying`).join(', ')}])::text[])))`,
    columns: [column],
  });
  const tables = TABLE_NAMES.map((name, index) =>
    table(
      name,
      [
        col('id', 'uuid'),
        ...BUILTINS.map((column) => col(column, 'text', { comment: `${column} */ ${name}` })),
        ...ODD.map((column) => col(column, 'varchar')),
        col('kind', 'enum:constructor', { notNull: true, default: `'__proto__'::"constructor"` }),
        ...(index > 0 ? [col('constructor_id', 'uuid')] : []),
      ],
      { checks: [check('toString')], fks: index > 0 ? [{ columns: ['constructor_id'], table: 'constructor' }] : [], comment: name },
    ),
  );
  return snapshot({ enums: [enumType('constructor', [...BUILTINS, ...ODD], '__proto__')], tables });
}

interface ZeroColumn {
  readonly type: string;
  readonly serverName?: string;
}
interface ZeroTable {
  readonly name: string;
  readonly serverName?: string;
  readonly columns: Readonly<Record<string, ZeroColumn>>;
}
interface OddModule {
  readonly schema: { readonly tables: Readonly<Record<string, ZeroTable>> };
}

const prototypeState = () => JSON.stringify([Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));

let project: GeneratedProject;
let diagnostics: readonly CompileDiagnostic[];
let before: string;

beforeAll(() => {
  before = prototypeState();
  project = createGeneratedProject(mapSchema(oddSnapshot()));
  ({ diagnostics } = emitProject(project));
});

afterAll(() => project?.dispose());

describe('generated code for odd identifiers', () => {
  it('gives every table its own model and record file, none two apart only in letter case', () => {
    const models = project.files.filter((file) => file.path.startsWith('models/')).map((file) => file.path.toLowerCase());
    expect(new Set(models).size).toBe(TABLE_NAMES.length);
    for (const file of project.files) expect(file.path).toMatch(/^(?:[a-z]+\.ts|(?:models|records)\/[a-z0-9][a-z0-9-]*\.ts)$/);
  });

  it('type-checks under strict nodenext with no diagnostics', () => {
    expect(formatDiagnostics(diagnostics)).toBe('');
  });

  it('loads, hands Zero every table and column name exactly, and leaves every prototype as it was', async () => {
    const module = await importEmitted<OddModule>(project, `${GENERATED_DIR}/index.ts`);
    expect(prototypeState()).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const tables = Object.values(module.schema.tables);
    expect(tables.map((t) => t.serverName ?? t.name).sort()).toEqual([...TABLE_NAMES].sort());
    for (const zeroTable of tables) {
      const serverNames = Object.values(zeroTable.columns).map((c) => c.serverName ?? '');
      const names = Object.entries(zeroTable.columns).map(([name, c]) => c.serverName ?? name);
      expect(names.slice(0, 1 + BUILTINS.length + ODD.length), zeroTable.name).toEqual(['id', ...BUILTINS, ...ODD]);
      expect(serverNames.every((name) => !Object.hasOwn(Object.prototype, name) || names.includes(name))).toBe(true);
      expect(zeroTable.columns['kind']?.type, zeroTable.name).toBe('string');
    }
  });
});
