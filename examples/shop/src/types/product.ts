/** What products.attributes (jsonb) holds: display facts that vary by category. */
export type ProductAttributes = {
  readonly color?: string;
  readonly size?: string;
  readonly weightGrams?: number;
};
