import { z } from 'zod';
import { describeRangeFault, rangeFaultList } from './range-rules';

/**
 * A KPI's reference range (a row of the seed's kpi_reference_ranges): the schema every request
 * carrying one is checked with, and the type the scoring engine reads. The bands' order and
 * contiguity are checked by `rangeFaultList`, which names the field at fault; the schema refuses a
 * range whose bands are out of order or do not touch, with that sentence on the field at fault.
 */
export const rangeSchema = z
  .object({
    kpiName: z.string().trim().min(1, 'The KPI name cannot be empty').max(200),
    unit: z.string().trim().min(1, 'The unit cannot be empty').max(50),
    higherIsBetter: z.boolean(),
    criticalMin: z.number().finite(),
    criticalMax: z.number().finite(),
    riskMin: z.number().finite(),
    riskMax: z.number().finite(),
    healthyMin: z.number().finite(),
    healthyMax: z.number().finite(),
  })
  .superRefine((r, ctx) => {
    for (const f of rangeFaultList(r))
      if (f.kind === 'not-less' || f.kind === 'not-touching')
        ctx.addIssue({ code: 'custom', path: [f.field], message: describeRangeFault(f, r) });
  })
  // a valid range as an example (its JSON schema's `examples`: the bands' rules are not expressible there)
  .meta({
    examples: [
      {
        kpiName: 'NPS Score',
        unit: 'score',
        higherIsBetter: true,
        criticalMin: -100,
        criticalMax: 10,
        riskMin: 10,
        riskMax: 30,
        healthyMin: 30,
        healthyMax: 100,
      },
    ],
  });

export type Range = z.output<typeof rangeSchema>;
