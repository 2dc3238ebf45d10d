import { describe, expect, it } from 'vitest';
import { allocateNames, type NameRequest } from './allocate-names.js';

const names = (requests: readonly NameRequest[], reserved: string[] = []): Record<string, string> =>
  Object.fromEntries([...allocateNames(requests, { reserved })].map(([id, grant]) => [id, grant.name]));

describe('allocateNames', () => {
  it('gives everyone their first choice when nothing collides', () => {
    expect(names([{ id: 'a', candidates: ['x'], priority: 0 }, { id: 'b', candidates: ['y'], priority: 0 }])).toEqual({ a: 'x', b: 'y' });
  });

  it('settles a collision by priority, then id, whatever the order of the requests', () => {
    const requests: NameRequest[] = [
      { id: 'public.user_data', candidates: ['userData', 'user_data'], priority: 2 },
      { id: 'public.userData', candidates: ['userData'], priority: 1 },
    ];
    const expected = { 'public.userData': 'userData', 'public.user_data': 'user_data' };
    expect(names(requests)).toEqual(expected);
    expect(names([...requests].reverse())).toEqual(expected);
  });

  it('never falls back onto a name another request wants first', () => {
    const result = names([
      { id: 'a', candidates: ['item', 'item2'], priority: 0 },
      { id: 'b', candidates: ['item'], priority: 0 },
      { id: 'c', candidates: ['item2'], priority: 0 },
    ]);
    expect(result).toEqual({ a: 'item', b: 'item3', c: 'item2' });
  });

  it('treats reserved names as taken and says so', () => {
    const grants = allocateNames([{ id: 'rel', candidates: ['author', 'authorUser'], priority: 0 }], { reserved: ['author'] });
    expect(grants.get('rel')).toEqual({ name: 'authorUser', wanted: 'author', lostTo: 'reserved' });
  });

  it('compares through normalize, for case-insensitive file systems', () => {
    const grants = allocateNames(
      [{ id: 'a', candidates: ['user'], priority: 0 }, { id: 'b', candidates: ['User'], priority: 0 }],
      { normalize: (name) => name.toLowerCase() },
    );
    expect(grants.get('a')?.name).toBe('user');
    expect(grants.get('b')?.name).toBe('User2');
  });

  it('separates a numeric suffix from a trailing digit', () => {
    expect(names([{ id: 'a', candidates: ['iso3166'], priority: 0 }, { id: 'b', candidates: ['iso3166'], priority: 0 }])).toEqual({ a: 'iso3166', b: 'iso3166_2' });
  });
});
