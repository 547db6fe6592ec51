import { ofCount, plural } from '../../shared/format';
import { formatChange } from '../../shared/scoring';
import { findAccountByName } from '../accounts/service';
import { type Command, str, UsageError, withDb } from '../cli/framework';
import { all } from '../db/open';
import { findWorkspaceByName } from '../workspaces/service';
import { explainAccountMonth } from './receipt';
import { recomputeScores } from './service';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };
const f2 = (n: number | null | undefined) => (n == null ? '-' : n.toFixed(2));

export const scoringCommands: Command[] = [
  {
    name: 'score',
    summary: 'Recompute every stored health score (one workspace, or all) and print a summary.',
    options: [DB, { name: 'customer', value: 'NAME', help: 'only this workspace' }],
    run: (args, io) =>
      withDb(args, (db) => {
        const name = str(args, 'customer');
        const workspaces = name
          ? [findWorkspaceByName(db, name)]
          : all(db, db.k.selectFrom('customers').select(['customer_id as id', 'customer_name as name']));
        for (const ws of workspaces) {
          const t0 = performance.now();
          const s = recomputeScores(db, ws.id);
          io.out(
            `${ws.name}: ${plural(s.accounts, 'account')}, ${plural(s.months, 'account-month')} scored; ${plural(s.valuesRescored, 'KPI value')} and ${plural(s.trendsWritten, 'monthly score')} changed, ${s.trendsRemoved} removed (${Math.round(performance.now() - t0)} ms)`,
          );
          if (s.unweightedCategories.length)
            io.out(`  categories without a weight (not in the overall): ${s.unweightedCategories.join(', ')}`);
        }
      }),
  },
  {
    name: 'explain',
    summary: "An account's score receipt for a month: every KPI, category and the change since the previous month.",
    options: [
      DB,
      { name: 'customer', value: 'NAME', required: true, help: 'the workspace' },
      { name: 'account', value: 'NAME', required: true, help: 'the account' },
      { name: 'month', value: 'YYYY-MM', help: 'the month (default: the latest)' },
      { name: 'json', help: 'print JSON' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const account = findAccountByName(db, ws.id, str(args, 'account')!);
        if (!account)
          throw Object.assign(new Error(`There is no account named "${str(args, 'account')}" in ${ws.name}.`), {
            code: 'not_found',
          });
        const month = str(args, 'month');
        if (month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError('--month is written YYYY-MM');
        const r = explainAccountMonth(db, ws.id, account.account_id, month);
        if (args.opts.json) {
          io.out(JSON.stringify(r, null, 2));
          return;
        }
        io.out(
          `${r.accountName}, ${r.month}: overall ${f2(r.overall)} (${r.status ?? 'no score'}); ${ofCount(r.validKpis, r.totalKpis, 'KPI')} scored`,
        );
        for (const c of r.categories) {
          io.out(
            `\n${c.category}: ${f2(c.score)}  ${c.shareOfOverall == null ? 'not in the overall' : `counts ${(c.shareOfOverall * 100).toFixed(1)}%`}  (${c.validKpis}/${c.totalKpis} KPIs)`,
          );
          for (const k of r.kpis.filter((x) => x.category === c.category)) {
            if (k.score == null) {
              io.out(`  ${k.name.padEnd(36)} ${String(k.value ?? '-').padStart(10)}  not scored: ${k.missing}`);
              continue;
            }
            const band = k.band ? `${k.band.status} ${k.band.min}..${k.band.max}` : '';
            io.out(
              `  ${k.name.padEnd(36)} ${String(k.value).padStart(10)}  ${band.padEnd(22)} score ${f2(k.score)}  weight ${k.weight}  share ${((k.shareOfCategory ?? 0) * 100).toFixed(1)}%`,
            );
          }
        }
        if (r.previousMonth) {
          io.out(
            `\nChange since ${r.previousMonth}: ${r.change == null ? 'n/a' : formatChange({ change: r.change, contributions: r.contributions }, 8)}`,
          );
        }
      }),
  },
];
