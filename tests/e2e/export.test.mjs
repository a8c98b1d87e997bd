// Exports a reader can open: the filtered, sorted table as CSV (BOM, RFC 4180) and
// JSON, the chart as SVG and PNG with title and sources inside, a citation on the
// clipboard; and downloads from the file:// offline copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dist, loadData, openPage, root, rowIds, useBrowser } from './support.mjs';

const { facts } = loadData();
const byId = new Map(facts.map((f) => [f.id, f]));

const env = useBrowser();

/// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; records end in CRLF.
function parseCsv(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
    else field += c;
  }
  if (field || record.length) { record.push(field); records.push(record); }
  return records;
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}


test('the filtered, sorted table downloads as CSV with a BOM and as JSON', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await page.check('#district-500110');
  await page.locator('th', { hasText: '数值' }).locator('button').click();
  await page.locator('th', { hasText: '数值' }).locator('button').click();
  const ids = await rowIds(page);

  const csv = await download(page, '[data-testid=download-csv] >> nth=0');
  assert.match(csv.name, /\.csv$/);
  assert.match(csv.name, /綦江区/, `the file name says what it holds: ${csv.name}`);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const text = csv.bytes.toString('utf8').slice(1);
  assert.ok(text.includes('\r\n'), 'CRLF line ends');
  const [header, ...records] = parseCsv(text);
  assert.equal(records.length, ids.length, 'one record per table row');
  const idCol = 0;
  const quoteCol = header.findIndex((h) => h === '原文引述');
  assert.ok(quoteCol >= 0, `a quote column: ${header}`);
  assert.deepEqual(records.map((r) => r[idCol]), ids, 'same order as the table');
  for (const r of records) assert.equal(r[quoteCol], byId.get(r[idCol]).quote);
  for (const r of records) for (const cell of r) assert.doesNotMatch(cell, /^[=+@\t\r]/, 'no live formula');

  const json = await download(page, '[data-testid=download-json] >> nth=0');
  assert.match(json.name, /\.json$/);
  const doc = JSON.parse(json.bytes.toString('utf8'));
  assert.deepEqual(doc.facts.map((f) => f.id), ids);
  assert.equal(doc.facts[0].quote, byId.get(ids[0]).quote);
  await context.close();
});

test('the chart downloads as SVG and PNG with its title and sources inside', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('figure.chart');
  const svg = await download(page, '[data-testid=download-svg] >> nth=0');
  assert.match(svg.name, /\.svg$/);
  const markup = svg.bytes.toString('utf8');
  assert.match(markup, /^<svg/);
  const title = await page.locator('figure.chart .chart-stack svg text').first().textContent();
  assert.ok(markup.includes(title.trim()), 'the title is in the image');
  assert.match(markup, /来源：《/, 'the sources line is in the image');
  assert.match(markup, /单位/, 'the unit is in the image');

  const png = await download(page, '[data-testid=download-png] >> nth=0');
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
  const width = png.bytes.readUInt32BE(16);
  assert.equal(width, 1920, 'drawn at twice the 960 px export width');
  // Chinese title text must be drawn: the title band has dark pixels, not just background.
  const ink = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = 60;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 1] < 100 && d[i + 2] < 100) dark++;
    return dark;
  }, png.bytes.toString('base64'));
  assert.ok(ink > 500, `the PNG's title band holds text (${ink} dark pixels)`);
  await context.close();
});

test('a citation of a figure goes to the clipboard with article, date and link', async () => {
  const { page, context } = await openPage(env.browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
  await page.goto(`${env.server.url}?view=profile&p=500102`);
  await page.click('.headline button.card >> nth=0');
  await page.waitForSelector('dialog[open] [data-testid=copy-citation]');
  await page.click('[data-testid=copy-citation]');
  await page.waitForFunction(() => document.querySelector('dialog[open] .status')?.textContent.length > 0);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, await page.textContent('[data-testid=citation]'));
  assert.match(clip, /《涪陵/, 'names the article');
  assert.match(clip, /2024年3月/, 'gives its date');
  assert.ok(clip.includes(env.server.url.replace(/\/$/, '')), 'links the explorer');
  await context.close();
});

test('downloads work from the file:// offline copy too', async () => {
  const { page, context, requests } = await openPage(env.browser);
  await page.goto(pathToFileURL(path.join(dist, 'offline.html')).href);
  await page.waitForSelector('table.facts tbody tr');
  const csv = await download(page, '[data-testid=download-csv] >> nth=0');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(parseCsv(csv.bytes.toString('utf8').slice(1)).length - 1, facts.length);
  const png = await download(page, '[data-testid=download-png] >> nth=0');
  assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  assert.deepEqual(requests.filter((u) => /^https?:/.test(u)), [], 'no network');
  await context.close();
});
