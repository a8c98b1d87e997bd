// The served dist/ under the strict Content-Security-Policy of README "Hosting", sent as
// an HTTP header by a real nginx (Debian's, started here on loopback with
// nginx.conf.template): every view and a source panel work with no violation, and no
// request leaves the page's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import zlib from 'node:zlib';
import path from 'node:path';
import { launch, startNginx, openPage, recordCspViolations, cspConsole, dist, here, root, CSP } from './support.mjs';

const VIEWS = ['compare', 'profile', 'trend', 'targets', 'breakdown', 'sources'];

let browser;
let nginx;
before(async () => {
  nginx = await startNginx(dist);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await nginx?.close();
});

/// Each distinct message once, with how often it came.
function distinct(list) {
  const counts = new Map();
  for (const m of list) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => (n > 1 ? `${m} (×${n})` : m));
}

/// What a page must not have done under the policy.
async function assertClean(page, { requests, consoleMessages, errors }, origin) {
  assert.deepEqual(distinct(await page.evaluate(() => window.__cspViolations)), [], 'no securitypolicyviolation event');
  assert.deepEqual(distinct(cspConsole(consoleMessages)), [], 'no Content Security Policy message in the console');
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), [], 'no request leaves the page origin');
  assert.deepEqual(distinct(errors), [], 'no console or page error');
}

test('nginx sends the CSP header, the wasm MIME type, and the offline file as a download', async () => {
  const page = await fetch(nginx.url);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-security-policy'), CSP);
  const html = await page.text();
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script in index.html');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style in index.html');
  const loader = html.match(/<script src="\.\/(loader-[0-9a-f]{16}\.js)" defer><\/script>/);
  assert.ok(loader, 'the loader is an external classic deferred script');
  assert.ok(fs.existsSync(`${dist}/${loader[1]}`));
  const wasm = fs.readdirSync(dist).find((n) => n.endsWith('_bg.wasm'));
  const w = await fetch(nginx.url + wasm, { method: 'HEAD' });
  assert.equal(w.headers.get('content-type'), 'application/wasm');
  const offline = await fetch(nginx.url + 'offline.html', { method: 'HEAD' });
  assert.equal(offline.status, 200);
  assert.match(offline.headers.get('content-disposition') ?? '', /^attachment/);
  assert.equal(offline.headers.get('content-security-policy'), CSP);
});

test('README "Hosting" shows the nginx configuration these tests run, compression included', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = readme.match(/```nginx\n([\s\S]*?)```/)[1];
  const template = fs.readFileSync(path.join(here, 'nginx.conf.template'), 'utf8');
  const tested = template.slice(template.indexOf('\n', template.indexOf('# ---- from here on')) + 1)
    .replace('listen 127.0.0.1:@PORT@;', 'listen 127.0.0.1:8080;')
    .replace('root "@DIST@";', 'root /srv/cq-explorer/dist;');
  assert.equal(block.slice(block.indexOf('    types {')), tested);
  assert.match(tested, /gzip_static on;/);
});

/// A GET of `url` as it goes over the wire: status, headers and the body still encoded.
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('nginx sends the wasm, JS and CSS gzip-compressed, the precompressed bytes of dist/', async () => {
  const names = fs.readdirSync(dist);
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const loaded = [
    names.find((n) => n.endsWith('_bg.wasm')),
    names.find((n) => /^cq-explorer-[0-9a-f]+\.js$/.test(n)),
    html.match(/src="\.\/(loader-[0-9a-f]+\.js)"/)[1],
    names.find((n) => /^style-[0-9a-f]+\.css$/.test(n)),
  ];
  let raw = 0;
  let wire = 0;
  for (const name of loaded) {
    assert.ok(name && fs.existsSync(path.join(dist, `${name}.gz`)), `cargo xtask build wrote ${name}.gz`);
    const file = fs.readFileSync(path.join(dist, name));
    const gz = fs.readFileSync(path.join(dist, `${name}.gz`));
    const res = await rawGet(nginx.url + name, { 'accept-encoding': 'gzip' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'gzip', `${name} is sent gzip-compressed`);
    assert.match(res.headers.vary ?? '', /Accept-Encoding/i, `${name}: caches keep the encodings apart`);
    assert.equal(res.headers['content-security-policy'], CSP, `${name} keeps the policy header`);
    assert.equal(res.body.length, gz.length, `${name}: the bytes sent are the precompressed ${name}.gz`);
    assert.ok(zlib.gunzipSync(res.body).equals(file), `${name} inflates to the file`);
    assert.ok(res.body.length < file.length * 0.6, `${name}: ${res.body.length} bytes sent for ${file.length}`);
    raw += file.length;
    wire += res.body.length;
    // A client that does not accept gzip gets the file as it is.
    const plain = await rawGet(nginx.url + name, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.length, file.length);
  }
  console.log(`first-load transfer through nginx: ${wire} bytes gzip for ${raw} bytes raw`);

  // And in the browser: the page loads, and what it received for the wasm is its .gz.
  const { page, context } = await openPage(browser);
  await page.goto(nginx.url);
  await page.waitForSelector('figure.chart svg rect');
  const sizes = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
    .map((e) => [e.name.split('/').pop(), [e.encodedBodySize, e.decodedBodySize]])));
  for (const name of loaded) {
    const gz = fs.statSync(path.join(dist, `${name}.gz`)).size;
    const file = fs.statSync(path.join(dist, name)).size;
    assert.deepEqual(sizes[name], [gz, file], `${name}: received ${gz} bytes, decoded to ${file}`);
  }
  await context.close();
});

test('under the strict CSP: every view and a source panel, with no violation', async () => {
  const opened = await openPage(browser);
  const { page, context } = opened;
  await recordCspViolations(page);
  const response = await page.goto(nginx.url);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the page really has the header');
  await page.waitForSelector('table.facts tbody tr');
  assert.ok(await page.evaluate(() => Array.isArray(window.__cspViolations)), 'the recorder is installed');
  for (const view of VIEWS) {
    await page.click(`button[data-view=${view}]`);
    assert.equal(await page.getAttribute(`button[data-view=${view}]`, 'aria-current'), 'page');
    if (view === 'sources') {
      await page.waitForSelector('article.source');
    } else {
      await page.waitForSelector('figure.chart svg rect');
    }
  }
  // A source panel, opened by keyboard from the comparison chart.
  await page.click('button[data-view=compare]');
  const hit = page.locator('rect.hit').first();
  await hit.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog.source-dialog[open]');
  assert.ok((await page.textContent('[data-testid=source-quote]')).length > 2, 'the panel shows its quote');
  await page.keyboard.press('Escape');
  await assertClean(page, opened, nginx.origin);
  await context.close();
});

test('under the strict CSP: an import runs in a worker from the page origin, started on the first import, with no violation', async () => {
  const fixtures = process.env.CQ_FIXTURES || path.join(here, 'artifacts/fixtures');
  const opened = await openPage(browser);
  const { page, context } = opened;
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await recordCspViolations(page);
  await page.goto(nginx.url);
  await page.waitForSelector('table.facts tbody tr');
  assert.deepEqual(workers, [], 'no worker at page load');
  await page.click('[data-testid=import-button]');
  await page.setInputFiles('#import-file', path.join(fixtures, 'valid.csv'));
  await page.click('[data-testid=import-confirm]');
  await page.waitForSelector('[data-testid=import-done]');
  assert.equal(workers.length, 1, 'one worker checked the file');
  assert.equal(new URL(workers[0]).origin, nginx.origin, 'the worker comes from the page origin');
  await assertClean(page, opened, nginx.origin);
  await context.close();
});

test('under the strict CSP: the embed mode, with no violation', async () => {
  const opened = await openPage(browser);
  const { page, context } = opened;
  await recordCspViolations(page);
  await page.goto(`${nginx.url}?embed=1&view=trend`);
  await page.waitForSelector('figure.chart svg rect');
  await assertClean(page, opened, nginx.origin);
  await context.close();
});

test('when the wasm cannot load, the loader shows a readable error, not a blank page', async () => {
  // A copy of dist/ without its wasm, served under the same policy.
  const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-broken-'));
  for (const n of fs.readdirSync(dist)) {
    // (its .gz and .br too: gzip_static would send the .gz in its place)
    if (!/\.wasm(\.gz|\.br)?$/.test(n) && fs.statSync(path.join(dist, n)).isFile()) fs.copyFileSync(path.join(dist, n), path.join(broken, n));
  }
  const server = await startNginx(broken);
  try {
    const { page, context } = await openPage(browser);
    await recordCspViolations(page);
    await page.goto(server.url);
    const panel = page.locator('#error-panel[role=alert]');
    await panel.waitFor({ timeout: 15000 });
    assert.match(await panel.textContent(), /无法启动/);
    assert.match(await panel.textContent(), /could not start/);
    assert.ok((await panel.locator('pre').textContent()).length > 0, 'the error text is shown');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'the panel itself passes the policy');
    await context.close();
  } finally {
    await server.close();
    fs.rmSync(broken, { recursive: true, force: true });
  }
});

test('a server that sends the wasm with another MIME type still gets a working page', async () => {
  // The loader compiles the wasm as it streams in, which a browser refuses unless it is
  // served as application/wasm; then the glue's own path (the bytes, then compile) runs.
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(dist, path.basename(name));
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' }[path.extname(file)];
    res.writeHead(200, { 'content-type': type ?? 'application/octet-stream', 'content-security-policy': CSP });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { page, context, errors } = await openPage(browser);
    const wasm = [];
    page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.headers()['content-type']); });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector('html[data-ready] figure.chart svg', { timeout: 20000 });
    assert.equal(await page.locator('#error-panel').count(), 0, 'no error panel');
    assert.ok(wasm.length >= 1 && wasm.every((t) => t === 'application/octet-stream'), `the wasm came as ${wasm}`);
    assert.deepEqual(errors.filter((e) => !/MIME|application\/wasm/i.test(e)), [], 'no other error');
    await context.close();
  } finally {
    await new Promise((r) => server.close(r));
  }
});
