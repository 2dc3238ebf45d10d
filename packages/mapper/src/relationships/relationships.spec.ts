import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { diagnosticsWith, model, relationship } from '../testing/lookup.js';
import { col, fk, snapshot, table } from '../testing/snapshot-builder.js';

const id = col('id', 'uuid');
const names = (set: ReturnType<typeof mapSchema>, key: string) => model(set, key).relationships.map((r) => r.name);

describe('relationships from foreign keys', () => {
  const set = mapSchema(
    snapshot({
      tables: [
        table('users', [id, col('name', 'text')]),
        table('posts', [id, col('author_id', 'uuid', { notNull: true }), col('editor_id', 'uuid')], {
          fks: [fk(['author_id'], 'users'), fk(['editor_id'], 'users')],
        }),
        table('comments', [id, col('post_id', 'uuid', { notNull: true }), col('user_id', 'uuid')], {
          fks: [fk(['post_id'], 'posts'), fk(['user_id'], 'users')],
        }),
        table('profiles', [id, col('user_id', 'uuid', { notNull: true })], { fks: [fk(['user_id'], 'users')], unique: [['user_id']] }),
      ],
    }),
  );

  it('puts a one on the holder, named after the column without _id', () => {
    expect(relationship(model(set, 'public.comments'), 'post')).toEqual({
      name: 'post',
      cardinality: 'one',
      kind: 'belongs-to',
      origin: 'foreign-key',
      constraint: 'comments_post_id_fkey',
      hops: [{ sourceField: ['postId'], destField: ['id'], destSchema: 'posts', destModel: 'public.posts' }],
      target: 'public.posts',
      targetModel: 'Post',
      through: null,
      optional: false,
      inverse: 'comments',
      typeFilter: null,
    });
    expect(relationship(model(set, 'public.comments'), 'user').optional).toBe(true);
  });

  it('puts the inverse many on the target, named after the holder’s plural', () => {
    expect(relationship(model(set, 'public.posts'), 'comments')).toMatchObject({
      cardinality: 'many',
      kind: 'has-many',
      hops: [{ sourceField: ['id'], destField: ['postId'], destSchema: 'comments', destModel: 'public.comments' }],
      inverse: 'post',
    });
  });

  it('makes the inverse a one when the key columns are unique', () => {
    expect(relationship(model(set, 'public.users'), 'profile')).toMatchObject({ cardinality: 'one', kind: 'has-one', inverse: 'user' });
  });

  it('gives several keys to the same target distinct names on both sides, the inverse saying what the role did', () => {
    expect(names(set, 'public.posts')).toEqual(['author', 'comments', 'editor']);
    expect(names(set, 'public.users')).toEqual(['authoredPosts', 'comments', 'editedPosts', 'profile']);
    expect(relationship(model(set, 'public.users'), 'authoredPosts')).toMatchObject({
      kind: 'has-many',
      hops: [{ sourceField: ['id'], destField: ['authorId'], destSchema: 'posts', destModel: 'public.posts' }],
      inverse: 'author',
    });
    expect(relationship(model(set, 'public.users'), 'editedPosts').inverse).toBe('editor');
    expect(relationship(model(set, 'public.posts'), 'editor').inverse).toBe('editedPosts');
  });

  it('keeps the role noun when the role is no known agent noun, or two roles share a participle', () => {
    const set2 = mapSchema(
      snapshot({
        tables: [
          table('users', [id]),
          table('tasks', [id, col('assigner_id', 'uuid'), col('assignee_id', 'uuid'), col('creator_id', 'uuid'), col('buddy_id', 'uuid')], {
            fks: [fk(['assigner_id'], 'users'), fk(['assignee_id'], 'users'), fk(['creator_id'], 'users'), fk(['buddy_id'], 'users')],
          }),
        ],
      }),
    );
    expect(names(set2, 'public.users')).toEqual(['assigneeTasks', 'assignerTasks', 'buddyTasks', 'createdTasks']);
    const backward = mapSchema(
      snapshot({
        tables: [
          table('tasks', [id, col('buddy_id', 'uuid'), col('creator_id', 'uuid'), col('assignee_id', 'uuid'), col('assigner_id', 'uuid')], {
            fks: [fk(['buddy_id'], 'users'), fk(['creator_id'], 'users'), fk(['assignee_id'], 'users'), fk(['assigner_id'], 'users')],
          }),
          table('users', [id]),
        ],
      }),
    );
    expect(names(backward, 'public.users')).toEqual(names(set2, 'public.users'));
  });

  it('renames a participle name that a column already has, deterministically', () => {
    const set2 = mapSchema(
      snapshot({
        tables: [
          table('users', [id, col('authored_posts', 'int4')]),
          table('posts', [id, col('author_id', 'uuid'), col('editor_id', 'uuid')], { fks: [fk(['author_id'], 'users'), fk(['editor_id'], 'users')] }),
        ],
      }),
    );
    expect(names(set2, 'public.users')).toEqual(['editedPosts', 'postsByAuthor']);
    expect(relationship(model(set2, 'public.posts'), 'author').inverse).toBe('postsByAuthor');
    expect(diagnosticsWith(set2, 'RR_RELATIONSHIP_RENAMED').map((d) => d.message)).toEqual([
      "relationship 'authoredPosts' of public.users is the name of a column of public.users; it is named 'postsByAuthor' (rename it in relationships.names)",
    ]);
  });

  it('keeps the plain plural for the key named after the target', () => {
    const set2 = mapSchema(
      snapshot({
        tables: [
          table('users', [id]),
          table('posts', [id, col('user_id', 'uuid'), col('reviewer_id', 'uuid')], { fks: [fk(['user_id'], 'users'), fk(['reviewer_id'], 'users')] }),
        ],
      }),
    );
    expect(names(set2, 'public.users')).toEqual(['posts', 'reviewedPosts']);
  });

  it('names self-references parent / children', () => {
    const set2 = mapSchema(
      snapshot({
        tables: [
          table('categories', [id, col('parent_id', 'uuid')], { fks: [fk(['parent_id'], 'categories')] }),
          table('employees', [id, col('manager_id', 'uuid')], { fks: [fk(['manager_id'], 'employees')] }),
        ],
      }),
    );
    expect(names(set2, 'public.categories')).toEqual(['children', 'parent']);
    expect(relationship(model(set2, 'public.categories'), 'children')).toMatchObject({
      hops: [{ sourceField: ['id'], destField: ['parentId'], destSchema: 'categories' }],
      inverse: 'parent',
    });
    expect(names(set2, 'public.employees')).toEqual(['managedEmployees', 'manager']);
  });

  it('pairs composite foreign keys column by column and names them after the target', () => {
    const set2 = mapSchema(
      snapshot({
        tables: [
          table('nodes', [col('node_id', 'int8'), col('version', 'int8')], { pk: ['node_id', 'version'] }),
          table('node_tags', [col('version', 'int8'), col('node_id', 'int8'), col('k', 'text', { notNull: true })], {
            pk: ['node_id', 'version', 'k'],
            fks: [fk(['node_id', 'version'], 'nodes', ['node_id', 'version'], 'node_tags_id_fkey')],
          }),
        ],
      }),
    );
    expect(relationship(model(set2, 'public.node_tags'), 'node').hops).toEqual([
      { sourceField: ['nodeId', 'version'], destField: ['nodeId', 'version'], destSchema: 'nodes', destModel: 'public.nodes' },
    ]);
    expect(relationship(model(set2, 'public.nodes'), 'nodeTags')).toMatchObject({
      cardinality: 'many',
      hops: [{ sourceField: ['nodeId', 'version'], destField: ['nodeId', 'version'], destSchema: 'nodeTags' }],
    });
  });

  it('never names a relationship like a column of its table', () => {
    const set2 = mapSchema(
      snapshot({
        tables: [
          table('users', [id]),
          table('languages', [col('code', 'text')], { pk: ['code'] }),
          table('issues', [id, col('resolved_by', 'uuid'), col('language_code', 'text'), col('area', 'uuid')], {
            fks: [fk(['resolved_by'], 'users'), fk(['language_code'], 'languages', ['code']), fk(['area'], 'areas')],
          }),
          table('areas', [id]),
        ],
      }),
    );
    const issues = model(set2, 'public.issues');
    const columns = new Set(issues.columns.map((c) => c.name));
    expect(issues.relationships.map((r) => r.name).filter((name) => columns.has(name))).toEqual([]);
    expect(names(set2, 'public.issues')).toEqual(['areaRecord', 'language', 'resolvedByUser']);
    expect(diagnosticsWith(set2, 'RR_RELATIONSHIP_RENAMED').map((d) => [d.severity, d.message])).toEqual([
      ['info', "relationship 'area' of public.issues is the name of a column of public.issues; it is named 'areaRecord' (rename it in relationships.names)"],
      ['info', "relationship 'resolvedBy' of public.issues is the name of a column of public.issues; it is named 'resolvedByUser' (rename it in relationships.names)"],
    ]);
  });

  it('never points at a table that is not a model', () => {
    const set2 = mapSchema(
      snapshot({
        tables: [
          table('users', [id, col('avatar', 'bytea')]),
          table('posts', [id, col('user_id', 'uuid'), col('avatar', 'bytea')], { fks: [fk(['user_id'], 'users'), fk(['avatar'], 'users', ['avatar'])] }),
          table('logs', [id, col('user_id', 'uuid')], { fks: [fk(['user_id'], 'users')] }),
        ],
      }),
      { exclude: ['logs'], columns: { 'users.avatar': { omit: true } } },
    );
    expect(names(set2, 'public.users')).toEqual(['posts']);
    expect(names(set2, 'public.posts')).toEqual(['user']);
    expect(diagnosticsWith(set2, 'RR_RELATIONSHIP_COLUMN_OMITTED').map((d) => d.where)).toEqual(['public.posts']);
    const noUsers = mapSchema(snapshot({ tables: [table('users', [id]), table('posts', [id, col('user_id', 'uuid')], { fks: [fk(['user_id'], 'users')] })] }), {
      exclude: ['users'],
    });
    expect(names(noUsers, 'public.posts')).toEqual([]);
    expect(diagnosticsWith(noUsers, 'RR_RELATIONSHIP_TARGET_OMITTED').map((d) => [d.severity, d.where])).toEqual([['info', 'public.posts']]);
  });

  it('takes names from config, by generated name or by constraint name, and keeps inverses in step', () => {
    const set2 = mapSchema(
      snapshot({
        tables: [
          table('users', [id]),
          table('posts', [id, col('author_id', 'uuid'), col('editor_id', 'uuid')], { fks: [fk(['author_id'], 'users'), fk(['editor_id'], 'users', null, 'fk_editor')] }),
        ],
      }),
      { relationships: { names: { 'posts.author': 'writer', 'posts.fk_editor': 'reviser', 'users.authorPosts': 'writings' } } },
    );
    expect(names(set2, 'public.posts')).toEqual(['reviser', 'writer']);
    expect(names(set2, 'public.users')).toEqual(['editedPosts', 'writings']);
    expect(relationship(model(set2, 'public.users'), 'writings').inverse).toBe('writer');
    expect(relationship(model(set2, 'public.posts'), 'reviser').inverse).toBe('editedPosts');
    expect(diagnosticsWith(set2, 'RR_OVERRIDE_UNUSED')).toEqual([]);
  });

  it('renames a participle inverse by its name in config, and still by its earlier noun form', () => {
    const schema = snapshot({
      tables: [
        table('users', [id]),
        table('posts', [id, col('author_id', 'uuid'), col('editor_id', 'uuid')], { fks: [fk(['author_id'], 'users'), fk(['editor_id'], 'users')] }),
      ],
    });
    const set2 = mapSchema(schema, { relationships: { names: { 'users.authoredPosts': 'writings', 'users.editorPosts': 'revisions' } } });
    expect(names(set2, 'public.users')).toEqual(['revisions', 'writings']);
    expect(relationship(model(set2, 'public.posts'), 'author').inverse).toBe('writings');
    expect(diagnosticsWith(set2, 'RR_OVERRIDE_UNUSED')).toEqual([]);
  });

  it('can leave out inverses', () => {
    const set2 = mapSchema(snapshot({ tables: [table('users', [id]), table('posts', [id, col('user_id', 'uuid')], { fks: [fk(['user_id'], 'users')] })] }), {
      relationships: { inverses: false },
    });
    expect(names(set2, 'public.users')).toEqual([]);
    expect(relationship(model(set2, 'public.posts'), 'user').inverse).toBeNull();
  });
});

describe('many-to-many through a junction table', () => {
  const tables = [
    table('playlists', [id]),
    table('tracks', [id]),
    table('playlist_tracks', [col('playlist_id', 'uuid'), col('track_id', 'uuid'), col('created_at', 'timestamptz')], {
      pk: ['playlist_id', 'track_id'],
      fks: [fk(['playlist_id'], 'playlists'), fk(['track_id'], 'tracks')],
    }),
  ];

  it('adds a two-hop many on both sides, keeping the junction’s own relationships', () => {
    const set = mapSchema(snapshot({ tables }));
    expect(relationship(model(set, 'public.playlists'), 'tracks')).toEqual({
      name: 'tracks',
      cardinality: 'many',
      kind: 'many-to-many',
      origin: 'foreign-key',
      constraint: 'playlist_tracks_track_id_fkey',
      hops: [
        { sourceField: ['id'], destField: ['playlistId'], destSchema: 'playlistTracks', destModel: 'public.playlist_tracks' },
        { sourceField: ['trackId'], destField: ['id'], destSchema: 'tracks', destModel: 'public.tracks' },
      ],
      target: 'public.tracks',
      targetModel: 'Track',
      through: 'public.playlist_tracks',
      optional: false,
      inverse: 'playlists',
      typeFilter: null,
    });
    expect(names(set, 'public.tracks')).toEqual(['playlistTracks', 'playlists']);
    expect(names(set, 'public.playlist_tracks')).toEqual(['playlist', 'track']);
  });

  it('accepts a non-null unique index standing in for the primary key', () => {
    const set = mapSchema(
      snapshot({
        tables: [
          table('roles', [id]),
          table('users', [id]),
          table('roles_users', [col('role_id', 'uuid', { notNull: true }), col('user_id', 'uuid', { notNull: true })], {
            pk: null,
            uniqueIndexes: [['role_id', 'user_id']],
            fks: [fk(['role_id'], 'roles'), fk(['user_id'], 'users')],
          }),
        ],
      }),
    );
    expect(relationship(model(set, 'public.users'), 'roles').kind).toBe('many-to-many');
  });

  it('is not a junction when the join row carries data of its own', () => {
    const withPosition = [tables[0]!, tables[1]!, table('playlist_tracks', [...tables[2]!.columns.map((c) => col(c.name, c.type.name)), col('position', 'int4')], {
      pk: ['playlist_id', 'track_id'],
      fks: [fk(['playlist_id'], 'playlists'), fk(['track_id'], 'tracks')],
    })];
    const set = mapSchema(snapshot({ tables: withPosition }));
    expect(model(set, 'public.playlists').relationships.every((r) => r.kind !== 'many-to-many')).toBe(true);
  });

  it('is not a junction when the keys do not cover its primary key', () => {
    const set = mapSchema(
      snapshot({
        tables: [
          tables[0]!,
          tables[1]!,
          table('playlist_tracks', [id, col('playlist_id', 'uuid'), col('track_id', 'uuid')], { fks: [fk(['playlist_id'], 'playlists'), fk(['track_id'], 'tracks')] }),
        ],
      }),
    );
    expect(names(set, 'public.playlists')).toEqual(['playlistTracks']);
  });

  it('can be turned off', () => {
    const set = mapSchema(snapshot({ tables }), { relationships: { manyToMany: false } });
    expect(names(set, 'public.playlists')).toEqual(['playlistTracks']);
  });
});
