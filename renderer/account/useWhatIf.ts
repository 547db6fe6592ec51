import { useMemo, useState } from 'react';
import type { ScoreReceipt } from '../../shared/channels/scoring';
import type { Range } from '../../shared/scoring';
import { applyWhatIf, baseWeights, draftEdits, editCount, NO_EDITS, type WhatIfDraft } from './whatif';

const EMPTY: WhatIfDraft = { values: {}, bounds: {}, weights: {} };

/** The what-if's state: what was typed, the edits it makes, the scores now and with the edits. */
export function useWhatIf(receipt: ScoreReceipt) {
  const [draft, setDraft] = useState<WhatIfDraft>(EMPTY);
  const base = useMemo(() => baseWeights(receipt), [receipt]);
  const edits = useMemo(() => draftEdits(receipt, draft, base), [receipt, draft, base]);
  const now = useMemo(() => applyWhatIf(receipt.inputs, receipt.categories, NO_EDITS).score, [receipt]);
  const what = useMemo(() => applyWhatIf(receipt.inputs, receipt.categories, edits), [receipt, edits]);
  return {
    draft,
    base,
    edits,
    now,
    what,
    changes: editCount(edits),
    reset: () => setDraft(EMPTY),
    setValue: (key: string, text: string) => setDraft((d) => ({ ...d, values: { ...d.values, [key]: text } })),
    setBound: (rangeKey: string, bound: keyof Range, text: string) =>
      setDraft((d) => ({ ...d, bounds: { ...d.bounds, [rangeKey]: { ...d.bounds[rangeKey], [bound]: text } } })),
    setWeight: (category: string, text: string) =>
      setDraft((d) => ({ ...d, weights: { ...d.weights, [category]: text } })),
  };
}

export type WhatIfState = ReturnType<typeof useWhatIf>;
