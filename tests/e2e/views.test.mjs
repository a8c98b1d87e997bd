// Every view in a real browser: charts drawn at phone and desktop widths without
// horizontal overflow, the mixed-period warning and its "same period" choice, and a
// bar's source opened by keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist, here, loadData, openPage, root, rowIds, useBrowser } from './support.mjs';

const { facts } = loadData();
const artifacts = path.join(here, 'artifacts');
const VIEWS = ['compare', 'profile', 'trend', 'targets', 'breakdown', 'sources'];

fs.mkdirSync(artifacts, { recursive: true });
const env = useBrowser();

/// A shared indicator whose districts' latest figures are of different periods.
function mixedPeriodSeries() {
  const groups = new Map();
  for (const f of facts) {
    if (f.subject || f.kind === 'rank') continue;
    const key = `${f.indicator}|${f.kind}|${f.unit}`;
    const byDistrict = groups.get(key) ?? new Map();
    const cur = byDistrict.get(f.district);
    if (!cur || cur.period.end < f.period.end) byDistrict.set(f.district, f);
    groups.set(key, byDistrict);
  }
  for (const [key, byDistrict] of groups) {
    const periods = new Set([...byDistrict.values()].map((f) => `${f.period.start}|${f.period.end}|${f.period.precision}`));
    if (byDistrict.size >= 2 && periods.size > 1) return key.split('|');
  }
  return null;
}

for (const width of [360, 1280]) {
  test(`every view at ${width}px: charts drawn, nothing overflows`, async () => {
    const { page, context, errors } = await openPage(env.browser, { width, height: 900 });
    await page.goto(env.server.url);
    await page.waitForSelector('table.facts tbody tr');
    for (const view of VIEWS) {
      await page.click(`button[data-view=${view}]`);
      assert.equal(await page.getAttribute(`button[data-view=${view}]`, 'aria-current'), 'page');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${view} at ${width}px overflows by ${overflow}px`);
      if (view === 'sources') {
        assert.equal(await page.locator('article.source').count(), 5, 'one entry per article');
        continue;
      }
      const charts = page.locator('figure.chart');
      assert.ok(await charts.count() > 0, `${view} draws a chart`);
      const first = charts.first();
      await first.scrollIntoViewIfNeeded();
      const box = await first.boundingBox();
      assert.ok(box.width > 200 && box.width <= width, `${view} chart width ${box.width}`);
      assert.ok(await first.locator('svg rect').count() > 1, `${view} chart has shapes`);
      const png = await first.screenshot({ path: path.join(artifacts, `${view}-${width}.png`) });
      assert.ok(png.length > 3000, `${view} chart at ${width}px is not blank (${png.length} bytes)`);
      // Every bar or point is reachable: one focusable hit area per drawn fact.
      assert.ok(await first.locator('rect.hit[tabindex="0"][aria-label]').count() > 0);
    }
    await page.screenshot({ path: path.join(artifacts, `page-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a comparison across periods warns, and "same period only" compares like with like', async () => {
  const series = mixedPeriodSeries();
  assert.ok(series, 'the dataset has a shared indicator reported for different periods');
  const [indicator, kind] = series;
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await page.selectOption('#f-indicator', indicator);
  await page.selectOption('#f-kind', kind);
  const notes = page.locator('figure[data-testid=comparison-chart] ~ .chart-notes, .chart-block .chart-notes');
  assert.match(await notes.first().textContent(), /时期不同/);
  await page.check('input[name=period-mode] >> nth=1');
  const after = await page.locator('.chart-panel').textContent();
  assert.match(after, /只比较同一时期/);
  await context.close();
});

test('a bar opens its source by keyboard alone, and Esc closes it', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('rect.hit');
  let onHit = false;
  for (let i = 0; i < 80 && !onHit; i++) {
    await page.keyboard.press('Tab');
    onHit = await page.evaluate(() => document.activeElement?.classList?.contains('hit') ?? false);
  }
  assert.ok(onHit, 'Tab reaches a bar');
  const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.match(await page.textContent('.chart-focus'), new RegExp(label.slice(0, 4)), 'focus reads out the bar');
  const id = await page.evaluate(() => Number(document.activeElement.dataset.fact));
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog.source-dialog[open]');
  const quote = await page.textContent('[data-testid=source-quote]');
  const mark = await page.textContent('[data-testid=source-quote] mark');
  assert.ok(mark.length > 0 && quote.includes(mark), 'the figure is highlighted in the quote');
  assert.ok(facts.some((f) => quote === `“${f.quote}”`), 'the quote is a curated quote');
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.source-dialog[open]', { state: 'detached' }).catch(() => {});
  assert.equal(await page.locator('dialog.source-dialog[open]').count(), 0, 'Esc closes the panel');
  assert.ok(Number.isInteger(id));
  await context.close();
});

test('profile headline numbers open their source in one click', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.click('button[data-view=profile]');
  const card = page.locator('.headline button.card').first();
  const factId = await card.getAttribute('data-fact');
  await card.click();
  await page.waitForSelector('dialog.source-dialog[open]');
  const fact = facts.find((f) => f.id === factId);
  assert.equal(await page.textContent('[data-testid=source-quote]'), `“${fact.quote}”`);
  await context.close();
});
