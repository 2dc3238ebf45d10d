/**
 * Every relationship of every model, named.
 *
 * Natural names:
 * - belongs-to: the key column without `_id` (`author_id` → `author`), or the target's singular
 *   name for composite keys;
 * - the inverse on the target: the holder's plural (`posts`), or singular when the key columns
 *   are unique (`profile`); when several keys of one table point at the same target, or the key
 *   is a self-reference, the role's past participle is prefixed when the role is a known agent
 *   noun (`editor` → `editedPosts`, see `names/participle.ts`), else the role itself
 *   (`buddyPosts`), except for the key named after the target itself, and `parent`
 *   self-references give `children`;
 * - many-to-many through a junction: the plural of the far key's role (`tracks`);
 * - polymorphic: `<name><Target>` on the holder (`invoiceableInvoice`) and `<name><Holders>` on
 *   the target (`invoiceableFees`).
 * A name must differ from every column of its model (Zero's `createSchema` throws otherwise) and
 * from the other relationships; losers fall back to a more specific name, then a number. Names
 * in `relationships.names` win over natural ones.
 */

import type { MapperConfig, PolymorphicTargetConfig } from '../config.js';
import type { DiagnosticSink } from '../diagnostics.js';
import type { PolymorphicAssociation, Relationship } from '../model-set.js';
import { allocateNamesInOrder, type NameGrant, type NameRequest } from '../names/allocate-names.js';
import type { Inflector } from '../names/inflect.js';
import { participleRoleWords } from '../names/participle.js';
import { safeIdentifier } from '../names/safe-name.js';
import { camelFromWords } from '../names/words.js';
import { compareCodePoints, sameSet } from '../order.js';
import { belongsToLinks, type BelongsToLink } from './belongs-to.js';
import { detectJunction } from './junctions.js';
import { clientColumns, type ModelIndex, type ModelInfo } from './model-index.js';
import { detectPolymorphicPairs, type PolymorphicPair, type PolymorphicTargetLink } from './polymorphic.js';

/**
 * The output object itself, built once in its final shape (one hidden class for every
 * relationship): `name` and `inverse` are filled in once every relationship is named. Building
 * it whole, rather than copying a body into the result, saves an object and a spread per
 * relationship. The key order is the order of the JSON output.
 */
type DraftRelationship = { -readonly [K in keyof Relationship]: Relationship[K] };

interface RelationshipDraft {
  readonly owner: string;
  /** Unique within the owner. */
  readonly id: string;
  readonly priority: number;
  /** Natural name first, then fallbacks (as word lists). */
  readonly candidates: readonly (readonly string[])[];
  /** Keys of `relationships.names` that may rename it, most specific first (only asked when config has names). */
  readonly overrideKeys: () => readonly string[];
  readonly relationship: DraftRelationship;
}

export interface RelationshipContext {
  readonly models: ModelIndex;
  readonly config: MapperConfig;
  readonly inflector: Inflector;
  readonly sink: DiagnosticSink;
  readonly useRelationshipName: (key: string) => string | undefined;
  readonly usePolymorphicTargets: (key: string) => readonly PolymorphicTargetConfig[] | undefined;
}

export interface RelationshipResult {
  /** By owner model key, sorted by name. */
  readonly relationships: ReadonlyMap<string, readonly Relationship[]>;
  readonly polymorphic: ReadonlyMap<string, readonly PolymorphicAssociation[]>;
}

const PRIORITY = {
  foreignKey: 10,
  convention: 20,
  polymorphic: 30,
  inverse: 40,
  manyToMany: 50,
  conventionInverse: 60,
  polymorphicInverse: 70,
} as const;

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index]);
}

function endsWith(words: readonly string[], suffix: readonly string[]): boolean {
  return suffix.length > 0 && words.length >= suffix.length && sameWords(words.slice(words.length - suffix.length), suffix);
}

function model(models: ModelIndex, key: string): ModelInfo {
  return models.get(key) as ModelInfo;
}

/**
 * The client names of a link's columns on each side. A belongs-to and its inverse hold the same
 * two lists (swapped), so they share them: the lists are read-only.
 */
interface LinkFields {
  readonly holder: readonly string[];
  readonly target: readonly string[];
}

function belongsToDraft(link: BelongsToLink, fields: LinkFields, context: RelationshipContext): RelationshipDraft {
  const holder = model(context.models, link.holder);
  const target = model(context.models, link.target);
  const natural = link.roleWords;
  // `resolved_by` → `resolvedByUser`; when the role already ends with the target's name
  // (`area` → areas, `begin_area` → areas) repeating it reads badly, so `areaRecord`.
  const targetWords = target.names.tableSingularWords;
  const fallback = endsWith(natural, targetWords) ? [...natural, 'record'] : [...natural, ...targetWords];
  return {
    owner: holder.key,
    id: `a:${link.id}`,
    priority: link.origin === 'foreign-key' ? PRIORITY.foreignKey : PRIORITY.convention,
    candidates: [natural, fallback],
    overrideKeys: () => [
      ...(link.constraint !== null ? [`${holder.key}.${link.constraint}`] : []),
      `${holder.key}.${camelFromWords(natural)}`,
    ],
    relationship: {
      name: '',
      cardinality: 'one',
      kind: 'belongs-to',
      origin: link.origin,
      constraint: link.constraint,
      hops: [{
        sourceField: fields.holder,
        destField: fields.target,
        destSchema: target.names.zeroName,
        destModel: target.key,
      }],
      target: target.key,
      targetModel: target.names.modelName,
      through: null,
      optional: link.holderColumns.some((column) => holder.draft.columnsByName.get(column)?.column.nullable === true),
      typeFilter: null,
      inverse: null,
    },
  };
}

function inverseDraft(
  link: BelongsToLink,
  fields: LinkFields,
  linksBetween: number,
  participle: readonly string[] | null,
  context: RelationshipContext,
): RelationshipDraft {
  const holder = model(context.models, link.holder);
  const target = model(context.models, link.target);
  const unique = holder.draft.uniqueKeys.some((key) => sameSet(key.columns, link.holderColumns));
  const base = unique ? holder.names.tableSingularWords : holder.names.tablePluralWords;
  const selfReference = holder.key === target.key;
  // What the holder's rows are to the target through this key: what the role did to them
  // (`authoredPosts`) when the role is a known agent noun, else the role itself (`buddyPosts`).
  const rolePrefixed = [...link.roleWords, ...base];
  const roleNamed = participle === null ? rolePrefixed : [...participle, ...base];
  let natural: readonly string[] = base;
  if (selfReference && sameWords(link.roleWords, ['parent'])) natural = unique ? ['child'] : ['children'];
  else if ((selfReference || linksBetween > 1) && !sameWords(link.roleWords, target.names.tableSingularWords)) natural = roleNamed;
  const namedByRole = sameWords(natural, roleNamed);
  const fallback = namedByRole ? [...base, 'by', ...link.roleWords] : roleNamed;
  // The noun form was the natural name before participles; a config that renames it keeps working.
  const earlierName = namedByRole && participle !== null ? rolePrefixed : null;
  return {
    owner: target.key,
    id: `b:${holder.key}:${link.id}`,
    priority: link.origin === 'foreign-key' ? PRIORITY.inverse : PRIORITY.conventionInverse,
    candidates: [natural, fallback],
    overrideKeys: () => [
      `${target.key}.${camelFromWords(natural)}`,
      ...(earlierName === null ? [] : [`${target.key}.${camelFromWords(earlierName)}`]),
    ],
    relationship: {
      name: '',
      cardinality: unique ? 'one' : 'many',
      kind: unique ? 'has-one' : 'has-many',
      origin: link.origin,
      constraint: link.constraint,
      hops: [{
        sourceField: fields.target,
        destField: fields.holder,
        destSchema: holder.names.zeroName,
        destModel: holder.key,
      }],
      target: holder.key,
      targetModel: holder.names.modelName,
      through: null,
      optional: unique,
      typeFilter: null,
      inverse: null,
    },
  };
}

function manyToManyDraft(junction: ModelInfo, near: BelongsToLink, far: BelongsToLink, context: RelationshipContext): RelationshipDraft {
  const from = model(context.models, near.target);
  const to = model(context.models, far.target);
  const natural = context.inflector.pluralWords(far.roleWords);
  return {
    owner: from.key,
    id: `m:${junction.key}:${near.id}`,
    priority: PRIORITY.manyToMany,
    candidates: [natural, [...natural, 'via', ...junction.names.tablePluralWords]],
    overrideKeys: () => [`${from.key}.${camelFromWords(natural)}`],
    relationship: {
      name: '',
      cardinality: 'many',
      kind: 'many-to-many',
      origin: near.origin === 'foreign-key' && far.origin === 'foreign-key' ? 'foreign-key' : 'convention',
      constraint: far.constraint,
      hops: [
        {
          sourceField: clientColumns(from, near.targetColumns),
          destField: clientColumns(junction, near.holderColumns),
          destSchema: junction.names.zeroName,
          destModel: junction.key,
        },
        {
          sourceField: clientColumns(junction, far.holderColumns),
          destField: clientColumns(to, far.targetColumns),
          destSchema: to.names.zeroName,
          destModel: to.key,
        },
      ],
      target: to.key,
      targetModel: to.names.modelName,
      through: junction.key,
      optional: false,
      typeFilter: null,
      inverse: null,
    },
  };
}

interface PolymorphicDrafts {
  readonly link: PolymorphicTargetLink;
  readonly one: RelationshipDraft;
  readonly many: RelationshipDraft | null;
}

function polymorphicDrafts(pair: PolymorphicPair, context: RelationshipContext): PolymorphicDrafts[] {
  const holder = model(context.models, pair.holder);
  const idColumn = holder.clientNames.get(pair.idColumn) as string;
  const typeColumn = holder.clientNames.get(pair.typeColumn) as string;
  const drafts: PolymorphicDrafts[] = [];
  for (const link of pair.targets) {
    const target = model(context.models, link.target);
    const targetKey = clientColumns(target, target.draft.primaryKey.columns);
    const one = [...pair.nameWords, ...target.names.tableSingularWords];
    const oneId = `p:${pair.name}:${link.typeValue}`;
    const manyId = `q:${holder.key}:${pair.name}:${link.typeValue}`;
    const oneDraft: RelationshipDraft = {
      owner: holder.key,
      id: oneId,
      priority: PRIORITY.polymorphic,
      candidates: [one],
      overrideKeys: () => [`${holder.key}.${camelFromWords(one)}`],
      relationship: {
        name: '',
        cardinality: 'one',
        kind: 'belongs-to',
        origin: 'polymorphic',
        constraint: null,
        hops: [{ sourceField: [idColumn], destField: targetKey, destSchema: target.names.zeroName, destModel: target.key }],
        target: target.key,
        targetModel: target.names.modelName,
        through: null,
        optional: true,
        typeFilter: { side: 'source', column: typeColumn, value: link.typeValue },
        inverse: null,
      },
    };
    if (!context.config.relationships.inverses) {
      drafts.push({ link, one: oneDraft, many: null });
      continue;
    }
    const many = [...pair.nameWords, ...holder.names.tablePluralWords];
    drafts.push({ link, one: oneDraft, many: {
      owner: target.key,
      id: manyId,
      priority: PRIORITY.polymorphicInverse,
      candidates: [many],
      overrideKeys: () => [`${target.key}.${camelFromWords(many)}`],
      relationship: {
        name: '',
        cardinality: 'many',
        kind: 'has-many',
        origin: 'polymorphic',
        constraint: null,
        hops: [{ sourceField: targetKey, destField: [idColumn], destSchema: holder.names.zeroName, destModel: holder.key }],
        target: holder.key,
        targetModel: holder.names.modelName,
        through: null,
        optional: false,
        typeFilter: { side: 'destination', column: typeColumn, value: link.typeValue },
        inverse: null,
      },
    } });
  }
  return drafts;
}

function relationshipName(words: readonly string[]): string {
  return safeIdentifier(camelFromWords(words), 'relation').name;
}

/**
 * The participle form of the role (`author` → [`authored`]) of each link whose inverse is named
 * after its role: one of several links between the same two tables, or a self-reference. Two
 * roles of one pair of tables can share a participle (`assigner` and `assignee` both give
 * `assigned`); those keep their nouns, so neither name depends on which one wins a collision.
 */
function roleParticiples(links: readonly BelongsToLink[], linksBetween: ReadonlyMap<BelongsToLink, number>): Map<BelongsToLink, readonly string[]> {
  const found = new Map<BelongsToLink, readonly string[]>();
  const uses = new Map<string, number>();
  const useKey = (link: BelongsToLink, words: readonly string[]): string => `${link.holder}\u0000${link.target}\u0000${words.join('_')}`;
  for (const link of links) {
    const between = linksBetween.get(link) ?? 1;
    if (between === 1 && link.holder !== link.target) continue;
    const words = participleRoleWords(link.roleWords);
    if (words === null) continue;
    found.set(link, words);
    const key = useKey(link, words);
    uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  for (const [link, words] of found) {
    if ((uses.get(useKey(link, words)) ?? 0) > 1) found.delete(link);
  }
  return found;
}

/**
 * The final name of every draft, settled per owner and written into its relationship. Usually
 * every natural name (or configured one) is free, and is simply granted; only an owner with a
 * collision goes through the full allocation with its fallbacks.
 */
function nameRelationships(byOwner: ReadonlyMap<string, readonly RelationshipDraft[]>, context: RelationshipContext): void {
  const { models, config, sink } = context;
  const hasNameOverrides = Object.keys(config.relationships.names).length > 0;
  const taken = new Set<string>();
  for (const [owner, list] of byOwner) {
    const columnNames = model(models, owner).columnNames;
    taken.clear();
    let clash = false;
    for (const draft of list) {
      const override = hasNameOverrides ? configuredName(draft, context) : undefined;
      const first = override ?? relationshipName(draft.candidates[0] as readonly string[]);
      if (taken.has(first) || columnNames.has(first)) clash = true;
      taken.add(first);
      draft.relationship.name = first;
    }
    if (!clash) continue;
    const requests: NameRequest[] = list.map((draft) => {
      const override = hasNameOverrides ? configuredName(draft, context) : undefined;
      const fallbacks = (): string[] => draft.candidates.slice(1).map(relationshipName);
      // Without an override the first pass already named it naturally.
      if (override === undefined) return { id: draft.id, candidates: [draft.relationship.name], priority: draft.priority, fallbacks };
      const natural = relationshipName(draft.candidates[0] as readonly string[]);
      return { id: draft.id, candidates: [override, natural], priority: 0, fallbacks };
    });
    const grants = allocateNamesInOrder(requests, { isReserved: (name) => columnNames.has(name) });
    list.forEach((draft, index) => {
      const grant = grants[index] as NameGrant;
      draft.relationship.name = grant.name;
      if (grant.lostTo === null) return;
      const why = grant.lostTo === 'reserved' ? `is the name of a column of ${owner}` : 'is taken by another relationship';
      sink.report('RR_RELATIONSHIP_RENAMED', owner, `relationship '${grant.wanted}' of ${owner} ${why}; it is named '${grant.name}' (rename it in relationships.names)`);
    });
  }
}

/**
 * The name `relationships.names` gives the draft, if any. Every key is asked, not only up to the
 * first match: asking marks an entry as used, and an entry is reported when it never is.
 */
function configuredName(draft: RelationshipDraft, context: RelationshipContext): string | undefined {
  let found: string | undefined;
  for (const key of draft.overrideKeys()) {
    const name = context.useRelationshipName(key);
    found ??= name;
  }
  return found;
}

export function buildRelationships(context: RelationshipContext): RelationshipResult {
  const { models, config, inflector, sink } = context;
  const keys = [...models.keys()].sort(compareCodePoints);
  const byModelName = new Map([...models.values()].map((info) => [info.names.modelName, info]));

  const pairsByModel = new Map<string, PolymorphicPair[]>();
  const linksByModel = new Map<string, BelongsToLink[]>();
  // How many links go from each link's holder to its target.
  const linksBetween = new Map<BelongsToLink, number>();
  const allLinks: BelongsToLink[] = [];
  const noPairs: ReadonlySet<string> = new Set();
  // Reused for every model (cleared), rather than a new map per model.
  const perTarget = new Map<string, number>();
  for (const key of keys) {
    const info = model(models, key);
    const pairs = detectPolymorphicPairs(info, models, byModelName, sink, context.usePolymorphicTargets);
    pairsByModel.set(key, pairs);
    const polymorphicIds = pairs.length === 0 ? noPairs : new Set(pairs.map((pair) => pair.idColumn));
    const links = belongsToLinks(info, models, config, inflector, sink, polymorphicIds);
    linksByModel.set(key, links);
    perTarget.clear();
    for (const link of links) perTarget.set(link.target, (perTarget.get(link.target) ?? 0) + 1);
    for (const link of links) {
      allLinks.push(link);
      linksBetween.set(link, perTarget.get(link.target) as number);
    }
  }

  const participles = roleParticiples(allLinks, linksBetween);
  const drafts: RelationshipDraft[] = [];
  // Each side's draft → the other side's, so `inverse` can name it once both are named.
  const counterparts = new Map<RelationshipDraft, RelationshipDraft>();
  const pairUp = (a: RelationshipDraft, b: RelationshipDraft): void => {
    counterparts.set(a, b);
    counterparts.set(b, a);
  };
  const polymorphicOnes = new Map<PolymorphicTargetLink, RelationshipDraft>();
  for (const key of keys) {
    const links = linksByModel.get(key) as BelongsToLink[];
    for (const link of links) {
      const fields: LinkFields = {
        holder: clientColumns(model(models, link.holder), link.holderColumns),
        target: clientColumns(model(models, link.target), link.targetColumns),
      };
      const belongsTo = belongsToDraft(link, fields, context);
      drafts.push(belongsTo);
      if (config.relationships.inverses) {
        const inverse = inverseDraft(link, fields, linksBetween.get(link) ?? 1, participles.get(link) ?? null, context);
        drafts.push(inverse);
        pairUp(belongsTo, inverse);
      }
    }
    if (config.relationships.manyToMany) {
      const junction = detectJunction(model(models, key), links, config);
      if (junction !== null) {
        const info = model(models, key);
        const forward = manyToManyDraft(info, junction.first, junction.second, context);
        const backward = manyToManyDraft(info, junction.second, junction.first, context);
        drafts.push(forward, backward);
        pairUp(forward, backward);
      }
    }
    for (const pair of pairsByModel.get(key) as PolymorphicPair[]) {
      for (const { link, one, many } of polymorphicDrafts(pair, context)) {
        drafts.push(one);
        polymorphicOnes.set(link, one);
        if (many === null) continue;
        drafts.push(many);
        pairUp(one, many);
      }
    }
  }

  const byOwner = new Map<string, RelationshipDraft[]>();
  for (const draft of drafts) {
    const list = byOwner.get(draft.owner);
    if (list === undefined) byOwner.set(draft.owner, [draft]);
    else list.push(draft);
  }

  nameRelationships(byOwner, context);
  for (const [a, b] of counterparts) a.relationship.inverse = b.relationship.name;
  const relationships = new Map<string, Relationship[]>();
  for (const [owner, list] of byOwner) {
    const named: Relationship[] = list.map((draft) => draft.relationship);
    if (named.length > 1) named.sort((a, b) => compareCodePoints(a.name, b.name));
    relationships.set(owner, named);
  }

  const polymorphic = new Map<string, PolymorphicAssociation[]>();
  for (const [key, pairs] of pairsByModel) {
    const info = model(models, key);
    polymorphic.set(key, pairs.map((pair) => ({
      name: relationshipName(pair.nameWords),
      typeColumn: info.clientNames.get(pair.typeColumn) as string,
      idColumn: info.clientNames.get(pair.idColumn) as string,
      targets: pair.targets.map((link) => ({
        typeValue: link.typeValue,
        model: link.target,
        modelName: model(models, link.target).names.modelName,
        relationship: (polymorphicOnes.get(link) as RelationshipDraft).relationship.name,
      })),
    })));
  }
  return { relationships, polymorphic };
}

