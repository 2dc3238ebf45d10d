/**
 * The blog example's generated code, compiled by the real TypeScript compiler under the
 * strictest settings a consumer is likely to use, then run against a real (offline) Zero client.
 *
 * The snapshot fixture is committed so that this spec needs no embedded Postgres. Regenerate it
 * after changing examples/blog/db/structure.sql or the snapshot format, from the repository root:
 *
 *   npx rrgen snapshot --sql examples/blog/db/structure.sql \
 *     --out packages/renderer/src/testing/fixtures/blog.snapshot.json
 */
import { readFileSync } from 'node:fs';

import { Zero } from '@rocicorp/zero';
import { mapSchema } from '@rr/mapper';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  GENERATED_DIR,
  createGeneratedProject,
  emitProject,
  formatDiagnostics,
  importEmitted,
  type CompileDiagnostic,
  type GeneratedProject,
} from '../testing/compile-output.js';

type Snapshot = Parameters<typeof mapSchema>[0];

const snapshot = JSON.parse(
  readFileSync(new URL('../testing/fixtures/blog.snapshot.json', import.meta.url), 'utf8'),
) as Snapshot;

// accounts.settings carries `@type AccountSettings from ../types/settings`: the generated schema
// imports this hand-written module, so the project must provide it beside the generated directory.
const SETTINGS_MODULE = 'export type AccountSettings = { readonly theme?: string; readonly locale?: string };\n';

/**
 * Type tests, compiled by the same program as the generated code. Each `@ts-expect-error` must
 * meet an error (an unused one is itself a diagnostic), so none of them can pass vacuously.
 */
const TYPE_CHECKS = `import type { Zero } from "@rocicorp/zero";

import {
  Post,
  type AccountRow,
  type PostChanges,
  type PostCreate,
  type PostInsert,
  type PostRow,
  type PostUpdate,
} from "../${GENERATED_DIR}/index.js";
import type { AccountSettings } from "../types/settings.js";

type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Status = "draft" | "published" | "archived";

export const row: [
  Equals<PostRow["id"], string>,
  Equals<PostRow["editorId"], string | null>,
  Equals<PostRow["status"], Status>,
  Equals<PostRow["wordCount"], number>,
  Equals<PostRow["createdAt"], number>,
  Equals<PostRow["discardedAt"], number | null>,
  Equals<AccountRow["settings"], AccountSettings>,
] = [true, true, true, true, true, true, true];

export const insert: [
  Equals<PostInsert["id"], string>,
  Equals<PostInsert["status"], Status>,
  Equals<PostInsert["createdAt"], number>,
] = [true, true, true];

export const update: [
  Equals<PostUpdate["id"], string>,
  Equals<Required<PostUpdate>["title"], string>,
] = [true, true];

// A row read through the facade's named query has the row type, or undefined when absent. The
// schema comes from the generated DefaultTypes declaration: a bare \`Zero\` must know the tables.
export async function found(zero: Zero): Promise<PostRow | undefined> {
  const post = await zero.run(Post.find("p1"));
  const status: Status | undefined = post?.status;
  void status;
  return post;
}

// Ids, timestamps and database defaults are the facade's to fill.
const minimal: PostCreate = { accountId: "a", authorId: "u", title: "t", slug: "s" };
Post.create(minimal);

// @ts-expect-error title has no database default, so create requires it
Post.create({ accountId: "a", authorId: "u", slug: "s" });
// @ts-expect-error status is limited to the enum's labels
Post.create({ ...minimal, status: "deleted" });
// @ts-expect-error no such column
Post.update("p1", { nope: 1 });
// @ts-expect-error the primary key is not a change
Post.update("p1", { id: "p2" });
// @ts-expect-error updatedAt is the facade's to set
const changes: PostChanges = { updatedAt: 1 };
void changes;
// @ts-expect-error the primary key is a string
Post.find(1);
// @ts-expect-error an update names its row
const keyless: PostUpdate = { title: "t" };
void keyless;
// @ts-expect-error a row of the posts table has no such column
export const missing: PostRow["nope"] = 1;
`;

interface Row {
  readonly id: string;
}
interface PostRow extends Row {
  readonly title: string;
  readonly status: string;
  readonly wordCount: number;
  readonly body: string;
  readonly editorId: string | null;
  readonly discardedAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

// The emitted module's real types are checked by the compile above, which this spec's own
// tsconfig cannot see; here it is described only as far as the runtime test uses it.
type ZeroOptions = ConstructorParameters<typeof Zero>[0];
/** A named query request or a mutation request built by the facade; opaque to this spec. */
type Request = { readonly __opaque: 'request' };
interface Facade {
  create(values: Record<string, unknown>): Request;
  find(id: string): Request;
  kept(): Request;
  discarded(): Request;
  update(id: string, changes: Record<string, unknown>): Request;
  discard(id: string): Request;
  undiscard(id: string): Request;
  destroy(id: string): Request;
}
interface BlogModule {
  readonly schema: ZeroOptions['schema'] & { readonly tables: Readonly<Record<string, unknown>> };
  readonly mutators: ZeroOptions['mutators'];
  readonly Account: Facade;
  readonly User: Facade;
  readonly Post: Facade;
}
interface Client {
  run(query: Request): Promise<unknown>;
  mutate(request: Request): { readonly client: Promise<unknown> };
  close(): Promise<void>;
}

const TABLES = ['accounts', 'attachments', 'comments', 'posts', 'taggings', 'tags', 'users'];

let project: GeneratedProject;
let diagnostics: readonly CompileDiagnostic[];

beforeAll(() => {
  project = createGeneratedProject(mapSchema(snapshot), {
    extraFiles: { 'types/settings.ts': SETTINGS_MODULE, 'checks/blog-types.ts': TYPE_CHECKS },
  });
  // One program serves the type check, the type tests and the runtime: it is the slow part.
  diagnostics = emitProject(project).diagnostics;
});

afterAll(() => {
  project?.dispose();
});

const under = (prefix: string): string => formatDiagnostics(diagnostics.filter((d) => d.file?.startsWith(prefix)));

describe('blog output under strict nodenext', () => {
  it('renders every table', () => {
    const models = project.files.filter((file) => file.path.startsWith('models/')).map((file) => file.path);
    expect(models).toHaveLength(TABLES.length);
  });

  it('type-checks with no diagnostics', () => {
    expect(under(`${GENERATED_DIR}/`)).toBe('');
    expect(formatDiagnostics(diagnostics.filter((d) => d.file === null))).toBe('');
  });

  it('pins the row, insert, update and facade types', () => {
    expect(under('checks/')).toBe('');
  });
});

describe('blog output at runtime', () => {
  let blog: BlogModule;

  beforeAll(async () => {
    blog = await importEmitted<BlogModule>(project, `${GENERATED_DIR}/index.ts`);
  });

  it('builds the schema with every table', () => {
    expect(Object.keys(blog.schema.tables).sort()).toEqual(TABLES);
  });

  it('creates, finds, updates, discards, restores and destroys a post through the facade', async () => {
    // Only Date is faked, so that timestamps are exact; Zero's own timers must keep running.
    vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 });
    // Node 20 has no WebSocket, so Zero says once that it runs offline; that is the point here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Zero's own log is collected rather than printed: closing an offline client rejects every
    // mutation's server promise, and those expected errors are checked at the end instead.
    const logged: string[] = [];
    const zero = new Zero({
      schema: blog.schema,
      mutators: blog.mutators,
      kvStore: 'mem',
      userID: 'test',
      logLevel: 'error',
      logSink: {
        log(level, _context, ...args) {
          logged.push(`${level}: ${args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')}`);
        },
      },
    }) as unknown as Client;
    try {
      const write = async (request: Request): Promise<void> => {
        expect(await zero.mutate(request).client).toEqual({ type: 'success' });
      };
      const find = async (id: string): Promise<PostRow | undefined> =>
        (await zero.run(blog.Post.find(id))) as PostRow | undefined;
      const ids = async (query: Request): Promise<string[]> => ((await zero.run(query)) as Row[]).map((row) => row.id);

      await write(blog.Account.create({ id: 'a1', name: 'Acme' }));
      await write(blog.User.create({ id: 'u1', accountId: 'a1', email: 'ann@example.com', name: 'Ann' }));
      await write(blog.Post.create({ id: 'p1', accountId: 'a1', authorId: 'u1', title: 'Hello', slug: 'hello' }));

      const created = await find('p1');
      expect(created).toMatchObject({
        id: 'p1',
        title: 'Hello',
        status: 'draft',
        wordCount: 0,
        body: '',
        editorId: null,
        discardedAt: null,
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
      });

      // Without an id the facade makes one on the client.
      await write(blog.Post.create({ accountId: 'a1', authorId: 'u1', title: 'Second', slug: 'second' }));
      const second = ((await zero.run(blog.Post.kept())) as PostRow[]).find((post) => post.title === 'Second');
      expect(second?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

      vi.setSystemTime(1_700_000_001_000);
      await write(blog.Post.update('p1', { title: 'Hello again' }));
      expect(await find('p1')).toMatchObject({
        title: 'Hello again',
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_001_000,
      });

      vi.setSystemTime(1_700_000_002_000);
      await write(blog.Post.discard('p1'));
      expect(await find('p1')).toMatchObject({ discardedAt: 1_700_000_002_000, updatedAt: 1_700_000_002_000 });
      expect(await ids(blog.Post.kept())).not.toContain('p1');
      expect(await ids(blog.Post.discarded())).toEqual(['p1']);

      vi.setSystemTime(1_700_000_003_000);
      await write(blog.Post.undiscard('p1'));
      expect(await find('p1')).toMatchObject({ discardedAt: null, updatedAt: 1_700_000_003_000 });
      expect(await ids(blog.Post.kept())).toContain('p1');
      expect(await ids(blog.Post.discarded())).toEqual([]);

      await write(blog.Post.destroy('p1'));
      expect(await find('p1')).toBeUndefined();
      expect(logged).toEqual([]);
    } finally {
      await zero.close();
      warn.mockRestore();
      vi.useRealTimers();
    }
    const unexpected = logged.filter((line) => !/^error: Mutator "\w+\.\w+" error on server Zero was explicitly closed/.test(line));
    expect(unexpected).toEqual([]);
  });
});
