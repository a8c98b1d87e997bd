// The explorer as a reader uses it, in headless Chromium: served over HTTP from dist/,
// and opened from file:// as the single dist/offline.html (also after being copied
// elsewhere). Expected values come from the dataset files, never typed in here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { article, dist, haveArticles, loadData, openPage, root, rowIds, useBrowser } from './support.mjs';

const { facts } = loadData();
const { districts, indicators, factById } = loadData();

const env = useBrowser();

const rowsSel = 'table.facts tbody tr.fact';
const cjk = /[\u4e00-\u9fff]/;

async function loaded(page) {
  await page.waitForSelector(rowsSel);
  assert.match(await page.textContent('table.facts caption'), new RegExp(`共 ${facts.length} 条`), 'every figure is counted before filtering');
  await assertPage(page, 1);
}

/// The table shows one page: as many rows as the pager says, from where it says.
async function assertPage(page, first) {
  const pager = await page.textContent('nav.pager .status');
  const [, from, to, total] = pager.match(/第 (\d+)—(\d+) 条，共 (\d+) 条/).map(Number);
  assert.equal(from, first);
  assert.equal(total, facts.length);
  assert.equal((await rowIds(page)).length, to - from + 1, `the rows shown match the pager: ${pager}`);
}

/// Load, filter, sort, expand a row, search, empty result: the whole first-use path.
async function exercise(page) {
  await loaded(page);
  assert.match(await page.textContent('h1'), /重庆区县工业发展数据浏览器/);

  // The chart is drawn, labelled in Chinese, with an accessible summary.
  const fig = page.locator('figure[data-testid=comparison-chart]');
  assert.match(await fig.locator('.chart-stack[role=img]').getAttribute('aria-label'), cjk);
  const svgTexts = await fig.locator('svg text').allTextContents();
  assert.ok(svgTexts.some((t) => cjk.test(t)), 'chart text is Chinese');
  const box = await fig.locator('svg').first().boundingBox();
  assert.ok(box.width > 200 && box.height > 80, `chart has a size: ${JSON.stringify(box)}`);

  // One district: table and chart follow.
  const lp = districts.find((d) => d.name_zh === '璧山区');
  await page.check(`#district-${lp.id}`);
  const lpIds = await rowIds(page);
  assert.deepEqual(new Set(lpIds), new Set(facts.filter((f) => f.district === lp.id).map((f) => f.id)));
  const barLabels = await fig.locator('svg text').allTextContents();
  for (const d of districts.filter((d) => d.id !== lp.id)) {
    assert.ok(!barLabels.includes(d.name_zh), `${d.name_zh} is not drawn when only 璧山区 is chosen`);
  }
  await page.uncheck(`#district-${lp.id}`);

  // An indicator: only its figures, and the chart is titled by it.
  const option = await page.locator('#f-indicator option').nth(1).getAttribute('value');
  await page.selectOption('#f-indicator', option);
  const ind = indicators.find((i) => i.id === option);
  assert.deepEqual(new Set(await rowIds(page)), new Set(facts.filter((f) => f.indicator === option).map((f) => f.id)));
  assert.ok((await fig.locator('svg text').allTextContents()).some((t) => t.includes(ind.name_zh)), 'chart titled by the indicator');

  // Sort by value, both ways.
  const valueHeader = page.locator('th', { hasText: '数值' });
  await valueHeader.locator('button').click();
  assert.equal(await valueHeader.getAttribute('aria-sort'), 'ascending');
  let values = (await rowIds(page)).map((id) => factById.get(id).value);
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  await valueHeader.locator('button').click();
  assert.equal(await valueHeader.getAttribute('aria-sort'), 'descending');
  values = (await rowIds(page)).map((id) => factById.get(id).value);
  assert.deepEqual(values, [...values].sort((a, b) => b - a));

  // Expand the first row: its exact quote, found in its article.
  const first = page.locator(rowsSel).first();
  const fact = factById.get(await first.getAttribute('data-fact'));
  await first.locator('button.expand').click();
  assert.equal(await first.locator('button.expand').getAttribute('aria-expanded'), 'true');
  const quote = (await page.locator('tr.detail blockquote').first().textContent()).replace(/^“|”$/g, '');
  assert.equal(quote, fact.quote);
  if (haveArticles()) assert.ok(article(fact.source).includes(quote), 'the quote is in the article');
  assert.match(await page.locator('tr.detail').first().textContent(), /《.+》/, 'the article is named');

  // Search, then an empty result offers to clear the filters.
  await page.fill('#f-search', fact.quote);
  assert.ok((await rowIds(page)).includes(fact.id));
  await page.fill('#f-search', '绝不会出现的词ZZZ');
  await page.waitForSelector('.empty');
  assert.match(await page.textContent('.empty'), /没有符合筛选条件的数据/);
  await page.click('.empty button');
  await loaded(page);
}

test('served over HTTP: load, filter, sort, expand, search', async () => {
  const { page, context, requests, errors } = await openPage(env.browser);
  await page.goto(env.server.url);
  await exercise(page);
  const origin = new URL(env.server.url).origin;
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'no request leaves the page origin');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dist/ uses hashed asset names', () => {
  const names = fs.readdirSync(dist);
  assert.ok(names.some((n) => /^cq-explorer-[0-9a-f]{8,16}_bg\.wasm$/.test(n)), names.join(' '));
  assert.ok(names.some((n) => /^style-[0-9a-f]{8,16}\.css$/.test(n)), names.join(' '));
});

test('dist/offline.html is one self-contained file', () => {
  // A windows-1252 page: every byte one character (latin1 reads its ASCII parts alike).
  const html = fs.readFileSync(path.join(dist, 'offline.html'), 'latin1');
  assert.match(html.slice(0, 1024), /<meta charset="windows-1252"/, 'the encoding declared in the first 1024 bytes');
  assert.doesNotMatch(html, /<link[^>]+(stylesheet|preload|modulepreload)/, 'no linked assets');
  assert.doesNotMatch(html, /<script[^>]+src=/, 'no external scripts');
  const boot = html.slice(html.indexOf('// offline bootstrap'));
  assert.ok(boot.length > 1000, 'the inline bootstrap embeds the wasm');
  assert.match(boot, /await bindings\.default\(\{ module_or_path: new Uint8Array\(wasm\) \}\)/, 'started by the async init');
  assert.doesNotMatch(boot, /initSync\(|new WebAssembly\.Module\(/, 'never a synchronous compile');
  // The import worker's wasm, embedded the same way, started from a blob URL with its glue.
  const worker = html.slice(html.indexOf('// the import worker'), html.indexOf('// offline bootstrap'));
  assert.ok(worker.length > 1000, 'the import worker is embedded');
  assert.match(worker, /wasm_bindgen\(\{ module_or_path: new Uint8Array\(b\) \}\)/, 'the worker started by its async init');
  assert.match(boot, /cqImportWorker = URL\.createObjectURL\(new Blob\(\[workerGlue,/, 'from a blob URL');
  // Outside the embedded streams the page is ASCII: its Chinese as references or escapes.
  const unembedded = html.split('inflate("').map((part, i) => {
    let end = 0;
    while (i > 0 && part[end] !== '"') end += part[end] === '\\' ? 2 : 1;
    return part.slice(end);
  }).join('');
  assert.doesNotMatch(html.slice(0, html.indexOf('// the import worker')), /[^\x00-\x7f]/, 'the HTML and CSS are ASCII');
  assert.doesNotMatch(unembedded, /[^\x00-\x7f]/, 'the scripts are ASCII but for the embedded streams');
});

for (const where of ['in dist/', 'copied to another folder']) {
  test(`offline.html from file:// ${where}: works with no network`, async () => {
    let file = path.join(dist, 'offline.html');
    if (where !== 'in dist/') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-offline-'));
      file = path.join(dir, 'saved copy 离线.html');
      fs.copyFileSync(path.join(dist, 'offline.html'), file);
    }
    const { page, context, requests, errors } = await openPage(env.browser);
    await page.goto(pathToFileURL(file).href);
    await exercise(page);
    const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(network, [], 'no network request from file://');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a narrow phone screen shows the chart without horizontal overflow', async () => {
  const { page, context } = await openPage(env.browser, { width: 360, height: 740 });
  await page.goto(env.server.url);
  await loaded(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const box = await page.locator('figure[data-testid=comparison-chart] svg').first().boundingBox();
  assert.ok(box.width <= 360 && box.width > 200, `chart fits: ${box.width}px`);
  await context.close();
});

test('the table pages through every figure, and a filter starts again at page one', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await loaded(page);
  const seen = new Set(await rowIds(page));
  while (await page.isEnabled('[data-testid=page-next]')) {
    await page.click('[data-testid=page-next]');
    for (const id of await rowIds(page)) seen.add(id);
  }
  assert.equal(seen.size, facts.length, 'every figure is on some page');
  assert.ok(await page.isEnabled('[data-testid=page-prev]'));
  await page.check('#district-500120');
  assert.equal(await page.locator('nav.pager').count(), 0, 'one district (26 figures) fits on one page');
  await page.uncheck('#district-500120');
  await assertPage(page, 1);
  await context.close();
});
