import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { loadSchema, serializeSnapshot, type SchemaSnapshot } from '@rr/schema';

/** The example schema the README uses: 9 tables, 7 models, 19 generated files. */
export const BLOG_SQL = resolve(import.meta.dirname, '../../../../examples/blog/db/structure.sql');

/** Loads the blog schema through the embedded database (seconds: call once per spec file). */
export async function blogSnapshot(): Promise<SchemaSnapshot> {
  return (await loadSchema({ kind: 'sql-file', file: BLOG_SQL })).snapshot;
}

export function writeSnapshot(dir: string, snapshot: SchemaSnapshot): string {
  const file = join(dir, 'blog.schema.json');
  writeFileSync(file, serializeSnapshot(snapshot));
  return file;
}
