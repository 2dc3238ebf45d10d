import { describe, expect, it } from 'vitest';
import { splitSqlScript, type ScriptItem } from './sql-script.js';

const statements = (items: readonly ScriptItem[]) =>
  items.filter((i): i is Extract<ScriptItem, { kind: 'statement' }> => i.kind === 'statement').map((i) => i.sql);

describe('splitSqlScript', () => {
  it('splits on semicolons and keeps the line each statement starts on', () => {
    const text = 'CREATE TABLE a (id int);\n\nCREATE TABLE b (\n  id int\n);  CREATE TABLE c (id int);\n';
    expect(splitSqlScript(text)).toEqual([
      { kind: 'statement', sql: 'CREATE TABLE a (id int);', line: 1 },
      { kind: 'statement', sql: 'CREATE TABLE b (\n  id int\n);', line: 3 },
      { kind: 'statement', sql: 'CREATE TABLE c (id int);', line: 5 },
    ]);
  });

  it('counts CRLF line ends like LF', () => {
    const items = splitSqlScript('SELECT 1;\r\n\r\nSELECT 2;\r\n');
    expect(items.map((i) => i.line)).toEqual([1, 3]);
  });

  it('does not split inside dollar-quoted bodies, tagged or not', () => {
    const text = [
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$',
      'BEGIN',
      '  PERFORM 1; RETURN 2;',
      'END;',
      '$$;',
      'CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT $$;$$ || \';\' $body$;',
      'SELECT 3;',
    ].join('\n');
    const items = splitSqlScript(text);
    expect(statements(items)).toEqual([
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM 1; RETURN 2;\nEND;\n$$;',
      "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT $$;$$ || ';' $body$;",
      'SELECT 3;',
    ]);
    expect(items.map((i) => i.line)).toEqual([1, 6, 7]);
  });

  it('treats $1 parameters and identifiers containing $ as plain text, not dollar quotes', () => {
    const text = 'PREPARE p AS SELECT $1::int;\nCREATE TABLE a$b (x int);\nSELECT 1;';
    expect(statements(splitSqlScript(text))).toEqual(['PREPARE p AS SELECT $1::int;', 'CREATE TABLE a$b (x int);', 'SELECT 1;']);
  });

  it('does not split inside strings, doubled quotes, E-strings with backslash escapes, or quoted identifiers', () => {
    const text = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine');",
      "INSERT INTO t VALUES (E'back\\'slash; still inside', e'\\\\');",
      "INSERT INTO t VALUES ('plain \\'); SELECT 'after';",
      'CREATE TABLE "semi;colon" ("a""b;" int);',
    ].join('\n');
    expect(statements(splitSqlScript(text))).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine');",
      "INSERT INTO t VALUES (E'back\\'slash; still inside', e'\\\\');",
      // Without E, a backslash is an ordinary character and the string ends at the next quote.
      "INSERT INTO t VALUES ('plain \\');",
      "SELECT 'after';",
      'CREATE TABLE "semi;colon" ("a""b;" int);',
    ]);
  });

  it('does not take a word ending in e before a quote for an E-string', () => {
    expect(statements(splitSqlScript("SELECT note'x\\';\nSELECT 2;"))).toEqual(["SELECT note'x\\';", 'SELECT 2;']);
  });

  it('skips line comments and nested block comments, keeping line numbers right', () => {
    const text = [
      '-- a comment; with a semicolon',
      '/* outer /* inner; */ still; in the outer',
      '   comment */',
      'SELECT 1; -- trailing; comment',
      'SELECT /* inline; */ 2;',
    ].join('\n');
    const items = splitSqlScript(text);
    expect(items).toEqual([
      { kind: 'statement', sql: 'SELECT 1;', line: 4 },
      { kind: 'statement', sql: 'SELECT /* inline; */ 2;', line: 5 },
    ]);
  });

  it('reads psql meta-commands at the start of a statement to the end of their line', () => {
    const text = [
      '\\restrict AbCdEf123',
      '\\set ON_ERROR_STOP on',
      'SET statement_timeout = 0;',
      '\\connect app_production',
      '\\unset ON_ERROR_STOP',
      'CREATE TABLE a (id int);',
      '\\unrestrict AbCdEf123',
    ].join('\n');
    expect(splitSqlScript(text)).toEqual([
      { kind: 'meta', command: '\\restrict AbCdEf123', line: 1 },
      { kind: 'meta', command: '\\set ON_ERROR_STOP on', line: 2 },
      { kind: 'statement', sql: 'SET statement_timeout = 0;', line: 3 },
      { kind: 'meta', command: '\\connect app_production', line: 4 },
      { kind: 'meta', command: '\\unset ON_ERROR_STOP', line: 5 },
      { kind: 'statement', sql: 'CREATE TABLE a (id int);', line: 6 },
      { kind: 'meta', command: '\\unrestrict AbCdEf123', line: 7 },
    ]);
  });

  it('passes over COPY … FROM stdin data up to the \\. line, counting rows', () => {
    const text = [
      'CREATE TABLE t (a text, b text);',
      'COPY public.t (a, b) FROM stdin;',
      'x;1\t-- not a comment',
      "it's\t$$ not a quote",
      '\\N\tCREATE TABLE nope (id int);',
      '\\.',
      'CREATE TABLE after_copy (id int);',
    ].join('\n');
    expect(splitSqlScript(text)).toEqual([
      { kind: 'statement', sql: 'CREATE TABLE t (a text, b text);', line: 1 },
      { kind: 'statement', sql: 'COPY public.t (a, b) FROM stdin;', line: 2 },
      { kind: 'copy-data', line: 3, rows: 3 },
      { kind: 'statement', sql: 'CREATE TABLE after_copy (id int);', line: 7 },
    ]);
  });

  it('handles an empty COPY block, CRLF data lines and two COPY blocks in a row', () => {
    const text = 'COPY a FROM stdin;\r\n\\.\r\nCOPY b (x) FROM STDIN;\r\n1\r\n2\r\n\\.\r\nSELECT 1;\r\n';
    expect(splitSqlScript(text)).toEqual([
      { kind: 'statement', sql: 'COPY a FROM stdin;', line: 1 },
      { kind: 'copy-data', line: 2, rows: 0 },
      { kind: 'statement', sql: 'COPY b (x) FROM STDIN;', line: 3 },
      { kind: 'copy-data', line: 4, rows: 2 },
      { kind: 'statement', sql: 'SELECT 1;', line: 7 },
    ]);
  });

  it('runs a COPY block without its \\. line to the end of the file', () => {
    expect(splitSqlScript('COPY a FROM stdin;\n1\n2\n')).toEqual([
      { kind: 'statement', sql: 'COPY a FROM stdin;', line: 1 },
      { kind: 'copy-data', line: 2, rows: 2 },
    ]);
  });

  it('does not treat COPY … FROM a file as inline data', () => {
    expect(statements(splitSqlScript("COPY a FROM '/tmp/a.csv';\nSELECT 1;"))).toEqual(["COPY a FROM '/tmp/a.csv';", 'SELECT 1;']);
  });

  it('keeps a last statement that has no semicolon, and ignores trailing blanks and comments', () => {
    expect(splitSqlScript('SELECT 1;\nSELECT 2\n')).toEqual([
      { kind: 'statement', sql: 'SELECT 1;', line: 1 },
      { kind: 'statement', sql: 'SELECT 2\n', line: 2 },
    ]);
    expect(splitSqlScript('SELECT 1;\n\n-- the end\n  \n')).toEqual([{ kind: 'statement', sql: 'SELECT 1;', line: 1 }]);
    expect(splitSqlScript('')).toEqual([]);
  });

  it('keeps line numbers right after multi-line strings, identifiers and dollar quotes', () => {
    const text = [
      "COMMENT ON TABLE a IS 'line one",
      "line two';",
      'CREATE TABLE "multi',
      'line" (id int);',
      'DO $$',
      'BEGIN',
      'END $$;',
      'SELECT 4;',
    ].join('\n');
    expect(splitSqlScript(text).map((i) => i.line)).toEqual([1, 3, 5, 8]);
  });

  it('splits a pg_dump-style header as psql would', () => {
    const text = [
      '--',
      '-- PostgreSQL database dump',
      '--',
      '',
      '\\restrict 5sVgNpZ',
      '',
      "SET client_encoding = 'UTF8';",
      "SELECT pg_catalog.set_config('search_path', '', false);",
      'CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;',
      "COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';",
    ].join('\n');
    expect(splitSqlScript(text).map((i) => `${i.line} ${i.kind}`)).toEqual(['5 meta', '7 statement', '8 statement', '9 statement', '10 statement']);
  });
});
