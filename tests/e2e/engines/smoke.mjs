// The three-engine smoke suite: what a reader does first, in the engine named by ENGINE
// (chromium, firefox or webkit; see drivers.mjs), over HTTP from nginx under the strict
// Content-Security-Policy of README "Hosting" and from file:// as dist/offline.html.
// `cargo xtask test` runs it once per engine (WebKitGTK under xvfb-run), each with its
// own `N passed, M failed` line; the full suite (tests/e2e/*.test.mjs) stays on Chromium.
//
//   ENGINE=firefox node --test engines/smoke.mjs     (from tests/e2e/, after cargo xtask build)
//
// Expected values come from the dataset files; every wait is on a condition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { By, Key } from 'selenium-webdriver';
import { CSP, dist, here, loadData, portalPage, startNginx } from '../support.mjs';
import { NAMES, startDriver } from './drivers.mjs';

const ENGINE = process.env.ENGINE || 'chromium';
const { facts, districts, indicators, factById } = loadData();
const fixtures = process.env.CQ_FIXTURES || path.join(here, 'artifacts/fixtures');
const WAIT = 30000;
/// Each test's own limit, so a stuck engine fails that test instead of hanging the run.
const LIMIT = { timeout: 180000 };
const rowsSel = 'table.facts tbody tr.fact';
const cjk = /[\u4e00-\u9fff]/;

let session;
let driver;
let nginx;
let host;
const reports = [];
let collector;

before(async () => {
  // CSP reports (report-uri, through nginx) land here.
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => { reports.push(body); res.writeHead(204).end(); });
  });
  await new Promise((r) => collector.listen(0, '127.0.0.1', r));
  nginx = await startNginx(dist, { cspReports: collector.address().port });
  // The portal of the embed test: another origin (another port) with the README's listener.
  const hostServer = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    const src = new URL(req.url, 'http://x').searchParams.get('src') || nginx.url;
    res.end(portalPage(`${src}?embed=1&view=compare&d=500155,500102`));
  });
  await new Promise((r) => hostServer.listen(0, '127.0.0.1', r));
  host = { url: `http://127.0.0.1:${hostServer.address().port}/`, close: () => new Promise((r) => hostServer.close(r)) };
  session = await startDriver(ENGINE);
  driver = session.driver;
  const caps = await driver.getCapabilities();
  console.log(`engine: ${NAMES[ENGINE]}: ${caps.getBrowserName()} ${caps.getBrowserVersion()}`);
});

after(async () => {
  await session?.quit();
  await host?.close();
  await nginx?.close();
  await new Promise((r) => (collector ? collector.close(r) : r()));
  if (session) fs.rmSync(session.downloads, { recursive: true, force: true });
});


// ---- helpers --------------------------------------------------------------------------

const js = (fn, ...args) => driver.executeScript(fn, ...args);
const $ = (sel) => driver.findElement(By.css(sel));

/// Waits until `fn` (run in the page) returns something truthy, and returns it.
async function until(fn, args = [], what = String(fn), timeout = WAIT) {
  let value;
  await driver.wait(async () => {
    value = await js(fn, ...args);
    return Boolean(value);
  }, timeout, `timed out waiting for: ${what}`);
  return value;
}

const rowIds = () => js(() => [...document.querySelectorAll('table.facts tbody tr.fact')].map((r) => r.dataset.fact));
const sameSet = (a, b) => a.length === b.length && new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/// Waits until the table shows exactly `ids` (in any order).
async function rowsAre(ids, what) {
  await driver.wait(async () => sameSet(await rowIds(), ids), WAIT, `rows: ${what}`).catch(async (e) => {
    throw new Error(`${e.message}: showing ${JSON.stringify(await rowIds())}, expected ${JSON.stringify(ids)}`);
  });
}

/// Loads `url` and waits for the first chart and the table.
async function load(url) {
  await driver.get(url);
  await until(() => document.querySelector('figure.chart svg rect') && document.querySelector('table.facts tbody tr.fact'),
    [], 'the first chart and the table');
  // Violations after load are also seen in the page (with their details).
  await js(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/// Presses keys on whatever has the focus.
const press = (...keys) => driver.actions().sendKeys(...keys).perform();

/// Waits until the search box has settled on `text` and the table follows.
async function search(text) {
  const box = await $('#f-search');
  await box.click();
  // Backspaces, one a character: the same in every engine (no select-all chord).
  const old = await js(() => document.getElementById('f-search').value);
  // Typed as key actions on the focused box: WebKitWebDriver refuses Element Send Keys
  // inside a cross-origin iframe ("Element is not focusable") though the box has focus.
  // (WebKitGTK, after a download in the session, may leave the focus outside a clicked
  // box in an iframe: put it there as Tab would.)
  await js(() => document.activeElement?.id === 'f-search' || document.getElementById('f-search').focus());
  await until(() => document.activeElement?.id === 'f-search', [], 'the search box has the focus', 5000).catch(async (e) => {
    const state = await js(() => ({ hasFocus: document.hasFocus(), active: document.activeElement?.outerHTML.slice(0, 80), top: window === window.top }));
    throw new Error(`${e.message}: ${JSON.stringify(state)}`);
  });
  if (old) await press(Key.END, ...Array.from(old, () => Key.BACK_SPACE));
  if (text) await press(text);
  await until((t) => document.getElementById('f-search').value === t, [text], `search box reads ${text}`);
}

// ---- the reader's path ----------------------------------------------------------------

/// Load and first chart, an indicator and a district, search, sort.
async function browse(url) {
  await load(url);
  const fig = 'figure[data-testid=comparison-chart]';
  const texts = await js((f) => [...document.querySelectorAll(`${f} svg text`)].map((t) => t.textContent), fig);
  assert.ok(texts.some((t) => cjk.test(t)), `the chart is labelled in Chinese: ${texts.slice(0, 5)}`);
  const box = await js((f) => document.querySelector(`${f} svg`).getBoundingClientRect().toJSON(), fig);
  assert.ok(box.width > 200 && box.height > 80, `the chart has a size: ${JSON.stringify(box)}`);
  assert.match(await js(() => document.querySelector('table.facts caption').textContent), new RegExp(`共 ${facts.length} 条`));

  // An indicator, chosen in the select.
  const option = await $('#f-indicator option:nth-child(2)');
  const indicator = await option.getAttribute('value');
  await option.click();
  const ofIndicator = facts.filter((f) => f.indicator === indicator);
  await rowsAre(ofIndicator.map((f) => f.id), `indicator ${indicator}`);
  const ind = indicators.find((i) => i.id === indicator);
  await until((f, name) => [...document.querySelectorAll(`${f} svg text`)].some((t) => t.textContent.includes(name)),
    [fig, ind.name_zh], 'the chart is titled by the indicator');

  // And a district of that indicator, ticked.
  const district = districts.find((d) => d.id === ofIndicator[0].district);
  await (await $(`#district-${district.id}`)).click();
  await rowsAre(ofIndicator.filter((f) => f.district === district.id).map((f) => f.id), `${district.name_zh}`);
  const labels = await js((f) => [...document.querySelectorAll(`${f} svg text`)].map((t) => t.textContent), fig);
  for (const d of districts.filter((d) => d.id !== district.id)) {
    assert.ok(!labels.includes(d.name_zh), `${d.name_zh} is not drawn`);
  }
  await (await $(`#district-${district.id}`)).click();
  await rowsAre(ofIndicator.map((f) => f.id), 'the district unticked');

  // Sort by value, both ways.
  const sortButton = () => js(() => [...document.querySelectorAll('table.facts th')].find((th) => th.textContent.includes('数值')).querySelector('button'));
  const sortState = () => js(() => [...document.querySelectorAll('table.facts th')].find((th) => th.textContent.includes('数值')).getAttribute('aria-sort'));
  await (await sortButton()).click();
  await driver.wait(async () => (await sortState()) === 'ascending', WAIT, 'sorted ascending');
  let values = (await rowIds()).map((id) => factById.get(id).value);
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  await (await sortButton()).click();
  await driver.wait(async () => (await sortState()) === 'descending', WAIT, 'sorted descending');
  values = (await rowIds()).map((id) => factById.get(id).value);
  assert.deepEqual(values, [...values].sort((a, b) => b - a));

  // Search (typed, Chinese) for one figure's quote, then clear it.
  const fact = ofIndicator[0];
  const words = fact.quote.slice(0, 12);
  await search(words);
  await driver.wait(async () => {
    const ids = await rowIds();
    return ids.includes(fact.id) && ids.every((id) => factById.get(id).quote.includes(words));
  }, WAIT, `the search for ${words} narrows to figures quoting it`);
  await search('');
  await rowsAre(ofIndicator.map((f) => f.id), 'the search cleared');
}

/// A figure's source panel, opened from the chart by keyboard and closed by Escape.
async function sourcePanel() {
  await until(() => document.querySelector('rect.hit'), [], 'a focusable bar');
  await js(() => document.querySelector('rect.hit').focus());
  assert.ok(await js(() => document.activeElement?.matches('rect.hit')), 'the bar takes the focus');
  await press(Key.ENTER);
  await until(() => document.querySelector('dialog.source-dialog[open]'), [], 'the source panel opens on Enter');
  const quote = await js(() => document.querySelector('[data-testid=source-quote]').textContent);
  assert.ok(facts.some((f) => quote.includes(f.quote)), `the panel shows a quote from the data: ${quote}`);
  assert.ok(await js(() => document.querySelector('dialog.source-dialog[open]').contains(document.activeElement)), 'the focus is in the panel');
  await press(Key.ESCAPE);
  await until(() => !document.querySelector('dialog.source-dialog[open]'), [], 'Escape closes the panel');
}

/// Chinese → English → Chinese.
async function language() {
  await (await $('[data-testid=lang-switch]')).click();
  await until(() => document.documentElement.lang === 'en', [], '<html lang=en>');
  assert.match(await js(() => document.querySelector('h1').textContent), /Chongqing District Industry Explorer/);
  await until(() => [...document.querySelectorAll('figure.chart svg text')].some((t) => /[A-Za-z]{3}/.test(t.textContent)), [], 'the chart in English');
  await (await $('[data-testid=lang-switch]')).click();
  await until(() => document.documentElement.lang === 'zh-CN', [], '<html lang=zh-CN>');
  assert.match(await js(() => document.querySelector('h1').textContent), /重庆区县工业发展数据浏览器/);
}

/// Imports hostile.csv (a formula in a cell), downloads the table as CSV, and checks the
/// file's bytes: the blob the page hands to the download link, read back in the page.
async function downloadCsv() {
  const hostile = fs.readFileSync(path.join(fixtures, 'hostile.csv'), 'utf8');
  await js(() => {
    window.__saved = [];
    if (!window.__hooked) {
      window.__hooked = true;
      const create = URL.createObjectURL;
      URL.createObjectURL = function (blob) {
        const url = create.call(URL, blob);
        if (blob instanceof Blob) window.__saved.push({ url, blob, name: null });
        return url;
      };
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        const saved = window.__saved.find((s) => s.url === this.href);
        if (saved) saved.name = this.download;
        return click.call(this);
      };
    }
  });
  await (await $('[data-testid=import-button]')).click();
  await until(() => document.querySelector('dialog[open] #import-file'), [], 'the import dialog');
  // The file as a reader would pick it (a File in the input's FileList), in any engine.
  await js((text) => {
    const input = document.getElementById('import-file');
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'hostile.csv', { type: 'text/csv' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, hostile);
  await until(() => document.querySelector('[data-testid=import-confirm]'), [], 'the import report');
  await (await $('[data-testid=import-confirm]')).click();
  await until(() => document.querySelector('[data-testid=import-done]'), [], 'the import is done');
  await press(Key.ESCAPE);
  await until(() => !document.querySelector('dialog.import-dialog[open]'), [], 'the dialog closes');
  assert.equal(await js(() => document.querySelectorAll('img[src=x]').length), 0, 'no injected image');

  await (await $('[data-testid=download-csv]')).click();
  await until(() => window.__saved.some((s) => s.name && /\.csv$/.test(s.name)), [], 'a CSV handed to the download link');
  const { name, b64 } = await driver.executeAsyncScript(function () {
    const done = arguments[arguments.length - 1];
    const saved = window.__saved.find((s) => s.name && /\.csv$/.test(s.name));
    const reader = new FileReader();
    reader.onload = () => done({ name: saved.name, b64: String(reader.result).split(',')[1] });
    reader.readAsDataURL(saved.blob);
  });
  const bytes = Buffer.from(b64, 'base64');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const text = bytes.toString('utf8');
  assert.ok(text.includes('\r\n'), 'CRLF line ends');
  assert.ok(text.includes(`"'=HYPERLINK(""http://x"",""点我"")"`), 'the formula cell is neutralised');
  assert.ok(text.includes("'@SUM(A1)"), 'the @ cell is neutralised');
  assert.match(name, /\.csv$/);
  const lines = text.split('\r\n').filter(Boolean).length;
  assert.equal(lines, facts.length + 4 + 1, `every figure and the 4 imported ones, and the header (${name})`);
}

// ---- the tests ------------------------------------------------------------------------

test(`${ENGINE}: the features the explorer relies on, or its fallback`, LIMIT, async () => {
  await load(nginx.url);
  const has = await js(() => ({
    WebAssembly: typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function',
    instantiateStreaming: typeof WebAssembly.instantiateStreaming === 'function',
    ResizeObserver: typeof ResizeObserver === 'function',
    DecompressionStream: typeof DecompressionStream === 'function',
    showPicker: typeof HTMLInputElement.prototype.showPicker === 'function',
    dialog: typeof HTMLDialogElement === 'function' && typeof HTMLDialogElement.prototype.showModal === 'function',
    DataTransfer: typeof DataTransfer === 'function',
    clipboard: Boolean(navigator.clipboard?.writeText),
    TextDecoderGbk: (() => { try { return new TextDecoder('gbk').encoding === 'gbk'; } catch { return false; } })(),
  }));
  console.log(`navigator.language in ${NAMES[ENGINE]}: ${await js(() => navigator.language)}`);
  console.log(`features in ${NAMES[ENGINE]}: ${Object.entries(has).sort().map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);
  // What the page cannot start without: it started (the chart is there), so these hold.
  assert.ok(has.WebAssembly && has.dialog, JSON.stringify(has));
  // GBK import decodes with the browser's TextDecoder (README "Import").
  assert.ok(has.TextDecoderGbk, 'TextDecoder reads GBK');
  assert.ok(await js(() => document.documentElement.hasAttribute('data-ready')), 'the page says it is ready');
});

test(`${ENGINE} over HTTP (nginx, strict CSP): load and first chart, indicator, district, sort, search`, LIMIT, async () => {
  await browse(nginx.url);
  assert.deepEqual(await js(() => window.__csp), [], 'no CSP violation');
});

test(`${ENGINE} over HTTP: a source panel opens by keyboard and closes by Escape`, LIMIT, async () => {
  await load(nginx.url);
  await sourcePanel();
  assert.deepEqual(await js(() => window.__csp), [], 'no CSP violation');
});

test(`${ENGINE} over HTTP: the language switches to English and back`, LIMIT, async () => {
  await load(nginx.url);
  await language();
});

/// The portal page holding the explorer served at `src`: the height messages come from
/// the explorer's origin, the iframe follows them, and the embedded page drops its
/// chrome. Returns how the page watches its height (`observer` or `timer`).
async function embedded(src, origin) {
  await driver.get(`${host.url}?src=${encodeURIComponent(src)}`);
  const first = await until(() => window.heightMessages?.[0], [], 'a height message');
  assert.equal(first.origin, origin, 'from the explorer\'s origin');
  assert.equal(first.data.version, 1);
  assert.ok(Number.isInteger(first.data.height) && first.data.height > 200, JSON.stringify(first.data));
  const frame = await $('#cq-explorer');
  await driver.switchTo().frame(frame);
  await until(() => document.querySelector('table.facts tbody tr.fact'), [], 'the embedded table');
  const how = await until(() => document.documentElement.dataset.embedHeight, [], 'the height watcher');
  assert.equal(await js(() => document.querySelectorAll('header.site-header').length), 0, 'no page header');
  const full = await js(() => document.querySelector('a.open-full')?.href);
  assert.ok(full && !full.includes('embed=1') && /[?&]d=/.test(full), `a link to the same view in the full explorer: ${full}`);
  const rows = await rowIds();
  // The portal's iframe follows the page with its table (whose rows are drawn a pass
  // after the rest, so an earlier height can be without them).
  const tall = await js(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await driver.switchTo().defaultContent();
  await until((h) => Math.abs(parseFloat(document.getElementById('cq-explorer').style.height) - h) <= 1, [tall],
    `the iframe follows the content (${tall}px)`);
  await driver.switchTo().frame(frame);
  await search(factById.get(rows[0]).quote.slice(0, 12));
  await driver.wait(async () => (await rowIds()).length < rows.length, WAIT, 'fewer rows');
  const content = await js(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await driver.switchTo().defaultContent();
  // The portal's listener resizes the iframe to what the explorer reports.
  await until((h) => Math.abs(parseFloat(document.getElementById('cq-explorer').style.height) - h) <= 1, [content],
    `the iframe follows the shorter content (${content}px)`);
  const messages = await js(() => window.heightMessages.map((m) => m.data.height));
  assert.ok(messages.length >= 2 && content < tall && messages.at(-1) < tall, `a shorter height reported: ${messages} (${tall}px before the search)`);
  return how;
}

test(`${ENGINE}: embedded in a portal on another origin, it posts its height`, LIMIT, async () => {
  assert.equal(await embedded(nginx.url, nginx.origin), 'observer', 'watched by a ResizeObserver');
});

test(`${ENGINE}: embedded, in a browser without ResizeObserver, the height still follows`, LIMIT, async () => {
  // A copy of dist/ whose page first removes ResizeObserver (an external script, as the
  // policy wants), as in iOS before 13.4 or an old Android WebView.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-no-ro-'));
  for (const n of fs.readdirSync(dist)) {
    if (!/^index\.html\.(gz|br)$/.test(n)) fs.copyFileSync(path.join(dist, n), path.join(copy, n));
  }
  fs.writeFileSync(path.join(copy, 'no-resize-observer.js'), 'delete window.ResizeObserver;\n');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  assert.match(html, /<script src="\.\/loader-/);
  fs.writeFileSync(path.join(copy, 'index.html'),
    html.replace('<script src="./loader-', '<script src="./no-resize-observer.js"></script><script src="./loader-'));
  const server = await startNginx(copy);
  try {
    assert.equal(await embedded(server.url, server.origin), 'timer', 'the fallback: a timer');
  } finally {
    await server.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

// After the embed tests: in WebKitGTK's MiniBrowser a download takes the window's focus
// (a GTK download window), after which no element of a cross-origin iframe can take it.
test(`${ENGINE} over HTTP: the CSV download has a BOM and neutralised formulas`, LIMIT, async () => {
  await load(nginx.url);
  await downloadCsv();
  assert.deepEqual(await js(() => window.__csp), [], 'no CSP violation (blob: download, import)');
});

for (const name of ['offline.html']) {
  test(`${ENGINE} from file:// (${name}): load and first chart, indicator, district, sort, search`, LIMIT, async () => {
    await browse(pathToFileURL(path.join(dist, name)).href);
  });
  test(`${ENGINE} from file:// (${name}): source panel by keyboard, language, CSV download`, LIMIT, async () => {
    await load(pathToFileURL(path.join(dist, name)).href);
    await sourcePanel();
    await language();
    await downloadCsv();
  });
}

test(`${ENGINE}: nginx's strict CSP header, and not one violation reported in this run`, LIMIT, async () => {
  const res = await fetch(nginx.url);
  assert.equal(res.headers.get('content-security-policy'), `${CSP}; report-uri /csp-report`);
  // Every HTTP page above ran under it: the page loads, then a deliberate violation (an
  // inline <style>) proves this engine reports; it must be the only report.
  await load(nginx.url);
  await js(() => { const s = document.createElement('style'); s.textContent = 'body{}'; document.head.append(s); });
  await until(() => window.__csp.length > 0, [], 'the engine fires securitypolicyviolation');
  await driver.wait(() => reports.length > 0, WAIT, 'the engine sends its CSP report (report-uri)');
  const parsed = reports.map((r) => JSON.parse(r)['csp-report'] ?? JSON.parse(r));
  assert.equal(parsed.length, 1, `only the deliberate violation: ${JSON.stringify(parsed, null, 1)}`);
  assert.match(parsed[0]['violated-directive'] ?? parsed[0]['effective-directive'], /^style-src/);
});
