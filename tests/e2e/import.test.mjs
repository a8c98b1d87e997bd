// "Import data" as a statistics office would use it: a valid CSV and JSON, a GBK CSV
// from Excel, a file with mistakes (messages name row, column and reason; valid rows
// on request), hostile text kept inert in the DOM, the SVG and the exports, and a
// 100,000-row file that imports with progress while the page stays responsive.
// Fixture files come from `cargo xtask fixtures` (run by `cargo xtask test`).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dist, here, loadData, openPage, root, rowIds, serveDir, useBrowser } from './support.mjs';

const fixtures = process.env.CQ_FIXTURES || path.join(here, 'artifacts/fixtures');
const embedded = loadData().facts.length;

before(() => assert.ok(fs.existsSync(path.join(fixtures, 'valid.csv')), `fixtures missing in ${fixtures}: run cargo xtask fixtures`));
const env = useBrowser();

const total = async (page) => Number((await page.textContent('table.facts caption')).match(/\d+/)[0]);

async function choose(page, file) {
  await page.click('[data-testid=import-button]');
  await page.setInputFiles('#import-file', path.join(fixtures, file));
  await page.waitForSelector('[data-testid=import-report], dialog[open] [data-testid=import-errors]', { timeout: 120000 });
}

async function importFile(page, file) {
  await choose(page, file);
  await page.click('[data-testid=import-confirm]');
  await page.waitForSelector('[data-testid=import-done]', { timeout: 120000 });
  const done = await page.textContent('[data-testid=import-done]');
  await page.keyboard.press('Escape');
  return Number(done.match(/\d+/)[0]);
}

for (const file of ['valid.csv', 'valid-no-bom.csv', 'valid.json', 'gbk.csv']) {
  test(`a valid ${file} is added, marked as imported, and can be removed`, async () => {
    const { page, context, errors, requests } = await openPage(env.browser);
    await page.goto(env.server.url);
    await page.waitForSelector('table.facts tbody tr');
    const added = await importFile(page, file);
    assert.equal(added, 2, 'the template has two example rows');
    assert.equal(await total(page), embedded + added);
    assert.ok(await page.locator('[data-testid=imported-notice]').isVisible());
    await page.fill('#f-search', '示例');
    const marks = await page.locator('table.facts tbody tr.fact .imported-mark').count();
    assert.ok(marks >= 1, 'imported rows are marked in the table');
    if (file === 'gbk.csv') {
      assert.match(await page.textContent('table.facts'), /示例园区/, 'GBK text decoded');
    }
    await page.fill('#f-search', '');
    await page.click('[data-testid=remove-imported]');
    assert.equal(await total(page), embedded, 'removing restores the original');
    assert.equal(await page.locator('[data-testid=imported-notice]').count(), 0);
    assert.deepEqual(errors, []);
    const origin = new URL(env.server.url).origin;
    assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')), [], 'nothing leaves the browser');
    await context.close();
  });
}

for (const [locale, label] of [['zh-CN', '选择文件'], ['en-US', 'Choose a file']]) {
  test(`the file picker at 360 px speaks the reader's language (${locale}), is 44 px and works by pointer and keyboard`, async () => {
    const { page, context, errors } = await openPage(env.browser, { width: 360, height: 740 }, locale);
    await page.goto(env.server.url + (locale === 'en-US' ? '?lang=en' : ''));
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    await page.click('[data-testid=more-button]');
    await page.click('[data-testid=import-button]');
    const pick = await page.evaluate(() => {
      const input = document.getElementById('import-file');
      const shown = document.querySelector('label[for=import-file]');
      const box = shown.getBoundingClientRect();
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return { text: shown.textContent, w: box.width, h: box.height, hit: hit === input, opacity: getComputedStyle(input).opacity };
    });
    // What the reader sees is our label, not the browser's "No file chosen"; a tap
    // on it lands on the (transparent) input itself.
    assert.equal(pick.text, label);
    assert.ok(pick.w >= 44 && pick.h >= 44, `the picker is ${pick.w}×${pick.h}`);
    assert.equal(pick.hit, true, 'a tap on the label reaches the file input');
    assert.equal(pick.opacity, '0');
    await page.focus('#import-file');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'import-file');
    const ring = await page.$eval('label[for=import-file]', (l) => getComputedStyle(l).outlineStyle);
    assert.equal(ring, 'solid', 'keyboard focus on the input shows on its label');
    // Listening before the key is pressed: Chromium hands the chooser to the test only
    // once the page's file choosers are intercepted.
    const chosen = page.waitForEvent('filechooser');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    await page.keyboard.press('Space');
    const chooser = await chosen;
    await chooser.setFiles(path.join(fixtures, 'valid.csv'));
    await page.waitForSelector('[data-testid=import-report]');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('replace mode shows only the imported figures', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await choose(page, 'valid.csv');
  await page.check('input[name=import-mode] >> nth=1');
  await page.click('[data-testid=import-confirm]');
  await page.waitForSelector('[data-testid=import-done]');
  await page.keyboard.press('Escape');
  assert.equal(await total(page), 2);
  await context.close();
});

test('a file with mistakes names row, column and reason, and imports valid rows only on request', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await choose(page, 'invalid.csv');
  const report = await page.textContent('[data-testid=import-report]');
  assert.match(report, /6 行/, 'counts the rows');
  const lines = await page.locator('[data-testid=import-errors] li').allTextContents();
  assert.ok(lines.length >= 5, lines.join('\n'));
  for (const [row, column] of [[2, 'district'], [3, 'value'], [4, 'kind'], [5, 'period'], [7, 'id']]) {
    assert.ok(lines.some((l) => new RegExp(`第\\s*${row}\\s*行`).test(l) && l.includes(column)), `row ${row}, column ${column} named: ${lines.join(' | ')}`);
  }
  assert.ok(lines.some((l) => l.includes('999999')), 'the bad value is shown');
  assert.equal(await page.locator('[data-testid=import-confirm]').count(), 0, 'nothing is imported by default');
  await page.click('[data-testid=import-valid-rows]');
  await page.waitForSelector('[data-testid=import-done]');
  await page.keyboard.press('Escape');
  assert.equal(await total(page), embedded + 1, 'exactly the valid row');
  await context.close();
});

test('hostile text stays inert in the DOM, the SVG and the exports', async () => {
  const { page, context, errors } = await openPage(env.browser);
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await importFile(page, 'hostile.csv');
  await page.check('#district-500101');
  await page.click('button[data-view=breakdown]');
  await page.waitForSelector('figure.chart');
  const svg = await page.locator('figure.chart').first().innerHTML();
  assert.ok(svg.includes('&lt;script&gt;'), 'markup is drawn as text in the chart');
  assert.equal(await page.locator('figure.chart script, figure.chart img').count(), 0);
  assert.equal(await page.locator('img[src=x]').count(), 0, 'no injected image anywhere');
  await page.click('button[data-view=compare]');
  await page.uncheck('#district-500101');
  await page.fill('#f-search', 'script');
  assert.match(await page.textContent('table.facts'), /<script>alert\(1\)<\/script>/, 'shown as text in the table');
  await page.fill('#f-search', '');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv] >> nth=0')]);
  const csv = fs.readFileSync(await dl.path(), 'utf8');
  assert.ok(csv.includes(`"'=HYPERLINK(""http://x"",""点我"")"`), 'formula neutralised in the CSV');
  assert.ok(csv.includes("'@SUM(A1)"), 'formula neutralised in the CSV');
  assert.equal(dialogs, 0, 'no script ran');
  assert.deepEqual(errors, []);
  await context.close();
});

test('100,000 rows import with progress while the page stays responsive', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await page.click('[data-testid=import-button]');
  // Frames keep coming while the file is checked: record the longest gap between them.
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (t) => { window.__gaps.push(t - last); last = t; window.__raf = requestAnimationFrame(tick); };
    window.__raf = requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.setInputFiles('#import-file', path.join(fixtures, 'synthetic-100000.csv'));
  await page.waitForSelector('[data-testid=import-progress] progress', { timeout: 60000 });
  await page.waitForSelector('[data-testid=import-report]', { timeout: 300000 });
  const checked = Date.now() - started;
  const [frames, longest] = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return [window.__gaps.length, Math.max(...window.__gaps)]; });
  // The check runs in a worker: the page paints on while it works. How long the gaps
  // are is the benchmark's figure (BENCHMARKS.md), printed below, not asserted.
  assert.ok(frames >= 10, `the page kept painting while checking (${frames} frames)`);
  assert.match(await page.textContent('[data-testid=import-report]'), /100000/);
  await page.click('[data-testid=import-confirm]');
  await page.waitForSelector('[data-testid=import-done]', { timeout: 300000 });
  await page.keyboard.press('Escape');
  assert.equal(await total(page), embedded + 100000);
  const pager = await page.textContent('nav.pager .status');
  const [, from, to] = pager.match(/第 (\d+)—(\d+) 条/).map(Number);
  assert.equal(await page.locator('table.facts tbody tr.fact').count(), to - from + 1, 'one page of rows in the DOM');
  const memory = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  console.log(`# 100k import: checked in ${checked} ms, longest frame gap ${Math.round(longest)} ms, JS heap ${Math.round(memory / 1e6)} MB`);
  await context.close();
});

test('import works from the file:// offline copy, through a worker from a blob URL', async () => {
  const { page, context, requests } = await openPage(env.browser);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(pathToFileURL(path.join(dist, 'offline.html')).href);
  await page.waitForSelector('table.facts tbody tr');
  assert.deepEqual(workers, [], 'no worker before the first import');
  assert.equal(await importFile(page, 'valid.json'), 2);
  assert.equal(workers.length, 1, 'the check ran in a worker');
  assert.match(workers[0], /^blob:/);
  assert.deepEqual(requests.filter((u) => /^https?:/.test(u)), []);
  await context.close();
});

test('a worker that cannot start ends in a clear message in both languages, and the figures stay', async () => {
  // A copy of dist/ without the worker's wasm: its loader runs, its wasm does not.
  const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-no-worker-'));
  for (const n of fs.readdirSync(dist)) {
    if (!n.startsWith('import-worker_bg.wasm') && fs.statSync(path.join(dist, n)).isFile()) fs.copyFileSync(path.join(dist, n), path.join(broken, n));
  }
  const server = await serveDir(broken);
  try {
    const { page, context } = await openPage(env.browser);
    await page.goto(server.url);
    await page.waitForSelector('table.facts tbody tr');
    const before = await total(page);
    await choose(page, 'valid.csv');
    const alert = page.locator('dialog[open] [data-testid=import-errors][role=alert]');
    assert.match(await alert.textContent(), /导入检查无法运行/);
    assert.equal(await page.isEnabled('#import-file'), true, 'another file can be chosen');
    await page.keyboard.press('Escape');
    assert.equal(await total(page), before, 'the figures shown are unchanged');
    await page.click('[data-testid=lang-switch]');
    await page.click('[data-testid=import-button]');
    assert.match(await alert.textContent(), /The import check could not run/);
    await context.close();
  } finally {
    await server.close();
    fs.rmSync(broken, { recursive: true, force: true });
  }
});
