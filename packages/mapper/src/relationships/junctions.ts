/**
 * Junction tables for many-to-many: exactly two belongs-to links whose columns together are the
 * primary key or a unique key, and no other columns but timestamps. Anything more (a `position`,
 * a `role`) makes the join row meaningful in itself, so it stays a model with plain has-many
 * relationships only.
 */

import type { MapperConfig } from '../config.js';
import { sameSet } from '../order.js';
import type { BelongsToLink } from './belongs-to.js';
import type { ModelInfo } from './model-index.js';

export interface Junction {
  readonly junction: string;
  readonly first: BelongsToLink;
  readonly second: BelongsToLink;
}

export function detectJunction(model: ModelInfo, links: readonly BelongsToLink[], config: MapperConfig): Junction | null {
  if (links.length !== 2) return null;
  const [first, second] = links as [BelongsToLink, BelongsToLink];
  const keyColumns = [...new Set([...first.holderColumns, ...second.holderColumns])];
  if (!model.draft.uniqueKeys.some((key) => sameSet(key.columns, keyColumns))) return null;
  const allowed = new Set([...keyColumns, ...config.timestamps.createdAt, ...config.timestamps.updatedAt]);
  if (!model.draft.table.columns.every((column) => allowed.has(column.name))) return null;
  return { junction: model.key, first, second };
}
