/**
 * One TypeScript union name per Postgres enum: PascalCase of the enum name, with the schema
 * prefix tables get. Unions share the type namespace with models and their Row/Insert/Update
 * types, which keep their names; an enum that collides becomes `<Name>Enum`.
 */

import type { MapperConfig } from '../config.js';
import type { DiagnosticSink } from '../diagnostics.js';
import { allocateNames, type NameGrant } from './allocate-names.js';
import { RESERVED_TYPE_NAMES, reportCollision, reportUnsafe, schemaPrefixWords } from './model-names.js';
import { safeIdentifier } from './safe-name.js';
import { pascalFromWords, splitWords } from './words.js';

export function allocateEnumNames(
  enums: readonly { readonly key: string; readonly schema: string; readonly name: string }[],
  /** Whether a model or one of its row/insert/update types already has the name. */
  isTypeName: (name: string) => boolean,
  config: MapperConfig,
  sink: DiagnosticSink,
): Map<string, string> {
  const requests = enums.map((item, index) => {
    const natural = pascalFromWords([...schemaPrefixWords(item.schema, config), ...splitWords(item.name)]);
    const safe = safeIdentifier(natural, `Enum${index + 1}`);
    reportUnsafe(sink, item.key, 'enum union name', natural, safe);
    return { id: item.key, candidates: [safe.name, `${safe.name}Enum`], priority: 0 };
  });
  const grants = allocateNames(requests, { reserved: RESERVED_TYPE_NAMES, isReserved: isTypeName });
  const names = new Map<string, string>();
  for (const item of enums) {
    const grant = grants.get(item.key) as NameGrant;
    reportCollision(sink, item.key, 'enum union name', grant);
    names.set(item.key, grant.name);
  }
  return names;
}
