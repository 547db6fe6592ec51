/** The default category weights (../shared/samples/category-weights.json): fractions summing to 1. */
export const DEFAULT_CATEGORY_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  'Relationship Strength': 0.2,
  'Adoption & Engagement': 0.25,
  'Support & Experience': 0.2,
  'Product Value': 0.2,
  'Business Outcomes': 0.15,
});

export const UPLOAD_MODES = ['corporate', 'account_rollup'] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];
