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

/** An account is stale when its newest data is more than this many months before today (a workspace setting). */
export const DEFAULT_STALE_AFTER_MONTHS = 2;
export const STALE_AFTER_MONTHS_MAX = 24;
