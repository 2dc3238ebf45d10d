/**
 * A small reader for the SQL text PostgreSQL prints back (`pg_get_constraintdef`,
 * `pg_get_expr`): literals, identifiers, casts and parentheses. Enough to recognise the few
 * expression shapes the mapper understands; anything else is reported as not understood.
 */

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
/** A type name after `::`: `text`, `character varying(20)`, `timestamp without time zone`, `public."T"[]`. */
const TYPE_NAME = new RegExp(
  String.raw`^${IDENT}(?:\.${IDENT})?(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))?(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s+with(?:out)?\s+time\s+zone)?(?:\[\])*`,
);

export class Reader {
  #pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    this.#skipSpace();
    return this.#pos >= this.text.length;
  }

  #skipSpace(): void {
    while (this.#pos < this.text.length && /\s/.test(this.text.charAt(this.#pos))) this.#pos++;
  }

  peek(literal: string): boolean {
    this.#skipSpace();
    return this.text.startsWith(literal, this.#pos);
  }

  peekWord(word: string): boolean {
    this.#skipSpace();
    const slice = this.text.slice(this.#pos, this.#pos + word.length);
    const next = this.text.charAt(this.#pos + word.length);
    return slice.toUpperCase() === word && !/[A-Za-z0-9_]/.test(next);
  }

  take(literal: string): boolean {
    if (!this.peek(literal)) return false;
    this.#pos += literal.length;
    return true;
  }

  takeWord(word: string): boolean {
    if (!this.peekWord(word)) return false;
    this.#pos += word.length;
    return true;
  }

  /** `'it''s'` → `it's`; null when not at a string literal. */
  stringLiteral(): string | null {
    this.#skipSpace();
    if (this.text.charAt(this.#pos) === 'E' && this.text.charAt(this.#pos + 1) === "'") return null;
    return this.#quoted("'");
  }

  /** Reads text between `quote`s where a doubled quote stands for itself; null if unclosed. */
  #quoted(quote: string): string | null {
    if (this.text.charAt(this.#pos) !== quote) return null;
    let value = '';
    let i = this.#pos + 1;
    for (;;) {
      if (i >= this.text.length) return null;
      const char = this.text.charAt(i);
      if (char === quote) {
        if (this.text.charAt(i + 1) !== quote) break;
        value += quote;
        i += 2;
        continue;
      }
      value += char;
      i++;
    }
    this.#pos = i + 1;
    return value;
  }

  /** A plain or double-quoted identifier. */
  identifier(): string | null {
    this.#skipSpace();
    if (this.text.charAt(this.#pos) === '"') return this.#quoted('"');
    const match = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(this.text.slice(this.#pos));
    if (!match) return null;
    this.#pos += match[0].length;
    return match[0];
  }

  /** An optionally signed decimal number, as text; null when not at one. */
  numberLiteral(): string | null {
    this.#skipSpace();
    const match = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(this.text.slice(this.#pos));
    if (!match) return null;
    this.#pos += match[0].length;
    return match[0];
  }

  /** Skips any number of `::type` casts. */
  casts(): void {
    while (this.take('::')) {
      this.#skipSpace();
      const match = TYPE_NAME.exec(this.text.slice(this.#pos));
      if (!match) return;
      this.#pos += match[0].length;
    }
  }
}


/** `'a'::text`, `('a'::character varying)::text`. */
export function readStringItem(reader: Reader): string | null {
  if (reader.take('(')) {
    const inner = readStringItem(reader);
    if (inner === null || !reader.take(')')) return null;
    reader.casts();
    return inner;
  }
  const value = reader.stringLiteral();
  if (value === null) return null;
  reader.casts();
  return value;
}

/** Removes parentheses that enclose the whole expression, however many levels. */
export function stripOuterParens(text: string): string {
  let current = text.trim();
  for (;;) {
    if (!current.startsWith('(') || !current.endsWith(')')) return current;
    let depth = 0;
    let inString = false;
    let inIdentifier = false;
    let enclosesAll = true;
    for (let i = 0; i < current.length; i++) {
      const char = current.charAt(i);
      // A quote inside "an identifier" is not a string's, and a paren inside either is text.
      if (char === "'" && !inIdentifier) inString = !inString;
      else if (char === '"' && !inString) inIdentifier = !inIdentifier;
      if (inString || inIdentifier) continue;
      if (char === '(') depth++;
      else if (char === ')') {
        depth--;
        if (depth === 0 && i < current.length - 1) {
          enclosesAll = false;
          break;
        }
      }
    }
    if (!enclosesAll) return current;
    current = current.slice(1, -1).trim();
  }
}

