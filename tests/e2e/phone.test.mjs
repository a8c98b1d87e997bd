// Phone-first reading (issue 12) at 360×740, 414×896 with touch, and 1280×900: the
// first chart is on the first screen in every view, nothing scrolls sideways, every
// control is at least 44×44, chart text is at least 12 px and bars 24 px thick with no
// label cut off; the filter drawer works by touch and by keyboard alone; tables read as
// cards with every column's value; the More menu holds the settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './support.mjs';

const env = useBrowser();
const VIEWS = ['compare', 'profile', 'trend', 'targets', 'breakdown', 'sources', 'map'];
const SIZES = [
  { width: 360, height: 740 },
  { width: 414, height: 896, touch: true },
  { width: 1280, height: 900 },
];

/// A page at `size` (with touch when asked).
async function open(size, lang = 'zh-CN') {
  if (!size.touch) return openPage(env.browser, { width: size.width, height: size.height }, lang);
  const context = await env.browser.newContext({ viewport: { width: size.width, height: size.height }, hasTouch: true, isMobile: true, locale: lang });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, context, errors };
}

async function load(page, query) {
  await page.goto(`${env.server.url}${query}`);
  await page.waitForSelector('html[data-ready]', { state: 'attached' });
}

/// Every visible control that acts, smaller than 44×44 (a checkbox or radio counts its label).
function smallControls(page) {
  return page.evaluate(() => {
    const out = [];
    const visible = (el) => el.checkVisibility?.() ?? el.offsetParent !== null;
    for (const el of document.querySelectorAll('button, select, input, textarea, a[href], summary, [role=button]')) {
      if (!visible(el) || el.closest('.skip-link')) continue;
      let box = el.getBoundingClientRect();
      if (el.matches('input[type=checkbox], input[type=radio]')) {
        const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
        if (label) box = label.getBoundingClientRect();
      }
      // A map district may be drawn smaller than a finger (WCAG 2.5.5's "equivalent"
      // exception): its figure has a row with a 44 px button in the table beside the map,
      // a district without one a 44 px button in the list of districts without data
      // (both checked as controls themselves once the details are open).
      if (el.matches('.map-hits path.hit')) {
        const code = el.dataset.district;
        const equivalent = el.hasAttribute('data-fact')
          ? document.querySelectorAll('table.facts tbody tr.fact').length >= document.querySelectorAll('.map-hits path.hit[data-fact]').length
          : document.querySelector(`.map-nodata button[data-district="${code}"]`);
        if (equivalent) continue;
      }
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 43.5 || box.height < 43.5) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className?.baseVal ?? el.className} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return out;
  });
}

/// Problems in the drawn charts: text under 12 px as rendered, bars under 24 px thick,
/// text running past the chart's edge.
function chartProblems(page) {
  return page.evaluate(() => {
    const out = [];
    for (const fig of document.querySelectorAll('figure.chart')) {
      if (!(fig.checkVisibility?.() ?? true)) continue;
      const svg = fig.querySelector('.chart-stack svg');
      const vb = svg.viewBox.baseVal;
      const scale = svg.getBoundingClientRect().width / (vb && vb.width ? vb.width : svg.width.baseVal.value);
      const width = vb && vb.width ? vb.width : svg.width.baseVal.value;
      const title = fig.getAttribute('data-testid');
      for (const t of svg.querySelectorAll('text')) {
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (px < 11.95) out.push(`${title}: "${t.textContent.slice(0, 20)}" is ${px.toFixed(1)}px`);
        const b = t.getBBox();
        if (b.x < -0.5 || b.x + b.width > width + 0.5) out.push(`${title}: "${t.textContent.slice(0, 20)}" runs past the edge (${Math.round(b.x)}–${Math.round(b.x + b.width)} of ${width})`);
      }
      if (title === 'trend-chart') continue; // its rects are point markers
      for (const r of svg.querySelectorAll('rect')) {
        const w = r.width.baseVal.value;
        const h = r.height.baseVal.value;
        if (w >= width - 1) continue; // the background
        if (h * scale < 23.5 && w > 2) out.push(`${title}: a bar ${Math.round(h * scale)}px thick`);
      }
    }
    return out;
  });
}

for (const size of SIZES) for (const lang of ['zh-CN', 'en-US']) {
  const label = `${size.width}×${size.height}${size.touch ? ' touch' : ''} (${lang})`;
  test(`every view at ${label}: first chart on the first screen, no overflow, 44 px controls, readable charts`, async () => {
    const { page, context, errors } = await open(size, lang);
    for (const view of VIEWS) {
      await load(page, `?view=${view}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${view} at ${label} overflows by ${overflow}px`);
      if (view !== 'sources') {
        const top = await page.evaluate(() => document.querySelector('main figure.chart, main figure.map-figure')?.getBoundingClientRect().top);
        assert.ok(top !== undefined, `${view} draws a chart`);
        assert.ok(top < size.height, `${view}: the first chart starts at ${Math.round(top)}px, below the first ${size.height}px`);
      }
      // Every collapsed section and the More menu's contents count too.
      await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
      if (await page.isVisible('[data-testid=more-button]')) await page.click('[data-testid=more-button]');
      assert.deepEqual(await smallControls(page), [], `${view} at ${label}: controls under 44×44`);
      assert.deepEqual(await chartProblems(page), [], `${view} at ${label}: chart text, bars or cut labels`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the filter drawer by keyboard alone: open, two filters, Esc, focus back, chips', async () => {
  const { page, context } = await open(SIZES[0]);
  await load(page, '');
  assert.equal(await page.locator('aside.filters').count(), 0, 'no filter column on a phone');
  assert.equal((await page.textContent('[data-testid=filter-button]')).trim(), '筛选');
  await page.focus('[data-testid=filter-button]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog.filter-drawer[open]');
  assert.ok(await page.evaluate(() => document.querySelector('dialog.filter-drawer').contains(document.activeElement)), 'focus moves into the drawer');
  const drawer = await page.locator('dialog.filter-drawer').boundingBox();
  assert.ok(drawer.height >= 739, `the drawer is full height: ${drawer.height}`);
  const sideways = await page.$eval('dialog.filter-drawer', (d) => d.scrollWidth - d.clientWidth);
  assert.ok(sideways <= 0, `nothing in the drawer is cut off at the side (${sideways}px)`);
  // Two filters by keyboard: the focused first district checkbox, then the kind select.
  const first = await page.evaluate(() => document.activeElement.id);
  assert.match(first, /^district-/);
  await page.keyboard.press('Space');
  const before = await page.$$eval('table.facts tbody tr.fact', (r) => r.length);
  for (let i = 0; i < 30 && await page.evaluate(() => document.activeElement.id !== 'f-kind'); i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-kind');
  await page.keyboard.press('ArrowDown');
  const kind = await page.$eval('#f-kind', (s) => s.value);
  if (!kind) await page.selectOption('#f-kind', { index: 1 }); // some platforms open the list instead
  await page.waitForFunction(() => document.querySelector('[data-testid=filter-button]').textContent.includes('2'));
  assert.match(await page.textContent('[data-testid=filter-button]'), /筛选（2）/, 'the count changes live, behind the drawer');
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.filter-drawer[open]', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'filter-button', 'focus returns to the button');
  const chips = page.locator('ul.chips button.chip');
  assert.equal(await chips.count(), 2, 'two chips');
  const after = await page.$$eval('table.facts tbody tr.fact', (r) => r.length);
  assert.ok(after <= before, 'the table is filtered');
  await chips.first().press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('ul.chips button.chip').length === 1);
  assert.match(await page.textContent('[data-testid=filter-button]'), /筛选（1）/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'filter-button', 'focus is not lost with the chip');
  await context.close();
});

test('the filter drawer by touch: tap open, tap two filters, tap close, remove a chip', async () => {
  const { page, context } = await open(SIZES[1], 'en-US');
  await load(page, '?lang=en');
  await page.tap('[data-testid=filter-button]');
  await page.waitForSelector('dialog.filter-drawer[open]');
  const district = page.locator('dialog.filter-drawer .districts label').nth(1);
  const name = (await district.textContent()).trim();
  await district.tap();
  await page.selectOption('#f-kind', { index: 1 });
  await page.waitForFunction(() => document.querySelector('[data-testid=filter-button]').textContent.includes('(2)'));
  await page.tap('dialog.filter-drawer button.close');
  await page.waitForSelector('dialog.filter-drawer[open]', { state: 'detached' });
  const chips = page.locator('ul.chips button.chip');
  assert.equal(await chips.count(), 2);
  assert.equal(await chips.first().getAttribute('aria-label'), `Remove filter: ${name}`);
  await chips.first().tap();
  await page.waitForFunction(() => document.querySelectorAll('ul.chips button.chip').length === 1);
  assert.match(await page.textContent('[data-testid=filter-button]'), /Filters \(1\)/);
  await context.close();
});

test('the More menu holds language, theme, large text, import and embed', async () => {
  for (const lang of ['zh', 'en']) {
    const { page, context } = await open(SIZES[0]);
    await load(page, `?lang=${lang}`);
    const title = await page.locator('.site-header h1').boundingBox();
    assert.ok(title.height < 40, `the title is one line in ${lang}: ${title.height}px`);
    await context.close();
  }
  const { page, context } = await open(SIZES[0]);
  await load(page, '');
  for (const id of ['#theme', '[data-testid=lang-switch]', '[data-testid=import-button]', '[data-testid=embed-button]']) {
    assert.equal(await page.isVisible(id), false, `${id} is in the menu`);
  }
  await page.click('[data-testid=more-button]');
  assert.equal(await page.getAttribute('[data-testid=more-button]', 'aria-expanded'), 'true');
  for (const id of ['#theme', '[data-testid=lang-switch]', '[data-testid=import-button]', '[data-testid=embed-button]']) {
    assert.equal(await page.isVisible(id), true, `${id} shows`);
  }
  await page.focus('#theme');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#theme'), false, 'Esc closes the menu');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'more-button');
  await page.click('[data-testid=more-button]');
  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('[data-testid=filter-button]'), /Filters/);
  // The views are one row that scrolls by itself, not the page.
  const row = await page.$eval('nav.views ul', (u) => ({ scroll: u.scrollWidth, client: u.clientWidth, wrap: getComputedStyle(u).flexWrap }));
  assert.equal(row.wrap, 'nowrap');
  assert.ok(row.scroll > row.client, 'the tab row scrolls');
  await context.close();
});

test('tables read as cards on a phone, every column labelled, sorted by a select', async () => {
  const { page, context } = await open(SIZES[0]);
  await load(page, '');
  const card = page.locator('table.facts tbody tr.fact').first();
  const cells = await card.locator('td').evaluateAll((tds) => tds.map((td) => ({
    label: td.dataset.label || '',
    text: td.textContent.trim(),
    visible: td.checkVisibility(),
    before: getComputedStyle(td, '::before').content,
    width: td.getBoundingClientRect().width,
  })));
  const headers = await page.$$eval('table.facts thead th', (ths) => ths.map((th) => th.textContent.replace(/[▲▼]/g, '').trim()));
  assert.equal(cells.length, headers.length, 'one cell per column');
  for (const [i, c] of cells.entries()) {
    assert.ok(c.visible && c.text.length > 0, `column ${headers[i]} shows its value: ${JSON.stringify(c)}`);
    if (c.label && !['区县', '指标'].includes(c.label)) assert.ok(c.before.includes(c.label), `${c.label} is labelled in the card`);
  }
  const cardBox = await card.boundingBox();
  assert.ok(cardBox.width <= 360 - 20, `a card fits the screen: ${cardBox.width}`);
  const valueSize = await card.locator('td.num').evaluate((td) => parseFloat(getComputedStyle(td).fontSize));
  assert.ok(valueSize >= 20, `the value is large: ${valueSize}px`);
  assert.ok(await page.$eval('table.facts thead', (t) => t.getBoundingClientRect().height <= 1), 'no header row in card mode (kept for screen readers)');
  const select = page.locator('.card-sort select').first();
  assert.ok(await select.isVisible(), 'a sort select instead');
  const value = await select.locator('option').evaluateAll((os) => os.find((o) => /数值（降序）/.test(o.textContent)).value);
  await select.selectOption(value);
  await page.waitForFunction(() => document.querySelector('th[aria-sort=descending]')?.textContent.includes('数值'));
  const first = await page.$eval('table.facts tbody tr.fact td.num', (td) => td.textContent);
  assert.match(first, /\d/);
  await context.close();
});
