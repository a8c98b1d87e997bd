// Accessibility that a portal can certify: axe-core (WCAG 2.1 A/AA rules) reports
// nothing on any view, in both languages, light and dark, and in the large-text and
// high-contrast modes; a whole task can be done by keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { dist, loadData, openPage, rowIds, useBrowser } from './support.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VIEWS = ['compare', 'profile', 'trend', 'targets', 'breakdown', 'sources'];

const env = useBrowser();

async function audit(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    if (r.passes.length < 10) return [{ id: 'axe-did-not-run', passes: r.passes.length }];
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary.slice(0, 200)) }));
  });
}

const combos = [];
for (const lang of ['zh', 'en']) for (const theme of ['light', 'dark']) combos.push({ lang, theme, extra: '' });
combos.push({ lang: 'zh', theme: 'contrast', extra: '&lt=1' });

for (const { lang, theme, extra } of combos) {
  test(`axe finds no violations on every view (${lang}, ${theme}${extra ? ', large text' : ''})`, async () => {
    const { page, context } = await openPage(env.browser, { width: 1280, height: 900 }, lang === 'en' ? 'en-US' : 'zh-CN');
    const found = {};
    for (const view of VIEWS) {
      await page.goto(`${env.server.url}?view=${view}&lang=${lang}&theme=${theme}${extra}`);
      await page.waitForSelector(view === 'sources' ? 'article.source' : 'figure.chart');
      // Open every collapsed section so hidden tables are audited too.
      await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
      const v = await audit(page);
      if (v.length) found[view] = v;
    }
    assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
    await context.close();
  });
}

test('the source dialog passes axe too', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.focus('rect.hit');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  assert.deepEqual(await audit(page), []);
  await context.close();
});

/// Presses Tab until `predicate` holds for the focused element (at most `limit` times).
async function tabTo(page, predicate, arg, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate(predicate, arg)) return true;
    await page.keyboard.press('Tab');
  }
  return page.evaluate(predicate, arg);
}
const focusedId = (id) => document.activeElement?.id === id;

test('a whole task by keyboard alone: two districts, an indicator, a source, a CSV', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', 'the skip link comes first');
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box.x >= 0 && box.y >= 0, 'and it is visible when focused');
  assert.ok(await tabTo(page, focusedId, 'district-500102'));
  await page.keyboard.press('Space');
  assert.ok(await tabTo(page, focusedId, 'district-500155'));
  await page.keyboard.press('Space');
  assert.ok(await tabTo(page, focusedId, 'f-indicator'));
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  // Arrow down through the indicators until one both districts report is charted.
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 40 && (await page.locator('rect.hit').count()) === 0; i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.ok(await page.locator('rect.hit').count() >= 2, 'an indicator of both districts is charted');
  const indicator = await page.inputValue('#f-indicator');
  assert.notEqual(indicator, '', 'an indicator is chosen');
  const districts = await page.$$eval('table.facts tbody tr.fact td:first-child', (tds) => [...new Set(tds.map((t) => t.textContent))]);
  assert.ok(districts.every((d) => d === '梁平区' || d === '涪陵区'), `two districts: ${districts}`);
  assert.ok(await tabTo(page, () => document.activeElement?.classList.contains('hit')), 'Tab reaches a bar');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  assert.ok(await page.evaluate(() => document.querySelector('dialog[open]').contains(document.activeElement)), 'focus moves into the dialog');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.querySelector('dialog[open]').contains(document.activeElement)), 'focus stays in the dialog');
  }
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('dialog[open]').count(), 0, 'Esc closes it');
  assert.ok(await tabTo(page, () => document.activeElement?.dataset?.testid === 'download-csv'));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(dl.suggestedFilename(), /\.csv$/);
  await context.close();
});

test('large text is 1.5x with looser lines, and holds at 200% zoom', async () => {
  const { page, context } = await openPage(env.browser, { width: 640, height: 800 });
  await page.goto(`${env.server.url}?lt=1`);
  await page.waitForSelector('figure.chart');
  const { size, line } = await page.evaluate(() => {
    const s = getComputedStyle(document.querySelector('.lede'));
    return { size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) };
  });
  assert.ok(size >= 24, `base text is at least 1.5 x 16px: ${size}`);
  assert.ok(line / size >= 1.3, `line spacing ${line / size}`);
  for (const view of ['compare', 'profile', 'sources']) {
    await page.click(`button[data-view=${view}]`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${view} overflows by ${overflow}px at 640 CSS px (1280 at 200%)`);
  }
  await context.close();
});

test('printing shows chart, table and sources without controls', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('figure.chart');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.filters', 'nav.views', '.settings', '.chart-tools', '.table-tools']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  for (const shown of ['figure.chart', 'table.facts', '.print-sources']) {
    assert.equal(await page.locator(shown).first().isVisible(), true, `${shown} is printed`);
  }
  assert.match(await page.textContent('.print-sources'), /《/);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000, 'a PDF with content');
  await context.close();
});

test('axe finds no violations on a phone: tables as cards, the More menu and the filter drawer open', async () => {
  const found = {};
  for (const lang of ['zh', 'en']) {
    const { page, context } = await openPage(env.browser, { width: 360, height: 740 }, lang === 'en' ? 'en-US' : 'zh-CN');
    for (const view of VIEWS) {
      await page.goto(`${env.server.url}?view=${view}&lang=${lang}`);
      await page.waitForSelector(view === 'sources' ? 'article.source' : 'figure.chart');
      await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
      assert.ok(await page.locator('.card-sort').first().isVisible(), 'card mode');
      const v = await audit(page);
      if (v.length) found[`${lang} ${view}`] = v;
    }
    await page.goto(`${env.server.url}?lang=${lang}`);
    await page.waitForSelector('figure.chart');
    await page.click('[data-testid=more-button]');
    const menu = await audit(page);
    if (menu.length) found[`${lang} more menu`] = menu;
    await page.keyboard.press('Escape');
    await page.click('[data-testid=filter-button]');
    await page.waitForSelector('dialog.filter-drawer[open]');
    await page.check('dialog.filter-drawer input[type=checkbox] >> nth=0');
    const drawer = await audit(page);
    if (drawer.length) found[`${lang} drawer`] = drawer;
    await context.close();
  }
  assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
});
