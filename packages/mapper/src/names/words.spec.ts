import { camelize } from 'inflection';
import { describe, expect, it } from 'vitest';
import { camelFromWords, camelCase, kebabCase, pascalCase, pascalFromWords, splitWords } from './words.js';

describe('splitWords', () => {
  it.each([
    ['user_id', ['user', 'id']],
    ['UserId', ['user', 'id']],
    ['userID', ['user', 'id']],
    ['HTTPStatus_code', ['http', 'status', 'code']],
    ['address_line_2', ['address', 'line', '2']],
    ['order-items', ['order', 'items']],
    ['__weird__name__', ['weird', 'name']],
    // Non-ASCII names take the Unicode rules, which split as the ASCII ones do.
    ['ÉtatCivil', ['état', 'civil']],
    ['größe_Maß', ['größe', 'maß']],
    ['naïveHTTPÜber', ['naïve', 'http', 'über']],
    ['userIDÉtat', ['user', 'id', 'état']],
  ])('%s → %j', (input, expected) => {
    expect(splitWords(input)).toEqual(expected);
  });
});

describe('case conversion', () => {
  it('camelCases, PascalCases and kebab-cases from the same words', () => {
    expect(camelCase('playlist_track')).toBe('playlistTrack');
    expect(pascalCase('playlist_track')).toBe('PlaylistTrack');
    expect(kebabCase('PlaylistTrack')).toBe('playlist-track');
    expect(camelCase('CustomerId')).toBe('customerId');
    expect(camelCase('address_line_2')).toBe('addressLine2');
  });
});

describe('camelFromWords / pascalFromWords', () => {
  it.each([
    [['user', 'id']],
    [['http', 'status', 'code']],
    [['address', 'line', '2']],
    [['Person']],
    [['people', 'SMS']],
    [['straße', 'ßtraße']],
    [['état', 'civil']],
    [['a', '', 'b']],
    [[]],
    [['with_underscore', 'x']],
    [['path/like', 'name']],
  ])('%j agrees with inflection.camelize of the joined words', (words) => {
    const joined = words.join('_');
    expect(camelFromWords(words)).toBe(camelize(joined, true));
    expect(pascalFromWords(words)).toBe(camelize(joined, false));
  });
});
