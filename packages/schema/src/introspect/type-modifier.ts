/**
 * Decodes a PostgreSQL type modifier (`atttypmod`) for the element type it belongs to.
 * The encodings are PostgreSQL's own: varchar/char store length + 4 (the varlena header),
 * numeric packs precision and scale into the two halves after the same offset.
 */
export interface DecodedModifier {
  readonly length: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
}

const NONE: DecodedModifier = { length: null, precision: null, scale: null };
const VARLENA_HEADER = 4;

export function decodeTypeModifier(elementType: string, typmod: number): DecodedModifier {
  if (typmod < 0) return NONE;
  switch (elementType) {
    case 'varchar':
    case 'bpchar':
      return { length: typmod - VARLENA_HEADER, precision: null, scale: null };
    case 'bit':
    case 'varbit':
      return { length: typmod, precision: null, scale: null };
    case 'numeric': {
      const packed = typmod - VARLENA_HEADER;
      // The scale is an 11-bit signed field since PostgreSQL 15 (negative scales are allowed).
      const rawScale = packed & 0x7ff;
      return { length: null, precision: (packed >> 16) & 0xffff, scale: rawScale >= 0x400 ? rawScale - 0x800 : rawScale };
    }
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
      return { length: null, precision: typmod, scale: null };
    case 'interval': {
      const precision = typmod & 0xffff;
      return { length: null, precision: precision === 0xffff ? null : precision, scale: null };
    }
    default:
      return NONE;
  }
}
