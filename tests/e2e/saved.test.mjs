// A reader's saved copy of the served page, opened later from file:// with no network.
// "Save page as… → Webpage, complete" is simulated as Chrome does it: the rendered DOM,
// with every same-origin asset it links (loader, stylesheet, glue, wasm) copied into a
// folder beside it and the links pointed there. "Webpage, HTML only" is the DOM alone.
// Either way the page shows the snapshot once, never blank, and leads to offline.html.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serveDir, openPage, dist } from './support.mjs';

const rowsSel = 'table.facts tbody tr.fact';
const isLocal = (u) => u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:');

let browser;
let server;
let snapshot; // { html, rows, url }
const tempDirs = [];
const tempDir = (prefix) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
before(async () => {
  browser = await launch();
  server = await serveDir(dist);
  const { page, context } = await openPage(browser);
  await page.goto(server.url);
  await page.waitForSelector(rowsSel);
  snapshot = { html: await page.content(), rows: await page.locator(rowsSel).count(), url: page.url() };
  await context.close();
});
after(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/// "Webpage, complete": `src`/`href` of scripts, links and images that name a
/// same-origin file become `./saved_files/<name>`, and the files are copied there.
function saveComplete(html, pageUrl, dir) {
  const folder = path.join(dir, 'saved_files');
  fs.mkdirSync(folder);
  const origin = new URL(pageUrl).origin;
  const saved = [];
  const out = html.replace(/<(script|link|img)\b[^>]*>/gi, (tag) => tag.replace(
    /\s(src|href)="([^"]*)"/i,
    (attr, name, value) => {
      const url = new URL(value.replaceAll('&amp;', '&'), pageUrl);
      const file = decodeURIComponent(url.pathname).replace(/^\/+/, '');
      if (url.origin !== origin || !file || !fs.existsSync(path.join(dist, file))) return attr;
      fs.copyFileSync(path.join(dist, file), path.join(folder, path.basename(file)));
      saved.push(path.basename(file));
      return ` ${name}="./saved_files/${path.basename(file)}"`;
    },
  ));
  // Chrome marks a saved page with the address it came from.
  const mark = `<!-- saved from url=(${String(pageUrl.length).padStart(4, '0')})${pageUrl} -->\n`;
  return { html: mark + out, saved };
}

/// Opens `file` from file://, recording requests; resolves to the page and its records.
async function openFile(file) {
  const opened = await openPage(browser);
  await opened.page.goto(pathToFileURL(file).href);
  return opened;
}

test('"Webpage, complete" from file://: the snapshot once, a banner to offline.html, no network', async () => {
  const dir = tempDir('cq-saved-');
  const { html, saved } = saveComplete(snapshot.html, snapshot.url, dir);
  for (const kind of [/^loader-.*\.js$/, /^style-.*\.css$/, /^cq-explorer-[0-9a-f]+\.js$/, /_bg\.wasm$/]) {
    assert.ok(saved.some((n) => kind.test(n)), `saved ${kind}: ${saved.join(' ')}`);
  }
  const file = path.join(dir, '页面.html');
  fs.writeFileSync(file, html);
  const { page, context, requests } = await openFile(file);

  // Not blank: the rows of the snapshot are there and visible.
  await page.waitForSelector(rowsSel);
  assert.equal(await page.locator(rowsSel).count(), snapshot.rows);
  assert.ok(await page.locator(rowsSel).first().isVisible(), 'the rows are visible');
  // Once, not twice: the app did not start a second copy beside the snapshot.
  assert.equal(await page.locator('header.site-header').count(), 1);
  assert.equal(await page.locator('table.facts').count(), 1);
  assert.equal(await page.locator('h1').count(), 1);

  // The banner says what this is, in Chinese and English, and leads to offline.html.
  const banner = page.locator('#saved-copy-banner');
  await banner.waitFor();
  assert.ok(await banner.isVisible());
  const text = await banner.textContent();
  assert.match(text, /保存副本/);
  assert.match(text, /saved (copy|snapshot)/i);
  assert.match(text, /offline\.html/);
  const link = banner.locator('a');
  assert.ok(await link.isVisible());
  assert.match(await link.getAttribute('href'), /offline\.html$/);
  const first = await page.evaluate(() => document.body.firstElementChild.id);
  assert.equal(first, 'saved-copy-banner', 'the banner is at the top of the page');
  // The saved stylesheet applies (the banner is a styled notice, the table has its grid).
  const border = await banner.evaluate((e) => getComputedStyle(e).borderTopWidth);
  assert.notEqual(border, '0px', 'the saved stylesheet applies');

  assert.deepEqual(requests.filter((u) => !isLocal(u)), [], 'no network request from the saved copy');
  await context.close();
});

test('"Webpage, HTML only" from file://: the snapshot, not blank, with a link to offline.html', async () => {
  const dir = tempDir('cq-saved-html-');
  const file = path.join(dir, '页面.html');
  fs.writeFileSync(file, snapshot.html);
  const { page, context, requests } = await openFile(file);
  await page.waitForSelector(rowsSel);
  assert.equal(await page.locator(rowsSel).count(), snapshot.rows);
  assert.ok(await page.locator(rowsSel).first().isVisible(), 'the rows are visible');
  assert.equal(await page.locator('header.site-header').count(), 1);
  const offline = page.locator('a[href$="offline.html"]').filter({ visible: true });
  assert.ok(await offline.count() > 0, 'a visible link to offline.html');
  assert.deepEqual(requests.filter((u) => !isLocal(u)), [], 'no network request from the saved copy');
  await context.close();
});

test('"HTML only" as the served source (what some browsers save): points to offline.html', async () => {
  const source = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-source-'));
  const file = path.join(dir, 'page.html');
  fs.writeFileSync(file, source);
  const { page, context, requests } = await openPage(browser);
  await page.goto(pathToFileURL(file).href);
  const link = page.locator('a[href$="offline.html"]').first();
  assert.ok(await link.isVisible(), 'a visible link to the offline file');
  assert.match(await page.textContent('body'), /offline\.html/);
  assert.deepEqual(requests.filter((u) => /^https?:/.test(u)), [], 'no network');
  await context.close();
});

test('offline.html in a browser without DecompressionStream: says so in Chinese then English, not blank', async () => {
  const { page, context, requests } = await openPage(browser);
  await page.addInitScript(() => { delete window.DecompressionStream; });
  await page.goto(pathToFileURL(path.join(dist, 'offline.html')).href);
  const status = page.locator('.loading[role=status]');
  await page.waitForFunction(() => /DecompressionStream/.test(document.querySelector('.loading')?.textContent ?? ''));
  assert.ok(await status.isVisible(), 'the message is visible');
  const text = await status.textContent();
  const zh = text.search(/此浏览器无法解压/);
  const en = text.search(/This browser cannot unpack/);
  assert.ok(zh >= 0 && en > zh, `Chinese first, then English: ${text}`);
  assert.equal(await status.locator('span[lang=en]').count(), 1, 'the English part is marked lang="en"');
  assert.equal(await page.locator('table.facts').count(), 0, 'the app did not start');
  assert.deepEqual(requests.filter((u) => !isLocal(u)), [], 'no network');
  await context.close();
});

test('offline.html served with another character set (UTF-8 here): says so in Chinese then English, not garbage', async () => {
  const { page, context } = await openPage(browser);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + 'offline.html');
  const status = page.locator('.loading[role=status]');
  await page.waitForFunction(() => /text encoding/.test(document.querySelector('.loading')?.textContent ?? ''));
  const text = await status.textContent();
  const zh = text.search(/文字编码/);
  const en = text.search(/This file was read in another text encoding/);
  assert.ok(zh >= 0 && en > zh, `Chinese first, then English: ${text}`);
  assert.equal(await status.locator('span[lang=en]').count(), 1, 'the English part is marked lang="en"');
  assert.equal(await page.locator('table.facts').count(), 0, 'the app did not start');
  assert.equal(errors.length, 1, `only the bootstrap's own stop: ${errors}`);
  await context.close();
});
