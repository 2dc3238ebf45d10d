/**
 * Splits a SQL script as psql would read it: statements ended by `;` outside strings,
 * quoted identifiers, dollar quotes and comments; psql meta-commands (`\connect`, `\set`,
 * `\restrict`, …) on lines of their own; and the data lines of `COPY … FROM stdin`, which end
 * at a line holding only `\.`. Each item keeps the line it starts on, for error messages.
 */

export type ScriptItem =
  | { readonly kind: 'statement'; readonly sql: string; readonly line: number }
  | { readonly kind: 'meta'; readonly command: string; readonly line: number }
  | { readonly kind: 'copy-data'; readonly line: number; readonly rows: number };

const COPY_FROM_STDIN = /^\s*COPY\b[\s\S]*\bFROM\s+stdin\b/i;

function isIdentifierChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(ch);
}

export function splitSqlScript(text: string): ScriptItem[] {
  const items: ScriptItem[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let start = -1; // index of the current statement's first significant character
  let startLine = 0;

  const advanceTo = (to: number) => {
    for (; i < to && i < n; i++) if (text.charCodeAt(i) === 10) line++;
  };
  const begin = () => {
    if (start < 0) {
      start = i;
      startLine = line;
    }
  };
  const endOfLine = (from: number) => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? n : nl;
  };

  while (i < n) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '-' && next === '-') {
      advanceTo(endOfLine(i));
      continue;
    }
    if (ch === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text[j] === '/' && text[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (text[j] === '*' && text[j + 1] === '/') {
          depth--;
          j += 2;
        } else j++;
      }
      advanceTo(j);
      continue;
    }
    if (ch === '\\' && start < 0) {
      // A meta-command: psql reads it to the end of its line.
      const end = endOfLine(i);
      items.push({ kind: 'meta', command: text.slice(i, end).trim(), line });
      advanceTo(end);
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      advanceTo(i + 1);
      continue;
    }
    begin();
    if (ch === "'") {
      const escapes = (text[i - 1] === 'E' || text[i - 1] === 'e') && !isIdentifierChar(text[i - 2]);
      let j = i + 1;
      while (j < n) {
        if (escapes && text[j] === '\\') j += 2;
        else if (text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === "'") break;
        else j++;
      }
      advanceTo(j + 1);
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < n) {
        if (text[j] === '"' && text[j + 1] === '"') j += 2;
        else if (text[j] === '"') break;
        else j++;
      }
      advanceTo(j + 1);
      continue;
    }
    if (ch === '$' && !isIdentifierChar(text[i - 1])) {
      const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        advanceTo(close < 0 ? n : close + tag[0].length);
        continue;
      }
    }
    if (ch === ';') {
      const sql = text.slice(start, i + 1);
      items.push({ kind: 'statement', sql, line: startLine });
      advanceTo(i + 1);
      start = -1;
      if (COPY_FROM_STDIN.test(sql)) {
        // Data starts on the next line and ends at a line that is exactly `\.`.
        const dataLine = line + 1;
        let rows = 0;
        let j = endOfLine(i) + 1;
        while (j < n) {
          const end = endOfLine(j);
          if (text.slice(j, end).replace(/\r$/, '') === '\\.') {
            j = end;
            break;
          }
          rows++;
          j = end + 1;
        }
        advanceTo(Math.min(j, n));
        items.push({ kind: 'copy-data', line: dataLine, rows });
      }
      continue;
    }
    advanceTo(i + 1);
  }
  if (start >= 0 && text.slice(start).trim() !== '') {
    items.push({ kind: 'statement', sql: text.slice(start), line: startLine });
  }
  return items;
}
