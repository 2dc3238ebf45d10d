/**
 * JSON as Prettier prints it, for files rr writes into a project (project.json, rr.config.json):
 * objects one key per line, arrays of plain values on one line while they fit in 80 columns.
 * A project that runs `prettier --check` then has nothing to fix in them.
 */
export function jsonText(value: unknown): string {
  return `${print(value, '')}\n`;
}

const WIDTH = 80;

function print(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    const items = value.map((item) => print(item, inner));
    const flat = `[${items.join(', ')}]`;
    const plain = value.every((item) => item === null || typeof item !== 'object');
    if (plain && indent.length + flat.length <= WIDTH) return flat;
    return `[\n${items.map((item) => inner + item).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, field]) => `${inner}${JSON.stringify(key)}: ${print(field, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
