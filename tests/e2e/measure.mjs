// Measures each view's page height at 360 and 1280 px and the y of the first chart at
// 360 px (the issue-12 figures). Usage: node measure.mjs [label]; prints a table and
// writes artifacts/heights-<label>.json and full-page screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { dist, here, launch, openPage, serveDir } from './support.mjs';

const label = process.argv[2] || 'now';
const VIEWS = ['compare', 'profile', 'trend', 'targets', 'breakdown', 'sources', 'map'];
const out = path.join(here, 'artifacts');
fs.mkdirSync(out, { recursive: true });
const browser = await launch();
const server = await serveDir(dist);
const rows = [];
try {
  for (const lang of ['zh', 'en']) {
    for (const width of [360, 1280]) {
      const { page, context } = await openPage(browser, { width, height: width === 360 ? 740 : 900 }, lang === 'zh' ? 'zh-CN' : 'en-US');
      for (const view of VIEWS) {
        await page.goto(`${server.url}?view=${view}&lang=${lang}`);
        await page.waitForSelector('html[data-ready]');
        await page.waitForSelector('main');
        // Charts come one per frame (ui/more.rs): measure once ten frames pass.
        await page.evaluate(async () => { for (let i = 0; i < 10; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); });
        const m = await page.evaluate(() => {
          const fig = document.querySelector('main figure.chart');
          return {
            height: document.documentElement.scrollHeight,
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            firstChartY: fig ? Math.round(fig.getBoundingClientRect().top + window.scrollY) : null,
            charts: document.querySelectorAll('main figure.chart').length,
          };
        });
        rows.push({ lang, width, view, ...m });
        if (lang === 'zh' || width === 360) await page.screenshot({ path: path.join(out, `${label}-${lang}-${view}-${width}.png`), fullPage: width === 360 ? false : false });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
fs.writeFileSync(path.join(out, `heights-${label}.json`), JSON.stringify(rows, null, 1));
for (const r of rows) console.log(`${r.lang} ${String(r.width).padStart(4)} ${r.view.padEnd(10)} height ${String(r.height).padStart(6)} firstChartY ${r.firstChartY} charts ${r.charts} overflow ${r.overflow}`);
