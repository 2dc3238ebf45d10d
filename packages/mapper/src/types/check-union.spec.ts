import { describe, expect, it } from 'vitest';
import { parseCheckUnion } from './check-union.js';

describe('parseCheckUnion', () => {
  it.each([
    ["CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'published'::character varying])::text[])))", 'status'],
    ["CHECK ((status = ANY (ARRAY['draft'::text, 'published'::text])))", 'status'],
    ["CHECK (status::text = ANY (ARRAY['draft'::character varying, 'published'::character varying]::text[]))", 'status'],
    ["CHECK (((status)::text = ANY (ARRAY[('draft'::character varying)::text, ('published'::character varying)::text])))", 'status'],
    ["CHECK (status IN ('draft', 'published'))", 'status'],
    ["CHECK ((\"Status\" = ANY (ARRAY['draft'::text, 'published'::text]))) NOT VALID", 'Status'],
    // A quote or paren inside a quoted identifier is part of the name, not a string or a group.
    ["CHECK (((\"it's (x)\")::text = ANY ((ARRAY['draft'::character varying, 'published'::character varying])::text[])))", "it's (x)"],
  ])('reads %s', (expression, column) => {
    expect(parseCheckUnion(expression)).toEqual({ column, values: ['draft', 'published'] });
  });

  it('unescapes quotes and drops duplicates', () => {
    expect(parseCheckUnion("CHECK (kind IN ('it''s', 'it''s', 'x'))")).toEqual({ column: 'kind', values: ["it's", 'x'] });
  });

  it.each([
    'CHECK ((status = ANY (ARRAY[1, 2, 3])))',
    'CHECK ((invoice_grace_period >= 0))',
    "CHECK (((plan_id IS NOT NULL) <> (subscription_id IS NOT NULL)))",
    "CHECK ((status = ANY (ARRAY['a'::text])) OR (status IS NULL))",
    "CHECK ((lower(status) = ANY (ARRAY['a'::text])))",
    "CHECK ((status <> ALL (ARRAY['a'::text])))",
  ])('ignores %s', (expression) => {
    expect(parseCheckUnion(expression)).toBeNull();
  });
});
