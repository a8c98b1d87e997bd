import { dist, launch, openPage, serveDir } from './support.mjs';
// node shot.tmp.mjs QUERY WIDTH OUTPREFIX [segmentHeight] [maxSegments] [action]
const [,, query, width, out, seg = '1400', max = '3', action = ''] = process.argv;
const browser = await launch(); const server = await serveDir(dist);
const { page, errors } = await openPage(browser, { width: +width, height: +width <= 414 ? 740 : 900 });
await page.goto(server.url + query);
await page.waitForSelector('html[data-ready]', { state: 'attached' });
if (action) await eval(`(async () => { ${action} })()`);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
for (let i = 0; i < +max && i * +seg < h; i++) {
  await page.screenshot({ path: `${out}-${i}.png`, fullPage: true, clip: { x: 0, y: i * +seg, width: +width, height: Math.min(+seg, h - i * +seg) } });
}
console.log('height', h, errors);
await browser.close(); await server.close();
