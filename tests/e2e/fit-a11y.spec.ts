import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { WebServer } from '../../main/web/server';
import { makeRollupWorkbook, sampleKpis } from '../helpers/workbooks';
import { createWorkspace, expect, importByDrop, SAMPLES, shot, test } from './fixtures';

/**
 * Issue 14, point 7: every screen fits and stays accessible, at 1280 x 800 and 1920 x 1080, in the
 * light and the dark theme, on the samples and on a 25-account roll-up whose accounts have long
 * names, owners, segments, renewal dates and revenue. A name, chip or number is clipped when its box scrolls
 * wider than it shows and nothing (a title) gives the full text; axe-core's WCAG 2.1 A/AA rules find
 * no violation.
 */

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const THEMES = ['light', 'dark'] as const;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Screen {
  name: string;
  open: (page: Page) => Promise<void>;
}

const nav = (label: string) => async (page: Page) => {
  await page.getByRole('navigation').getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
};

const SCREENS: Screen[] = [
  {
    name: 'today',
    open: async (page) => {
      await nav('Today')(page);
      // Everyone's items, so the screen has rows to fit (the roll-up's accounts belong to others).
      const everyone = page.getByLabel("Show everyone's");
      if (!(await everyone.isChecked())) await everyone.check();
      await expect(page.locator('.today-section').first()).toBeVisible();
    },
  },
  { name: 'portfolio', open: nav('Portfolio') },
  {
    name: 'account',
    open: async (page) => {
      await nav('Portfolio')(page);
      await page
        .getByRole('table', { name: 'Portfolio' })
        .locator('tbody tr')
        .first()
        .getByRole('button')
        .first()
        .click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  { name: 'accounts', open: nav('Accounts') },
  { name: 'playbooks', open: nav('Playbooks') },
  { name: 'import', open: nav('Import') },
  { name: 'settings', open: nav('Settings') },
];

/**
 * Elements whose text is cut and that carry no title: the box scrolls wider than it shows, or it
 * reaches past the right edge of an ancestor that hides or scrolls its overflow (a chip cut off at
 * the table's edge).
 */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const candidates = document.querySelectorAll<HTMLElement>(
      'main td, main th, main button, main a, main h1, main h2, main h3, main [class*="chip"], main [class*="badge"], main label, nav button, aside select, aside button',
    );
    const clipperOf = (el: HTMLElement): HTMLElement | null => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return p;
      }
      return null;
    };
    for (const el of candidates) {
      if (!el.offsetParent || el.clientWidth === 0) continue;
      const text = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 60)}"`;
      // Text that runs out of its card (over the border, into the next card): a title does not help.
      const card = el.parentElement?.closest<HTMLElement>('.card');
      if (card && el.getBoundingClientRect().right > card.getBoundingClientRect().right + 1) {
        out.push(`${text} (runs out of its card)`);
        continue;
      }
      if (el.title || el.closest('[title]')) continue;
      const style = getComputedStyle(el);
      const selfClips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (selfClips && el.scrollWidth > el.clientWidth + 1) {
        out.push(text);
        continue;
      }
      const clipper = clipperOf(el);
      if (!clipper) continue;
      const box = el.getBoundingClientRect();
      const edge = clipper.getBoundingClientRect();
      if (box.right > edge.right + 1 && box.left < edge.right) out.push(`${text} (cut at its container's edge)`);
    }
    return out;
  });
}

/** Long names, as real customers have them (the table must cut them with a title, never silently). */
const LONG_NAMES = [
  'Black Mesa Research Facility International',
  'Aperture Science Innovators Laboratories',
  'Cyberdyne Systems Corporation of North America',
  'Weyland-Yutani Building Better Worlds Ltd',
  'Tyrell Corporation Replicant Division',
  'Soylent Green Nutritional Products Inc',
  'Wonka Industries Confectionery Worldwide',
  'Oscorp Industries Advanced Materials',
  'Stark Industries Clean Energy Solutions',
  'Wayne Enterprises Applied Sciences Division',
  'Umbrella Corporation Pharmaceuticals',
  'Initech Software Consulting Group',
  'Globex Corporation Hank Scorpio Holdings',
  'Massive Dynamic Research and Development',
  'Virtucon Industries Dr Evil Subsidiary',
  'Buy n Large Mega Retail Corporation',
  'Rekall Memory Implant Services Inc',
  'Nakatomi Trading Corporation Los Angeles',
  'Gringotts Wizarding Bank Vault Services',
  'Monsters Incorporated Scream Energy',
  'Sirius Cybernetics Corporation Complaints',
  'Dunder Mifflin Paper Company Scranton',
  'Vandelay Industries Import Export Latex',
  'Prestige Worldwide Entertainment Boats',
  'Hooli Extended Reality and Compression',
];

/** The 25-account roll-up: imported by dropping the workbook, then given the book-of-business details. */
async function loadRollup(page: Page, app: WebServer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-fit-'));
  const file = path.join(dir, 'portfolio-rollup-2025-12.xlsx');
  fs.writeFileSync(file, await makeRollupWorkbook(await sampleKpis(SAMPLES), 25, 6, 11, LONG_NAMES));
  await importByDrop(page, file);
  fs.rmSync(dir, { recursive: true, force: true });
  const call = async (channel: string, payload: unknown) => {
    const r = await app.backend.invoke(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return (r as { data: any }).data;
  };
  const accounts = (await call('accounts.list', {})) as Array<{ id: number; name: string }>;
  const owners = [];
  for (const name of ['Maximiliana Featherstonehaugh-Wright', 'Bartholomew Okonkwo-Lindqvist', 'Jo Li'])
    owners.push(await call('users.create', { name, email: `${name.split(' ')[0].toLowerCase()}@example.com` }));
  for (const [i, a] of accounts.entries()) {
    await call('accounts.update', {
      accountId: a.id,
      ownerUserId: owners[i % 3].id,
      segment: ['Strategic Enterprise', 'Mid-market', 'SMB'][i % 3],
      renewalDate: `2027-${String((i % 12) + 1).padStart(2, '0')}-28`,
      revenue: 1_250_000 + i * 987_654,
      industry: ['Advanced Manufacturing', 'Healthcare & Life Sciences', 'Financial Services'][i % 3],
      region: ['North America', 'Europe, Middle East & Africa', 'Asia Pacific'][i % 3],
    });
  }
}

const DATASETS = [
  {
    name: 'samples',
    mode: 'corporate' as const,
    load: async (page: Page) => {
      await page.getByRole('button', { name: 'Load sample data' }).click();
    },
  },
  { name: 'rollup25', mode: 'rollup' as const, load: loadRollup },
];

for (const data of DATASETS) {
  for (const theme of THEMES) {
    test(`every screen fits and passes axe (WCAG 2.1 AA) in the ${theme} theme, on the ${data.name}`, async ({
      appPage: page,
      app,
    }) => {
      test.setTimeout(300_000);
      await page.emulateMedia({ colorScheme: theme });
      await createWorkspace(page, 'Fit check', data.mode);
      await data.load(page, app);
      await nav('Portfolio')(page);
      await expect(page.getByRole('table', { name: 'Portfolio' }).locator('tbody tr').first()).toBeVisible({
        timeout: 60_000,
      });
      const problems: string[] = [];
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const screen of SCREENS) {
          await screen.open(page);
          await page.waitForTimeout(300); // charts and virtual rows settle
          const where = `${screen.name} ${size.width}x${size.height} ${theme} ${data.name}`;
          const suffix = data.name === 'samples' ? '' : `-${data.name}`;
          await shot(page, `fit-${screen.name}-${size.width}-${theme}${suffix}`);
          for (const c of await clipped(page)) problems.push(`${where}: clipped ${c}`);
          const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
          for (const v of axe.violations) {
            const targets = v.nodes
              .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`)
              .slice(0, 3)
              .join('; ');
            problems.push(`${where}: axe ${v.id} (${v.impact}): ${v.help} at ${targets}`);
          }
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
}
