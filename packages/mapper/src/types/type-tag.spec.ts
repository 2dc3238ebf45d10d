import { describe, expect, it } from 'vitest';
import { parseTypeTag } from './type-tag.js';

describe('parseTypeTag', () => {
  it('returns null without a tag', () => {
    expect(parseTypeTag(null, '@type', null)).toBeNull();
    expect(parseTypeTag('Settings of the user', '@type', null)).toBeNull();
    expect(parseTypeTag('email@typeform.com', '@type', null)).toBeNull();
  });

  it('reads a type and the module to import it from', () => {
    expect(parseTypeTag("User settings. @type UserSettings from '@app/types'", '@type', null)).toEqual({
      ok: true,
      tsType: 'UserSettings',
      import: { name: 'UserSettings', from: '@app/types' },
    });
    expect(parseTypeTag('@type Tag[] from "./tags.js"', '@type', null)).toEqual({
      ok: true,
      tsType: 'Tag[]',
      import: { name: 'Tag', from: './tags.js' },
    });
  });

  it('reads a braced type with spaces, which needs no import', () => {
    expect(parseTypeTag('@type {Record<string, number>}', '@type', null)).toEqual({ ok: true, tsType: 'Record<string, number>', import: null });
  });

  it('uses the default module when the tag names none', () => {
    expect(parseTypeTag('@type Meta', '@type', './json-types.js')).toEqual({ ok: true, tsType: 'Meta', import: { name: 'Meta', from: './json-types.js' } });
    expect(parseTypeTag('@type Meta', '@type', null)).toEqual({ ok: true, tsType: 'Meta', import: null });
  });

  it('reports what it cannot read', () => {
    expect(parseTypeTag('@type', '@type', null)).toEqual({ ok: false, problem: '@type is not followed by a type' });
    expect(parseTypeTag('@type {Record<string', '@type', null)).toMatchObject({ ok: false });
    expect(parseTypeTag("@type {Record<string, X>} from './x.js'", '@type', null)).toMatchObject({ ok: false });
  });

  it('honours a custom tag', () => {
    expect(parseTypeTag('@json Prefs', '@json', null)).toMatchObject({ ok: true, tsType: 'Prefs' });
  });
});
