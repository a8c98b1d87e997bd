// Hostile input (issue 13) in the built page: a forced panic shows the error panel, a
// large import can be cancelled and the page keeps its data, the trends view after
// 100,000 imported rows keeps the main thread free and the DOM bounded, a 3,000,000-
// record file ends in a plain message, the report names the encoding and shows the
// decoded text, and links with repeated keys or a bad language read as they should.
// Fixture files come from `cargo xtask fixtures`; the hostile files are written here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { here, loadData, openPage, useBrowser } from './support.mjs';

const fixtures = process.env.CQ_FIXTURES || path.join(here, 'artifacts/fixtures');
const embedded = loadData().facts.length;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-hostile-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

before(() => assert.ok(fs.existsSync(path.join(fixtures, 'synthetic-100000.csv')), `fixtures missing in ${fixtures}: run cargo xtask fixtures`));
const env = useBrowser();

const total = async (page) => Number((await page.textContent('table.facts caption')).match(/\d+/)[0]);

async function ready(page, query = '') {
  await page.goto(env.server.url + query);
  // Interactive; the view's table may sit in a collapsed section (trends, targets, …).
  await page.waitForSelector('html[data-ready]', { state: 'attached' });
}

async function importFile(page, file) {
  await page.click('[data-testid=import-button]');
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=import-report]', { timeout: 300000 });
  await page.click('[data-testid=import-confirm], [data-testid=import-valid-rows]');
  await page.waitForSelector('[data-testid=import-done]', { timeout: 300000 });
  await page.keyboard.press('Escape');
}

/// Records every long task (over 50 ms) from now on.
const watchLongTasks = (page) => page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
    .observe({ type: 'longtask' });
});
/// Waits until two frames have painted, then returns the longest task seen.
const longestTask = (page) => page.evaluate(async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return Math.max(0, ...window.__long);
});

test('a panic shows the error panel with a reload link', async () => {
  const { page, context } = await openPage(env.browser, { width: 360, height: 740 });
  await ready(page);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  // The test hook is an export of the wasm module, reachable only from script.
  await page.evaluate(() => { try { window.wasmBindings.test_panic(); } catch { /* the trap */ } });
  const panel = page.locator('#error-panel[role=alert]');
  await panel.waitFor();
  assert.match(await panel.textContent(), /页面出错了 · Something went wrong/);
  assert.match(await panel.locator('pre').textContent(), /test_panic/);
  const box = await panel.locator('h2').boundingBox();
  assert.ok(box.y >= 0 && box.y < 740, `the panel is scrolled into view (its heading at y ${box.y})`);
  const reload = panel.locator('a.button');
  assert.equal(await reload.getAttribute('href'), page.url());
  await reload.click();
  await page.waitForSelector('table.facts tbody tr');
  assert.equal(await page.locator('#error-panel').count(), 0, 'the reload brings the page back');
  await context.close();
});

/// A file at the row limit (500,000: the 100,000-row fixture's rows five times, so ids
/// repeat): its check takes seconds, so Cancel is pressed while it is under way.
function largest() {
  const file = path.join(scratch, 'rows-500000.csv');
  if (!fs.existsSync(file)) {
    const text = fs.readFileSync(path.join(fixtures, 'synthetic-100000.csv'), 'utf8');
    const cut = text.indexOf('\n') + 1;
    fs.writeFileSync(file, text.slice(0, cut) + text.slice(cut).repeat(5));
  }
  return file;
}

test('a large import can be cancelled and the page keeps its data', async () => {
  const { page, context, errors } = await openPage(env.browser);
  // Each check runs in a worker; cancelling terminates it (its 'close' comes).
  const closed = [];
  page.on('worker', (w) => closed.push(new Promise((resolve) => w.on('close', resolve))));
  await ready(page);
  await page.click('[data-testid=import-button]');
  await page.setInputFiles('#import-file', largest());
  await page.waitForSelector('[data-testid=import-progress] progress', { timeout: 60000 });
  await page.click('[data-testid=import-cancel]');
  await page.waitForSelector('[data-testid=import-cancelled]');
  assert.equal(closed.length, 1, 'the check ran in a worker');
  await closed[0];
  assert.equal(await page.locator('[data-testid=import-progress]').count(), 0, 'the check stopped');
  assert.equal(await page.isEnabled('#import-file'), true, 'another file can be chosen');
  await page.keyboard.press('Escape');
  assert.equal(await total(page), embedded, 'the figures shown are unchanged');
  assert.equal(await page.locator('[data-testid=imported-notice]').count(), 0);
  // Closing the dialog while checking cancels too: nothing turns up later.
  await page.click('[data-testid=import-button]');
  await page.setInputFiles('#import-file', largest());
  await page.waitForSelector('[data-testid=import-progress] progress', { timeout: 60000 });
  await page.keyboard.press('Escape');
  await page.click('[data-testid=import-button]');
  await page.waitForSelector('[data-testid=import-cancelled]');
  await closed[1];
  await page.keyboard.press('Escape');
  // Still usable: a small file imports.
  await importFile(page, path.join(fixtures, 'valid.csv'));
  assert.equal(await total(page), embedded + 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the trends view after a 100,000-row import draws a screenful of charts and keeps the DOM bounded', async () => {
  const { page, context, errors } = await openPage(env.browser);
  await ready(page);
  await importFile(page, path.join(fixtures, 'synthetic-100000.csv'));
  assert.equal(await total(page), embedded + 100000);
  await watchLongTasks(page);
  await page.click('button[data-view=trend]');
  // The first page of charts, drawn one per frame.
  await page.waitForFunction(() => document.querySelectorAll('figure.chart').length === 3, null, { timeout: 60000 });
  const longest = await longestTask(page);
  const charts = await page.locator('figure.chart').count();
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  console.log(`# trends after 100k: longest task ${Math.round(longest)} ms, ${charts} charts, ${elements} elements`);
  assert.ok(charts <= 3, `a screenful of charts, not all of them (${charts})`);
  assert.ok(elements < 60000, `the DOM stays bounded (${elements} elements)`);
  // The longest task is printed above, not asserted: timings are the benchmark's
  // (BENCHMARKS.md), and a shared machine's load decides them. What froze the page
  // (15.6 s) was drawing every chart at once, which the two bounds above catch.
  // The rest come on request, a page at a time.
  const more = page.locator('[data-testid=show-more]');
  assert.match(await more.textContent(), /再显示 3 个图表/);
  await more.click();
  await page.waitForFunction((n) => document.querySelectorAll('figure.chart').length === n + 3, charts);
  await page.evaluate(async () => { for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); });
  assert.equal(await page.locator('figure.chart').count(), charts + 3, 'a page more, no more');
  // A district's profile draws at most ten charts over all its sections at first.
  await page.click('button[data-view=profile]');
  await page.waitForSelector('section.profile figure.chart');
  const profile = await page.locator('figure.chart').count();
  assert.ok(profile <= 10, `the profile draws ${profile} charts at first`);
  assert.ok(await page.locator('[data-testid=show-more]').count() > 0, 'the rest on request');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 3,000,000-record file ends in a clear message, and the page stays usable', async () => {
  const file = path.join(scratch, 'three-million.json');
  fs.writeFileSync(file, `{"facts": [${'{},'.repeat(3000000 - 1)}{}]}`);
  const { page, context, errors } = await openPage(env.browser);
  await ready(page);
  await page.click('[data-testid=import-button]');
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=import-report]', { timeout: 120000 });
  const report = await page.textContent('[data-testid=import-report]');
  assert.match(report, /超过 500000 行/, report.slice(0, 300));
  assert.equal(await page.locator('[data-testid=import-confirm], [data-testid=import-valid-rows]').count(), 0);
  assert.equal(await page.locator('#error-panel').count(), 0, 'no panic');
  assert.equal(await page.isEnabled('#import-file'), true);
  await page.keyboard.press('Escape');
  await page.click('button[data-view=trend]');
  await page.waitForSelector('figure.chart');
  await page.click('button[data-view=compare]');
  assert.equal(await total(page), embedded);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the report names the encoding and shows the decoded text before importing', async () => {
  const { page, context } = await openPage(env.browser);
  await ready(page);
  await page.click('[data-testid=import-button]');
  await page.setInputFiles('#import-file', path.join(fixtures, 'gbk.csv'));
  await page.waitForSelector('[data-testid=import-report]');
  assert.match(await page.textContent('[data-testid=import-encoding]'), /GBK/);
  assert.match(await page.textContent('[data-testid=import-sample]'), /示例/);
  // UTF-8 with one stray byte stays UTF-8: the Chinese reads, the row with the byte is
  // an error.
  const utf8 = fs.readFileSync(path.join(fixtures, 'valid-no-bom.csv'));
  const stray = Buffer.concat([utf8.subarray(0, utf8.length - 1), Buffer.from([0xE9]), utf8.subarray(utf8.length - 1)]);
  const file = path.join(scratch, 'stray-byte.csv');
  fs.writeFileSync(file, stray);
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=import-errors]');
  assert.match(await page.textContent('[data-testid=import-encoding]'), /UTF-8.*1 处字节无法/);
  assert.match(await page.textContent('[data-testid=import-sample]'), /示例/);
  assert.match(await page.textContent('[data-testid=import-errors]'), /U\+FFFD/);
  assert.match(await page.textContent('[data-testid=import-report]'), /1 行有效、1 行有错误/);
  // A right-to-left override in a file name is shown escaped, not obeyed.
  const turned = path.join(scratch, 'data\u202Evsc.csv');
  fs.copyFileSync(path.join(fixtures, 'valid.csv'), turned);
  await page.setInputFiles('#import-file', turned);
  await page.waitForSelector('[data-testid=import-confirm]');
  const summary = await page.textContent('[data-testid=import-report] p[role=status]');
  assert.ok(summary.startsWith('data\\u{202e}vsc.csv'), summary);
  assert.ok(!summary.includes('\u202E'), 'no override reaches the page');
  await context.close();
});

test('repeated link keys combine or are named, and a bad lang follows the browser', async () => {
  const { page, context } = await openPage(env.browser);
  await ready(page, '?d=500110&d=500102');
  assert.equal(await page.isChecked('#district-500110'), true);
  assert.equal(await page.isChecked('#district-500102'), true);
  assert.equal(await page.locator('[data-testid=url-notice]').count(), 0);
  await ready(page, '?view=bogus&view=trend');
  assert.equal(await page.getAttribute('button[aria-current=page]', 'data-view'), 'trend');
  assert.match(await page.textContent('[data-testid=url-notice]'), /view=bogus/);
  await context.close();
  const en = await openPage(env.browser, { width: 1280, height: 900 }, 'en-US');
  await en.page.goto(env.server.url + '?lang=xx');
  await en.page.waitForSelector('table.facts tbody tr');
  assert.equal(await en.page.getAttribute('html', 'lang'), 'en', 'an English browser gets English');
  assert.match(await en.page.textContent('[data-testid=url-notice]'), /lang=xx/);
  await en.context.close();
});
