// The reader's language everywhere (issue 12): the visible text of every view and every
// dialog, with every collapsed section, row and menu open. In Chinese, no run of three or
// more Latin words outside file names, units and codes; in English, no Chinese outside
// names and quotes (text marked lang="zh-CN", and article words quoted inside an English
// sentence).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './support.mjs';

const env = useBrowser();
const VIEWS = ['compare', 'profile', 'trend', 'targets', 'breakdown', 'sources'];

/// Text nodes the reader can see, each with the language it is marked in.
function visibleTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script, style, code, textarea, .print-only, [aria-hidden=true] title')) continue;
      if (!(el.checkVisibility?.({ visibilityProperty: true }) ?? true)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0 && !el.closest('svg')) continue;
      out.push({ text, lang: el.closest('[lang]')?.getAttribute('lang') ?? '' });
    }
    // Attributes a reader meets: placeholders and the names of focusable chart bars.
    for (const el of document.querySelectorAll('[placeholder], rect.hit[aria-label]')) {
      if (!(el.checkVisibility?.() ?? true)) continue;
      out.push({ text: el.getAttribute('placeholder') ?? el.getAttribute('aria-label'), lang: el.closest('[lang]')?.getAttribute('lang') ?? '', attr: true });
    }
    return out;
  });
}

const CJK = /[\u3400-\u9fff]/;
/// Three Latin words in a row, joined only by spaces and punctuation.
const LATIN_RUN = /[A-Za-z]+(?:[\s,.;:()'’\-/&]+[A-Za-z]+){2,}/;

function problems(texts, lang) {
  const bad = [];
  for (const { text, lang: marked, attr } of texts) {
    if (lang === 'zh') {
      // Even text marked as English counts: a Chinese reader cannot read it.
      if (LATIN_RUN.test(text)) bad.push(text);
    } else {
      if (marked.startsWith('zh')) continue; // headlines and quotes as printed
      // Chinese in quotation marks, or as a term inside an English sentence, is an
      // article's own words; any other Chinese is untranslated (the search example
      // excepted: it shows a name to type).
      // An English name may gloss itself with the Chinese term: "innovative (专精特新) SMEs".
      const unquoted = text.replace(/“[^”]*”|《[^》]*》|"[^"]*"|‘[^’]*’/g, '').replace(/([A-Za-z])\s*[（(][\u3400-\u9fff]+[)）]/g, '$1');
      if (CJK.test(unquoted) && !LATIN_RUN.test(text) && !attr) bad.push(text);
    }
  }
  return [...new Set(bad)];
}

/// Opens what the view hides: collapsed sections and the first rows' quotes.
async function openEverything(page) {
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  const expand = page.locator('table.facts button.expand[aria-expanded=false]');
  for (let i = 0; i < 12 && await expand.count() > 0; i++) await expand.first().click();
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
}

for (const lang of ['zh', 'en']) {
  test(`every view and dialog speaks ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
    const found = {};
    const note = (where, texts) => {
      const p = problems(texts, lang);
      if (p.length) found[where] = p.slice(0, 8);
    };
    const { page, context } = await openPage(env.browser, { width: 1280, height: 900 }, lang === 'en' ? 'en-US' : 'zh-CN');
    for (const view of VIEWS) {
      await page.goto(`${env.server.url}?view=${view}&lang=${lang}`);
      await page.waitForSelector(view === 'sources' ? 'article.source' : 'figure.chart');
      await openEverything(page);
      note(view, await visibleTexts(page));
    }
    // The source dialog of a figure whose year is inferred (its note shows), and of a rank.
    await page.goto(`${env.server.url}?view=profile&lang=${lang}`);
    await page.waitForSelector('figure.chart');
    for (const n of [0, 3]) {
      await page.locator('rect.hit').nth(n).focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('dialog.source-dialog[open]');
      note(`source dialog ${n}`, await visibleTexts(page));
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog.source-dialog[open]', { state: 'detached' });
    }
    for (const id of ['embed-button', 'import-button']) {
      await page.click(`[data-testid=${id}]`);
      await page.waitForSelector('dialog[open]');
      note(id, await visibleTexts(page));
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog[open]', { state: 'detached' });
    }
    await context.close();
    // On a phone: the More menu and the filter drawer.
    const phone = await openPage(env.browser, { width: 360, height: 740 }, lang === 'en' ? 'en-US' : 'zh-CN');
    await phone.page.goto(`${env.server.url}?lang=${lang}`);
    await phone.page.waitForSelector('figure.chart');
    await phone.page.click('[data-testid=more-button]');
    note('more menu', await visibleTexts(phone.page));
    await phone.page.keyboard.press('Escape');
    await phone.page.click('[data-testid=filter-button]');
    await phone.page.waitForSelector('dialog.filter-drawer[open]');
    note('filter drawer', await visibleTexts(phone.page));
    await phone.context.close();
    assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
  });
}

test('the scan catches a sentence in the wrong language', () => {
  assert.deepEqual(problems([{ text: 'year inferred from the date', lang: '' }], 'zh'), ['year inferred from the date']);
  assert.deepEqual(problems([{ text: '下载 CSV', lang: '' }, { text: '单位：GWh', lang: '' }], 'zh'), []);
  assert.deepEqual(problems([{ text: '年份系推断', lang: '' }, { text: 'No. 2 (区县)', lang: '' }], 'en'), ['年份系推断', 'No. 2 (区县)']);
  assert.deepEqual(problems([{ text: 'printed as “截至目前”', lang: '' }, { text: 'innovative (专精特新) SMEs', lang: '' }], 'en'), []);
  assert.deepEqual(problems([{ text: '今年 = 2025 (article c. Nov 2025)', lang: '' }, { text: '《涪陵》', lang: 'zh-CN' }], 'en'), []);
});
