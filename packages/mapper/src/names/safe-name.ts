/**
 * Safe identifiers. Every generated name must be a valid Zero name
 * (`/^[A-Za-z_]+[A-Za-z0-9_-]*$/`) and usable as a TypeScript identifier and class member, so
 * the stricter `/^[A-Za-z_][A-Za-z0-9_]*$/` is enforced everywhere.
 */

const SAFE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Words that cannot name a variable, a class member or a Zero column: JavaScript reserved and
 * strict-mode words, `__proto__` (special in object literals), `constructor`/`prototype` (would
 * break model classes), the other members every object inherits from `Object.prototype` (the
 * type checker gives each object literal those members, so a column called `toString` made
 * `defaults satisfies Partial<Insert>` fail to compile) and Zero's own `_0_version`.
 */
const RESERVED: ReadonlySet<string> = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete',
  'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import',
  'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface',
  'package', 'private', 'protected', 'public', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  '__proto__', 'constructor', 'prototype', '_0_version',
  'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable',
  '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

/** Letters NFKD does not decompose into an ASCII base letter. */
const TRANSLITERATION: Readonly<Record<string, string>> = {
  ı: 'i', İ: 'I', ø: 'o', Ø: 'O', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', đ: 'd', Đ: 'D',
  ł: 'l', Ł: 'L', þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D', ħ: 'h', Ħ: 'H',
};

export type NameProblem = 'invalid' | 'reserved';

export interface SafeName {
  readonly name: string;
  /** Why the candidate had to change, or null when it was already safe. */
  readonly problem: NameProblem | null;
}

export function isReservedWord(name: string): boolean {
  return RESERVED.has(name);
}

export function isSafeIdentifier(name: string): boolean {
  return SAFE.test(name) && !RESERVED.has(name);
}

/** Replaces accented and non-ASCII letters by ASCII ones, and anything else unsafe by `_`. */
function toAscii(text: string): string {
  let result = '';
  for (const char of text.normalize('NFKD')) {
    if (/\p{M}/u.test(char)) continue;
    if (/[A-Za-z0-9_]/.test(char)) result += char;
    else result += TRANSLITERATION[char] ?? '_';
  }
  return result;
}

/**
 * A deterministic safe form of `candidate`. `fallback` is used when nothing usable is left
 * (a name made only of symbols).
 */
export function safeIdentifier(candidate: string, fallback: string): SafeName {
  if (SAFE.test(candidate)) {
    return RESERVED.has(candidate) ? { name: `${candidate}_`, problem: 'reserved' } : { name: candidate, problem: null };
  }
  let name = toAscii(candidate);
  if (/^_*$/.test(name)) name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return { name, problem: 'invalid' };
}
