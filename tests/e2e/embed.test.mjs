// The explorer embedded as a government portal would: a host page on another origin (a
// node server on another loopback port) holds an iframe of the nginx-served explorer in
// embed mode, and resizes it with the message listener README "Embedding" documents.
// The embedded page drops the chrome, shows the view of its URL, links to the full
// explorer, and reports its height whenever it changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { launch, startNginx, openPage, cspConsole, dist, root, portalPage } from './support.mjs';

const dataDir = path.join(root, 'static/data');
const facts = fs.readdirSync(path.join(dataDir, 'facts')).filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dataDir, 'facts', f), 'utf8')));
const districts = JSON.parse(fs.readFileSync(path.join(dataDir, 'districts.json'), 'utf8'));
const factById = new Map(facts.map((f) => [f.id, f]));
const CHOSEN = ['500155', '500102'];
for (const id of CHOSEN) assert.ok(districts.some((d) => d.id === id), `district ${id} is in districts.json`);
const QUERY = `embed=1&view=compare&d=${CHOSEN.join(',')}`;


let browser;
let nginx;
let host;
before(async () => {
  nginx = await startNginx(dist);
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(portalPage(`${nginx.url}?${QUERY}`));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  host = { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
  assert.notEqual(new URL(host.url).origin, nginx.origin, 'the portal is another origin');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.close();
  await nginx?.close();
});

const WAIT = { timeout: 15000 };
const rowsSel = 'table.facts tbody tr.fact';

/// The portal page with the explorer loaded in its iframe.
async function openPortal() {
  const opened = await openPage(browser, { width: 1280, height: 800 });
  const { page } = opened;
  const frameRequests = [];
  page.on('request', (r) => { if (r.frame() !== page.mainFrame()) frameRequests.push(r.url()); });
  await page.goto(host.url);
  const frame = await (await page.waitForSelector('#cq-explorer')).contentFrame();
  await frame.waitForSelector('figure[data-testid=comparison-chart]', WAIT);
  return { ...opened, frame, frameRequests };
}

const iframeHeight = (page) => page.$eval('#cq-explorer', (f) => f.style.height);
const documentHeight = (frame) => frame.evaluate(() => document.documentElement.scrollHeight);

/// Waits (bounded) until the host has set the iframe to the height the embedded document
/// now has (to the pixel: rounding may differ by one), and checks the iframe really is
/// that tall, with nothing left to scroll inside it.
async function heightFollows(page, frame) {
  const h = await documentHeight(frame);
  await page.waitForFunction(
    (h) => Math.abs(parseFloat(document.getElementById('cq-explorer').style.height) - h) <= 1, h, WAIT);
  const box = await page.locator('#cq-explorer').boundingBox();
  assert.ok(Math.abs(box.height - h) <= 1, `the iframe is ${box.height}px tall for a ${h}px document`);
  const inside = await frame.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  assert.ok(inside <= 1, `nothing to scroll inside the iframe (${inside}px)`);
  return parseFloat(await iframeHeight(page));
}

test('a portal on another origin embeds a view: no chrome, the URL\'s view, a link to the full explorer', async () => {
  const { page, context, frame, frameRequests, errors } = await openPortal();
  assert.equal(await frame.locator('header.site-header').count(), 0, 'embed mode drops the page header');
  assert.equal(await frame.locator('footer.site-footer').count(), 0, 'and the footer');

  // "Open in full explorer": the same URL without embed=1, outside the iframe.
  const link = frame.locator('a.open-full');
  assert.equal(await link.count(), 1);
  assert.ok(await link.isVisible());
  assert.ok(['_blank', '_top'].includes(await link.getAttribute('target')), 'opens in a new tab or the top window');
  const full = new URL(await link.getAttribute('href'), frame.url());
  const src = new URL(`${nginx.url}?${QUERY}`);
  assert.equal(full.origin + full.pathname, src.origin + src.pathname);
  // The same state: the same parameters but embed, a list as a set, a default left out.
  const state = (u) => {
    const p = Object.fromEntries(u.searchParams);
    return { ...p, view: p.view ?? 'compare', d: new Set(p.d?.split(',')), embed: p.embed ?? '0' };
  };
  assert.deepEqual(state(full), { ...state(src), embed: '0' }, `the same view without embed: ${full.search}`);

  // The view of the URL: the comparison of the two districts only.
  for (const id of CHOSEN) {
    const box = frame.locator(`#district-${id}`);
    if (await box.count()) assert.ok(await box.isChecked(), `district ${id} is checked`);
  }
  const ids = await frame.$$eval(rowsSel, (rs) => rs.map((r) => r.dataset.fact));
  assert.ok(ids.length > 0, 'the table lists figures');
  assert.ok(ids.every((id) => CHOSEN.includes(factById.get(id).district)), 'only the chosen districts');
  // Every figure of the two is listed, a page at a time.
  const status = await frame.locator('nav.pager .status').textContent();
  const chosenFacts = [...factById.values()].filter((f) => CHOSEN.includes(f.district)).length;
  assert.equal(Number(status.match(/共 (\d+) 条/)[1]), chosenFacts, `all the figures of both districts: ${status}`);
  const labels = await frame.locator('figure[data-testid=comparison-chart] svg text').allTextContents();
  for (const d of districts.filter((d) => !CHOSEN.includes(d.id))) {
    assert.ok(!labels.includes(d.name_zh), `${d.name_zh} is not drawn`);
  }

  // The explorer's own requests stay on its origin; it reports its height on load.
  assert.deepEqual(frameRequests.filter((u) => new URL(u).origin !== nginx.origin), [], 'the iframe only asks its own origin');
  await page.waitForFunction(() => window.heightMessages.length > 0, null, WAIT);
  const [first] = await page.evaluate(() => window.heightMessages);
  assert.equal(first.origin, nginx.origin);
  assert.equal(first.data.version, 1);
  assert.ok(Number.isInteger(first.data.height) && first.data.height > 200, JSON.stringify(first.data));
  await heightFollows(page, frame);
  // (CSP violations are csp.test.mjs's concern.)
  assert.deepEqual(errors.filter((e) => !cspConsole([e]).length), []);
  await context.close();
});

test('the iframe grows with a filter that adds rows', async () => {
  const { page, context, frame } = await openPortal();
  // Narrow to one figure first, then widen again: more rows, a taller page.
  const fact = facts.find((f) => f.district === CHOSEN[0]);
  await frame.fill('#f-search', fact.quote);
  await frame.waitForFunction((sel) => document.querySelectorAll(sel).length <= 3, rowsSel, WAIT);
  const start = await heightFollows(page, frame);
  const rowsBefore = await frame.locator(rowsSel).count();
  await frame.fill('#f-search', '');
  await frame.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [rowsSel, rowsBefore], WAIT);
  await page.waitForFunction((h) => document.getElementById('cq-explorer').style.height !== `${h}px`, start, WAIT);
  const end = await heightFollows(page, frame);
  assert.ok(end > start, `taller: ${start}px → ${end}px`);
  await context.close();
});

test('the iframe shrinks with a search that leaves fewer rows', async () => {
  const { page, context, frame } = await openPortal();
  const start = await heightFollows(page, frame);
  const rowsBefore = await frame.locator(rowsSel).count();
  const fact = facts.find((f) => f.district === CHOSEN[0]);
  await frame.fill('#f-search', fact.quote);
  await frame.waitForFunction((n) => document.querySelectorAll('table.facts tbody tr.fact').length < n, rowsBefore, WAIT);
  const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  assert.ok(content < start, `the content got shorter: ${start}px → ${content}px`);
  await page.waitForFunction((h) => document.getElementById('cq-explorer').style.height !== `${h}px`, start, WAIT)
    .catch((e) => {
      // documentElement.scrollHeight is never less than the viewport (the iframe's
      // height), so a measure of the content itself must be reported for it to shrink.
      throw new Error(`the iframe stays ${start}px for ${content}px of content (${e.message})`);
    });
  const end = await heightFollows(page, frame);
  assert.ok(end < start, `shorter: ${start}px → ${end}px`);
  await context.close();
});
