// The map view (issue 15): Chongqing's 38 districts and counties, each focusable with
// a name that says its value, unit and period; the embedded data colours the districts
// it covers and the 38-district synthetic import colours all; the keyboard reaches
// 渝中区 through the inset; a district opens its source; the map exports with its
// credit; it works from file://, under the strict CSP, embedded, at 360 px, and axe
// finds nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { cspConsole, dist, here, loadData, openPage, recordCspViolations, startNginx, useBrowser } from './support.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const fixtures = process.env.CQ_FIXTURES || path.join(here, 'artifacts/fixtures');
const CREDIT = '底图来源：天地图 审图号：GS(2024)0650号';
const HITS = '.map-hits [data-district][tabindex="0"]';
const data = loadData();

/// The districts that report the series the map shows by default: the (indicator,
/// kind, unit) of district-wide figures reported by the most districts, ranks aside.
function widestSeries() {
  const series = new Map();
  for (const f of data.facts) {
    if (f.subject || f.kind === 'rank') continue;
    const key = `${f.indicator}|${f.kind}|${f.unit}`;
    if (!series.has(key)) series.set(key, new Set());
    series.get(key).add(f.district);
  }
  return Math.max(...[...series.values()].map((s) => s.size));
}

before(() => assert.ok(fs.existsSync(path.join(fixtures, 'synthetic-10000.csv')), `fixtures missing in ${fixtures}: run cargo xtask fixtures`));
const env = useBrowser();

async function openMap(page, url, query = '') {
  await page.goto(`${url}?view=map${query}`);
  await page.waitForSelector(HITS);
}

const coloured = (page) => page.$$eval(HITS, (hs) => hs.filter((h) => h.hasAttribute('data-fact')).length);

async function importFile(page, file) {
  await page.click('[data-testid=import-button]');
  await page.setInputFiles('#import-file', path.join(fixtures, file));
  await page.waitForSelector('[data-testid=import-report]', { timeout: 120000 });
  await page.click('[data-testid=import-confirm]');
  await page.waitForSelector('[data-testid=import-done]', { timeout: 120000 });
  await page.keyboard.press('Escape');
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

test('38 focusable districts with names; the embedded data colours the districts its widest series covers', async () => {
  const { page, context, errors } = await openPage(env.browser);
  await openMap(page, env.server.url);
  const names = await page.$$eval(HITS, (hs) => hs.map((h) => h.getAttribute('aria-label')));
  assert.equal(names.length, 38);
  assert.equal(new Set(names.map((n) => n.split('：')[0])).size, 38, 'one name each');
  assert.ok(names.some((n) => n.startsWith('渝中区：')), 'the central 渝中区 is there');
  const withData = await page.$$eval(HITS, (hs) => hs.filter((h) => h.dataset.fact).map((h) => h.dataset.district));
  const widest = widestSeries();
  assert.ok(widest >= 2, 'the embedded data has a series of several districts');
  assert.equal(withData.length, widest, 'every district of the series is coloured');
  const ids = new Set(data.districts.map((d) => d.id));
  assert.ok(withData.every((d) => ids.has(d)), 'only districts of the dataset are coloured');
  for (const n of names) {
    assert.ok(/：无数据$/.test(n) || /\d.*(年|月)/.test(n), `a name says value and period or no data: ${n}`);
  }
  assert.equal(await page.getAttribute('[data-testid=map]', 'data-coloured'), String(widest));
  const summary = await page.getAttribute('.map-drawing[role=img]', 'aria-label');
  assert.ok(summary.startsWith('地图：') && summary.includes(`${widest}个区县有数据`) && summary.includes(`${38 - widest}个区县无数据`), summary);
  const drawing = await page.textContent('.map-drawing');
  assert.ok(drawing.includes(CREDIT), 'the credit is on the map');
  assert.ok(drawing.includes(`无数据（${38 - widest}个）`), 'no data is in the legend');
  assert.match(drawing, /单位：/, 'the legend is in the unit');
  assert.equal(await page.locator('table.facts tbody tr.fact').count(), widest, 'the figures are in the table beside it');
  assert.equal(await page.getAttribute('button.view-tab[data-view=map]', 'aria-current'), 'page');
  // The tab in the view navigation puts view=map in the link.
  await page.goto(env.server.url);
  await page.waitForSelector('figure.chart');
  await page.click('button.view-tab[data-view=map]');
  await page.waitForSelector(HITS);
  await page.waitForURL(/[?&]view=map(&|$)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after importing the 38-district synthetic file every district is coloured', async () => {
  const { page, context, errors } = await openPage(env.browser);
  await openMap(page, env.server.url);
  await importFile(page, 'synthetic-10000.csv');
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].filter((h) => h.dataset.fact).length === 38, HITS, { timeout: 60000 });
  assert.equal(await coloured(page), 38);
  assert.equal(await page.getAttribute('[data-testid=map]', 'data-coloured'), '38');
  assert.doesNotMatch(await page.textContent('.map-drawing'), /无数据/, 'nothing hatched');
  // Enter on 渝中区 in the inset now opens its figure's source.
  await page.focus(`${HITS}[data-district="500103"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  assert.match(await page.textContent('dialog[open]'), /渝中区/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: Tab walks to 渝中区 in the inset and reads it out', async () => {
  const { page, context } = await openPage(env.browser);
  await openMap(page, env.server.url);
  await page.focus('button.view-tab[data-view=map]');
  let found = false;
  for (let i = 0; i < 200 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.getAttribute('data-district') === '500103');
  }
  assert.ok(found, 'Tab reaches 渝中区');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('.map-inset-hits')), 'through the inset');
  const box = await page.locator(`${HITS}[data-district="500103"]`).boundingBox();
  assert.ok(box.width >= 12 && box.height >= 12, `渝中区 is big enough to see and tap in the inset: ${box.width}×${box.height}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=map-said]').textContent.includes('渝中区'));
  // 渝中区 has no figure in the embedded data, and no profile: the page says so.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=map-said]').textContent.includes('没有这个区县的数据'));
  await context.close();
});

test('a coloured district opens the source panel of its figure; one without a figure offers its profile', async () => {
  const { page, context } = await openPage(env.browser);
  await openMap(page, env.server.url);
  const first = page.locator(`${HITS}[data-fact]`).first();
  const label = await first.getAttribute('aria-label');
  await first.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  const dialog = await page.textContent('dialog[open]');
  assert.ok(dialog.includes(label.split('：')[0]), `the panel is about ${label}`);
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog[open]', { state: 'detached' }).catch(() => {});
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  // A click opens it too.
  await first.click();
  await page.waitForSelector('dialog[open]');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  // A district of the dataset without a figure in this series leads to its profile.
  const ids = data.districts.map((d) => d.id);
  const without = await page.$$eval(HITS, (hs, ids) => hs.filter((h) => !h.dataset.fact && ids.includes(h.dataset.district)).map((h) => h.dataset.district), ids);
  assert.ok(without.length >= 1, 'one embedded district lacks the widest series');
  const district = data.districts.find((d) => d.id === without[0]);
  await page.focus(`${HITS}[data-district="${district.id}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#profile-heading');
  assert.ok((await page.textContent('#profile-heading')).includes(district.name_zh));
  await page.waitForURL(/view=profile/);
  await context.close();
});

test('the profile shows a locator map with its district', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(`${env.server.url}?view=profile`);
  await page.waitForSelector('[data-testid=map-locator] [role=img]');
  const name = await page.getAttribute('[data-testid=map-locator] [role=img]', 'aria-label');
  assert.match(name, /在重庆市的位置$/);
  assert.equal(await page.locator('[data-testid=map-locator] svg path[fill="#d55e00"]').count(), 1, 'one district highlighted');
  await context.close();
});

test('the map downloads as SVG and PNG with title, legend, credit and sources', async () => {
  const { page, context } = await openPage(env.browser);
  await openMap(page, env.server.url);
  const svg = await download(page, '[data-testid=map-download-svg]');
  assert.match(svg.name, /\.svg$/);
  const markup = svg.bytes.toString('utf8');
  assert.match(markup, /^<svg/);
  assert.ok(markup.includes(CREDIT), 'the credit is in the export');
  assert.match(markup, /来源：《/, 'the sources are in the export');
  assert.match(markup, /单位：/, 'the legend is in the export');
  assert.ok(markup.includes(`无数据（${38 - widestSeries()}个）`), 'no data is in the exported legend');
  const png = await download(page, '[data-testid=map-download-png]');
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
  assert.equal(png.bytes.readUInt32BE(16), 1920, 'drawn at twice the 960 px export width');
  await context.close();
});

test('the map works from the file:// offline copy, in English too', async () => {
  const { page, context, requests, errors } = await openPage(env.browser, { width: 1280, height: 900 }, 'en-US');
  await openMap(page, pathToFileURL(path.join(dist, 'offline.html')).href, '&lang=en');
  assert.equal(await page.locator(HITS).count(), 38);
  assert.ok((await page.textContent('.map-drawing')).includes('GS(2024)0650'));
  assert.ok(await page.locator(`${HITS}[aria-label^="Yuzhong District: no data"]`).count() === 1);
  const svg = await download(page, '[data-testid=map-download-svg]');
  assert.match(svg.bytes.toString('utf8'), /Base map: Tianditu/);
  const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(network, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('under nginx with the strict CSP, and embedded, the map has no policy violation', async () => {
  const nginx = await startNginx(dist);
  try {
    const { page, context, consoleMessages } = await openPage(env.browser);
    await recordCspViolations(context);
    await openMap(page, nginx.url, '&theme=dark');
    await openMap(page, nginx.url, '&embed=1');
    assert.equal(await page.locator('nav.views').count(), 0, 'embedded: no navigation');
    assert.equal(await page.locator(HITS).count(), 38);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(cspConsole(consoleMessages), []);
    await context.close();
  } finally {
    await nginx.close();
  }
});

test('at 360 px the map fits the screen and 渝中区 can be tapped in the inset', async () => {
  const { page, context } = await openPage(env.browser, { width: 360, height: 740 });
  await openMap(page, env.server.url);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const map = await page.locator('.map-drawing svg').boundingBox();
  assert.ok(map.width <= 360 && map.width > 250, `map fits: ${map.width}px`);
  // 渝中区 is a narrow peninsula: a round pad of a finger's size takes its taps.
  const pad = page.locator('.map-hits circle.hit-pad[data-district="500103"]');
  const box = await pad.boundingBox();
  assert.ok(box.width >= 43 && box.height >= 43, `a 44 px tap target: ${box.width}×${box.height}`);
  await pad.click();
  await page.waitForFunction(() => document.querySelector('[data-testid=map-said]').textContent.includes('渝中区'));
  await context.close();
});

async function audit(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    if (r.passes.length < 10) return [{ id: 'axe-did-not-run', passes: r.passes.length }];
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary.slice(0, 200)) }));
  });
}

test('axe finds no violations on the map (zh, en; light, dark, high contrast)', async () => {
  const found = {};
  for (const [lang, theme] of [['zh', 'light'], ['en', 'dark'], ['zh', 'contrast']]) {
    const { page, context } = await openPage(env.browser, { width: 1280, height: 900 }, lang === 'en' ? 'en-US' : 'zh-CN');
    await openMap(page, env.server.url, `&lang=${lang}&theme=${theme}`);
    await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
    const v = await audit(page);
    if (v.length) found[`${lang}/${theme}`] = v;
    await context.close();
  }
  assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
});
