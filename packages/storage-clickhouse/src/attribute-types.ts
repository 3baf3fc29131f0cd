/**
 * The type code stored beside each attribute in the `*_types` array columns (sql/001-spans.sql);
 * the `*_values` column holds the value as text in the form attribute-arrays.ts describes.
 * Stored data: never renumber.
 */
export const AttributeType = {
  EMPTY: 0,
  STRING: 1,
  BOOL: 2,
  INT: 3,
  DOUBLE: 4,
  BYTES: 5,
  ARRAY: 6,
  KVLIST: 7,
} as const;
export type AttributeType = (typeof AttributeType)[keyof typeof AttributeType];
