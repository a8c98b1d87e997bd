// Every view state lives in the URL: a copied link reproduces the view in a new tab,
// back and forward walk through changes, and a broken link applies what it can and
// says, in a dismissible notice, what it ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dist, loadData, openPage, rowIds, useBrowser } from './support.mjs';

const env = useBrowser();

const activeView = (page) => page.getAttribute('button[aria-current=page]', 'data-view');

test('a copied link reproduces the view in a new tab', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  assert.equal(new URL(page.url()).search, '', 'the default view has a clean URL');
  await page.check('#district-500155');
  const indicator = await page.locator('#f-indicator option').nth(1).getAttribute('value');
  await page.selectOption('#f-indicator', indicator);
  await page.locator('th', { hasText: '数值' }).locator('button').click();
  await page.selectOption('#theme', 'dark');
  // The address is written once the change is painted: wait for the last one.
  await page.waitForURL(/theme=dark/);
  const link = page.url();
  const rows = await rowIds(page);
  assert.match(link, /d=500155/);
  assert.match(link, new RegExp(`ind=${indicator}`));
  assert.match(link, /sort=value/);
  assert.match(link, /theme=dark/);

  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.waitForSelector('table.facts tbody tr');
  assert.deepEqual(await rowIds(fresh), rows, 'same rows in the same order');
  assert.equal(await fresh.isChecked('#district-500155'), true);
  assert.equal(await fresh.inputValue('#f-indicator'), indicator);
  assert.equal(await fresh.getAttribute('html', 'class'), 'theme-dark');
  assert.equal(await fresh.locator('[data-testid=url-notice]').count(), 0, 'a good link raises no notice');
  await context.close();
});

test('a link to an indicator shows it in the filter from the first paint, then every choice', async () => {
  const { page, context } = await openPage(env.browser);
  // The indicator with figures in the most districts: its chart is drawn.
  const { facts } = loadData();
  const districtsOf = (id) => new Set(facts.filter((f) => f.indicator === id).map((f) => f.district)).size;
  const chosen = [...new Set(facts.map((f) => f.indicator))].sort((a, b) => districtsOf(b) - districtsOf(a))[0];
  // What the indicator filter holds when the first chart enters the page (the first
  // render, before the options a reader cannot see yet are drawn).
  await context.addInitScript(() => {
    new MutationObserver((_, mo) => {
      const select = document.querySelector('#f-indicator');
      if (select && document.querySelector('figure.chart svg')) {
        window.__atFirstChart = { value: select.value, options: select.options.length };
        mo.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(`${env.server.url}?ind=${chosen}`);
  await page.waitForSelector('table.facts tbody tr');
  const first = await page.evaluate(() => window.__atFirstChart);
  assert.equal(first.value, chosen, 'the linked indicator is shown from the first render');
  const choices = await page.locator('#f-indicator option').count();
  assert.ok(choices > first.options, `every choice is there once the page is up (${choices}, first ${first.options})`);
  assert.equal(await page.inputValue('#f-indicator'), chosen, 'and the linked one is still chosen');
  await context.close();
});

test('back and forward walk through view and filter changes', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await page.click('button[data-view=trend]');
  await page.click('button[data-view=targets]');
  await page.check('#district-500102');
  await page.waitForURL(/view=targets&d=500102/);
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#district-500102')?.checked);
  assert.equal(await activeView(page), 'targets');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('button[aria-current=page]')?.dataset.view === 'trend');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('button[aria-current=page]')?.dataset.view === 'compare');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('button[aria-current=page]')?.dataset.view === 'trend');
  await context.close();
});

test('a malformed link applies its valid part and says what it ignored', async () => {
  const { page, context, errors } = await openPage(env.browser);
  const junk = 'x'.repeat(5000);
  await page.goto(`${env.server.url}?view=profile&p=500110&d=999999&year=abc&sort=%FF&kind=<script>&old_param=1&q=${junk}`);
  await page.waitForSelector('[data-testid=url-notice]');
  assert.equal(await activeView(page), 'profile', 'the valid view applies');
  assert.match(await page.textContent('#profile-heading'), /綦江区/, 'the valid district applies');
  const notice = await page.textContent('[data-testid=url-notice]');
  assert.match(notice, /5 处/, 'every problem is counted');
  for (const bad of ['999999', 'abc']) assert.ok(notice.includes(bad), `the notice names ${bad}: ${notice}`);
  assert.ok(!notice.includes('old_param'), 'unknown parameters are ignored silently');
  assert.equal(await page.locator('script:not([src])', { hasText: 'alert' }).count(), 0);
  await page.click('[data-testid=url-notice] button');
  assert.equal(await page.locator('[data-testid=url-notice]').count(), 0, 'the notice can be dismissed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing a search updates the link without a history entry per key', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  await page.click('button[data-view=trend]');
  const before = await page.evaluate(() => history.length);
  await page.type('#f-search', '高新技术', { delay: 10 });
  await page.waitForFunction(() => decodeURIComponent(location.search).includes('q=高新技术'));
  assert.ok(await page.evaluate(() => history.length) <= before + 1, 'at most one entry for the whole word');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('button[aria-current=page]')?.dataset.view === 'compare');
  await context.close();
});

test('an English browser opens in English, and a switch to Chinese survives a reload', async () => {
  const { page, context } = await openPage(env.browser, { width: 1280, height: 900 }, 'en-US');
  await page.goto(env.server.url);
  await page.waitForSelector('table.facts tbody tr');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.waitForFunction(() => location.search.includes('lang=zh'));
  await page.reload();
  await page.waitForSelector('table.facts tbody tr');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.textContent('h1'), /重庆区县工业发展数据浏览器/);
  await context.close();
});
