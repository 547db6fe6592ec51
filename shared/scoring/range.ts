import { z } from 'zod';

/**
 * A KPI's reference range (a row of the seed's kpi_reference_ranges): the schema every request
 * carrying one is checked with, and the type the scoring engine reads. The bands' order and
 * contiguity are checked by `rangeFaultList`, which names the field at fault.
 */
export const rangeSchema = z.object({
  kpiName: z.string().trim().min(1, 'The KPI name cannot be empty').max(200),
  unit: z.string().trim().min(1, 'The unit cannot be empty').max(50),
  higherIsBetter: z.boolean(),
  criticalMin: z.number().finite(),
  criticalMax: z.number().finite(),
  riskMin: z.number().finite(),
  riskMax: z.number().finite(),
  healthyMin: z.number().finite(),
  healthyMax: z.number().finite(),
});

export type Range = z.output<typeof rangeSchema>;
