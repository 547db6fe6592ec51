import type { StatusImpact } from '../../shared/channels/scoring';
import { ofCount } from '../components/format';

/** How many accounts would change status with a proposed range or weights, in one sentence. */
export function describeImpact(i: StatusImpact | null): string | null {
  if (!i) return null;
  const elsewhere = i.elsewhere
    ? ` In ${i.elsewhere.workspaces === 1 ? 'another workspace' : `${i.elsewhere.workspaces} other workspaces`}, ${i.elsewhere.changed} ${i.elsewhere.changed === 1 ? 'account' : 'accounts'} would change too: reference ranges are shared by all workspaces.`
    : '';
  if (!i.scored) return `No account of this workspace has a score yet.${elsewhere}`;
  if (!i.changed) return `No account would change status (${i.scored} scored).${elsewhere}`;
  const ex = i.examples.map((e) => `${e.accountName}: ${e.from ?? 'no score'} → ${e.to ?? 'no score'}`).join('; ');
  return `${ofCount(i.changed, i.scored, 'account')} would change status (${ex}${i.changed > i.examples.length ? '; …' : ''}).${elsewhere}`;
}
