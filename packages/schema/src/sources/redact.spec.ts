import { describe, expect, it } from 'vitest';
import { redact, redactUrl } from './redact.js';

const SECRET = 'Sup3r-S3cret-pw';

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact(`password ${SECRET} rejected; ${SECRET} again`, [SECRET])).toBe('password *** rejected; *** again');
    expect(redact('a-one b-two', ['one', 'two'])).toBe('a-*** b-***');
  });

  it('also replaces the URL-encoded form of a secret', () => {
    const secret = 'p@ss word/1';
    expect(redact(`url postgres://u:${encodeURIComponent(secret)}@h/db and raw ${secret}`, [secret])).toBe('url postgres://u:***@h/db and raw ***');
  });

  it('skips empty, null and undefined secrets instead of mangling the text', () => {
    expect(redact('nothing to hide', ['', null, undefined])).toBe('nothing to hide');
  });
});

describe('redactUrl', () => {
  it.each([
    [`postgres://app:${SECRET}@db.internal:5432/prod`, 'postgres://app:***@db.internal:5432/prod'],
    [`postgresql://app:${SECRET}@db.internal/prod?sslmode=require`, 'postgresql://app:***@db.internal/prod?sslmode=require'],
    [`postgres://:${SECRET}@localhost/db`, 'postgres://:***@localhost/db'],
    // Unencoded characters that end the userinfo for a URL parser must not end the redaction.
    ['postgres://app:Sup3r#S3cret@127.0.0.1:1/db', 'postgres://app:***@127.0.0.1:1/db'],
    ['postgres://app:Sup3r/S3cret@127.0.0.1:1/db', 'postgres://app:***@127.0.0.1:1/db'],
    ['postgres://app:Sup3r?S3cret@127.0.0.1:1/db', 'postgres://app:***@127.0.0.1:1/db'],
    ['postgres://app:Sup3r@S3cret@127.0.0.1:1/db', 'postgres://app:***@127.0.0.1:1/db'],
    ['postgres://app:Sup3r:S3cret@127.0.0.1:1/db', 'postgres://app:***@127.0.0.1:1/db'],
    [`MYSQL://root:${SECRET}@h/db`, 'MYSQL://root:***@h/db'],
  ])('hides the password of %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactUrl(url)).not.toContain('S3cret');
  });

  it.each([
    'postgres://app@db.internal:5432/prod',
    'postgres://db.internal:5432/prod',
    'postgres:///prod?host=/var/run/postgresql',
    'structure.sql',
  ])('leaves %s alone: it has no password', (url) => {
    expect(redactUrl(url)).toBe(url);
  });
});
