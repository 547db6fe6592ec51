import { createWorkspace, expect, shot, test } from './fixtures';

test('reference ranges and weights show how many accounts would change status before saving', async ({
  appPage: page,
  app,
}) => {
  await createWorkspace(page, 'Ranges');
  const loaded = await app.backend.invoke('import.loadSamples', {});
  expect(loaded.ok).toBe(true);
  await page.getByRole('button', { name: 'Settings' }).click();

  const ranges = page.getByRole('table', { name: 'Reference ranges' });
  await expect(ranges.getByRole('row')).toHaveCount(41);
  // A long screen: only the content area scrolls; the window (and with it the sidebar) never moves.
  await page.mouse.move(100, 600);
  await page.mouse.wheel(0, 1500);
  const scroll = () =>
    page.evaluate(() => ({
      height: document.scrollingElement?.scrollHeight,
      viewport: window.innerHeight,
      y: window.scrollY,
    }));
  expect(await scroll()).toEqual({ height: 800, viewport: 800, y: 0 });
  expect(await page.locator('main').evaluate((m) => m.scrollHeight > m.clientHeight)).toBe(true);
  await page.getByLabel('Search reference ranges').fill('NPS');
  await page.getByRole('button', { name: 'Edit the range of NPS Score' }).click();
  const dialog = page.getByRole('dialog', { name: 'Range of NPS Score' });
  await expect(dialog.getByLabel('KPI name')).toBeFocused();
  // One value per band edge: where Critical ends Risk starts, so the bands touch by construction.
  const edges = ['Critical from', 'Risk from', 'Healthy from', 'Healthy up to'];
  for (const [i, v] of ['-100', '10', '30', '100'].entries()) await expect(dialog.getByLabel(edges[i])).toHaveValue(v);
  await expect(dialog.getByLabel('Risk to')).toHaveCount(0);
  await expect(dialog.getByTestId('range-bands')).toHaveText('Critical -100 to 10 · Risk 10 to 30 · Healthy 30 to 100');
  await dialog.getByLabel('Healthy from').fill('5');
  // The fault names the edges by their labels, next to them; both are marked and described by it.
  const fault = 'Healthy from (5) must be more than Risk from (10).';
  await expect(dialog.getByText(fault)).toBeVisible();
  for (const label of ['Healthy from', 'Risk from']) {
    await expect(dialog.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel(label)).toHaveAccessibleDescription(fault);
  }
  await expect(dialog.getByLabel('Healthy up to')).not.toHaveAttribute('aria-invalid');
  await expect(dialog.getByRole('button', { name: 'Save range' })).toBeDisabled();
  // Text that is not a number is refused at the field, not read as 0.
  await dialog.getByLabel('Healthy from').fill('abc');
  await expect(dialog.getByLabel('Healthy from')).toHaveAccessibleDescription('Enter Healthy from as a number.');
  // A much harder NPS range: healthy only from 90.
  await dialog.getByLabel('Healthy from').fill('90');
  await expect(dialog.getByTestId('range-bands')).toHaveText('Critical -100 to 10 · Risk 10 to 90 · Healthy 90 to 100');
  await expect(dialog.getByText(/of 11 accounts would change status|No account would change status/)).toBeVisible();
  await shot(page, 'settings-range-edit');
  await dialog.getByRole('button', { name: 'Save range' }).click();
  await expect(page.getByText('Range of NPS Score saved; scores recomputed.')).toBeVisible();
  const stored = app.backend.ctx.db.raw
    .prepare("SELECT risk_max, healthy_min FROM kpi_reference_ranges WHERE kpi_name = 'NPS Score'")
    .get();
  expect(stored).toEqual({ risk_max: 90, healthy_min: 90 });

  // A new range says nothing about the empty name until the user tries to save it.
  await page.getByRole('button', { name: 'Add range' }).click();
  const added = page.getByRole('dialog', { name: 'New reference range' });
  await expect(added.getByLabel('KPI name')).not.toHaveAttribute('aria-invalid');
  await expect(added.getByRole('listitem')).toHaveCount(0);
  await added.getByRole('button', { name: 'Save range' }).click();
  await expect(added.getByLabel('KPI name')).toBeFocused();
  await expect(added.getByLabel('KPI name')).toHaveAccessibleDescription('Enter the KPI name.');
  await added.getByRole('button', { name: 'Cancel' }).click();

  // A ranges file with faulty rows: every one is listed, and nothing is imported.
  await page.getByLabel('Reference ranges file').setInputFiles({
    name: 'ranges.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'kpi_name,unit,higher_is_better,critical_min,critical_max,risk_min,risk_max,healthy_min,healthy_max\n' +
        'NPS Score,score,true,-100,10,12,30,30,100\nCSAT Score,1-5,true,1,3,3,4,4,5\nFoo,,true,a,1,1,2,2,3\n',
    ),
  });
  const faulty = page.getByRole('dialog', { name: 'ranges.csv was not imported' });
  await expect(faulty.getByRole('list', { name: 'Faulty rows' }).getByRole('listitem')).toHaveText([
    'Row 2 (NPS Score): risk_min (12) must equal critical_max (10) so the bands touch.',
    'Row 4 (Foo): critical_min "a" is not a number; unit is empty.',
  ]);
  await faulty.getByRole('button', { name: 'OK' }).click();
  expect(
    app.backend.ctx.db.raw
      .prepare("SELECT risk_min FROM kpi_reference_ranges WHERE kpi_name = 'NPS Score'")
      .pluck()
      .get(),
  ).toBe(10);

  // Weights: the preview counts the accounts whose status would change.
  await page.getByLabel('Weight of Relationship Strength').fill('60');
  await page.getByLabel('Weight of Adoption & Engagement').fill('10');
  await page.getByLabel('Weight of Support & Experience').fill('10');
  await page.getByLabel('Weight of Product Value').fill('10');
  await page.getByLabel('Weight of Business Outcomes').fill('10');
  await expect(page.getByText(/of 11 accounts would change status|No account would change status/)).toBeVisible();

  // A weight that is not a number is refused with a sentence at the field, not read as 0.
  const value = page.getByLabel('Weight of Product Value');
  await value.fill('abc');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await expect(value).toHaveAccessibleDescription(
    '"abc" is not a number: enter the weight of Product Value as a percentage, such as 25.',
  );
  await expect(page.getByTestId('weights-total')).toHaveText('90%');
  await expect(page.getByRole('button', { name: 'Save weights' })).toBeDisabled();
  await value.fill('10');
  await expect(value).not.toHaveAttribute('aria-invalid');
  await expect(page.getByTestId('weights-total')).toHaveText('100%');

  // A mistyped category is pointed out, and saving it asks first: the real one would lose its weight.
  const weightsBefore = () =>
    app.backend.ctx.db.raw.prepare('SELECT category_weights FROM customer_configs').pluck().get();
  const before = weightsBefore();
  const first = page.getByLabel('Category 1 name');
  await first.fill('Relationship Strenght');
  const warnings = page.getByRole('list', { name: 'Weight warnings' });
  await expect(warnings).toContainText('Relationship Strength has KPIs but no weight: it will not count.');
  await expect(first).toHaveAccessibleDescription(/"Relationship Strenght": its weight counts for nothing/);
  await page.getByRole('button', { name: 'Save weights' }).click();
  const confirm = page.getByRole('dialog', { name: 'Save weights that leave categories out?' });
  await expect(confirm.getByRole('button', { name: 'Save anyway' })).toBeFocused();
  await expect(confirm).toContainText('Relationship Strength has KPIs but no weight: it will not count.');
  await confirm.getByRole('button', { name: 'Go back' }).click();
  await expect(confirm).toBeHidden();
  expect(weightsBefore()).toBe(before);
  await first.fill('Relationship Strength');
  await expect(warnings).toBeHidden();
});
