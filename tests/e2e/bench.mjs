// The browser half of `cargo xtask bench` (xtask/src/bench.rs): load times and
// interaction latency of the served dist/ in headless Chromium, and memory (the peak
// seen, and what the page holds after a full garbage collection), at three data sizes. Not a test (no *.test.mjs, so `node --test` skips it) and it asserts no
// time: it prints one line `BENCH_RESULT {json}` on stdout (and writes the JSON to
// $BENCH_OUT when set) for the Rust side to turn into BENCHMARKS.md.
//
//   node bench.mjs                      # dist/ and artifacts/fixtures/ as the tests use
//   CQ_DIST=… CQ_FIXTURES=… BENCH_LOADS=21 BENCH_CHANGES=32 BENCH_IMPORTS=5 BENCH_OUT=… node bench.mjs
//
// Every wait is bounded; a measurement that fails is reported with its error and the
// rest still runs. A watchdog prints what was measured so far and exits after
// $BENCH_TIMEOUT_S (default 900 s).
import fs from 'node:fs';
import path from 'node:path';
import { serveDir, dist, root, here, launch as launchChromium } from './support.mjs';

const fixtures = process.env.CQ_FIXTURES || path.join(here, 'artifacts/fixtures');
// Enough fresh loads for a steady median: load times here come in two clusters.
const LOADS = Math.max(7, Number(process.env.BENCH_LOADS || 21));
// Even, so that district toggles end where they started.
const CHANGES = Math.max(30, Number(process.env.BENCH_CHANGES || 32));
// Imports per imported size (fresh pages but the last): the import figures are medians.
const IMPORTS = Math.max(1, Number(process.env.BENCH_IMPORTS || 5));
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S || 900);
const SIZES = (process.env.BENCH_SIZES || 'embedded,10000,100000').split(',').map((s) => s.trim()).filter(Boolean);
const INTERACTIONS = (process.env.BENCH_INTERACTIONS || 'indicator,district,search,sort').split(',').map((s) => s.trim()).filter(Boolean);
const VIEWPORT = { width: 1280, height: 900 };
/// The loads again at a phone's width: most readers open the page on a phone.
const PHONE = { width: 360, height: 740 };

const dataDir = path.join(root, 'static/data');
const embeddedFigures = fs.readdirSync(path.join(dataDir, 'facts')).filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dataDir, 'facts', f), 'utf8'))).length;

const result = {
  started: new Date().toISOString(),
  chromium: null,
  node: process.version,
  view: 'compare',
  viewport: VIEWPORT,
  loads: null,
  loads_phone: null,
  sizes: {},
  errors: [],
};

function emit() {
  const json = JSON.stringify(result);
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, json);
  process.stdout.write(`BENCH_RESULT ${json}\n`);
}

const log = (...a) => process.stderr.write(`bench: ${a.join(' ')}\n`);

const watchdog = setTimeout(() => {
  result.errors.push(`watchdog: the benchmark did not finish in ${TIMEOUT_S} s; partial results`);
  emit();
  process.exit(3);
}, TIMEOUT_S * 1000);

/// The tests' Chromium plus precise memory figures for `performance.memory`.
const launch = () => launchChromium(['--enable-precise-memory-info']);

const percentile = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p % of the samples at or below it.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 2) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const stats = (xs) => ({
  n: xs.length,
  p50: round(percentile(xs, 50)),
  p95: round(percentile(xs, 95)),
  median: round(median(xs)),
  min: round(Math.min(...xs)),
  max: round(Math.max(...xs)),
  samples: xs.map((x) => round(x)),
});

/// Runs `f`, recording its error instead of throwing.
async function attempt(what, f) {
  try {
    return await f();
  } catch (e) {
    const msg = `${what}: ${String(e?.message || e).split('\n').slice(0, 3).join(' ')}`;
    log(`FAILED ${msg}`);
    result.errors.push(msg);
    return { error: msg };
  }
}

// ---------------------------------------------------------------------------------
// Loads: time from navigation (performance.timeOrigin) to the first chart in the DOM,
// to the frame that paints it, and to <html data-ready> (interactive).

function loadProbe() {
  const marks = { firstChart: null, firstChartFrame: null, interactive: null, appStarted: null };
  window.__benchLoad = marks;
  // The loader dispatches this once the wasm is instantiated and its start function ran.
  addEventListener('TrunkApplicationStarted', () => { marks.appStarted = performance.now(); });
  const check = () => {
    const now = performance.now();
    if (marks.firstChart === null && document.querySelector('figure.chart svg')) {
      marks.firstChart = now;
      requestAnimationFrame(() => { marks.firstChartFrame = performance.now(); });
    }
    if (marks.interactive === null && document.documentElement?.hasAttribute('data-ready')) {
      marks.interactive = now;
    }
    if (marks.firstChart !== null && marks.interactive !== null) mo.disconnect();
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { subtree: true, childList: true, attributes: true });
}

async function oneLoad(browser, url, viewport) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  try {
    await context.addInitScript(loadProbe);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'commit', timeout: 30000 });
    await page.waitForFunction(() => {
      const m = window.__benchLoad;
      return m && m.firstChart !== null && m.firstChartFrame !== null && m.interactive !== null;
    }, null, { timeout: 30000, polling: 50 });
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        ...window.__benchLoad,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        loadEvent: nav?.loadEventEnd || null,
        firstContentfulPaint: fcp?.startTime ?? null,
        wasmLoaded: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.responseEnd ?? null,
        transferred: performance.getEntriesByType('resource')
          .reduce((s, r) => s + (r.transferSize || 0), nav?.transferSize || 0),
      };
    });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { marks, requests };
  } finally {
    await context.close();
  }
}

async function measureLoads(browser, url, viewport) {
  // One load first, not counted: the browser's first page pays for starting its
  // renderer process and compiling its own code, which no reader's load does twice.
  const warm = await oneLoad(browser, url, viewport);
  const origin = new URL(url).origin;
  const requested = warm.requests.filter((u) => u.startsWith(origin))
    .map((u) => new URL(u).pathname.replace(/^\/+/, '') || 'index.html');
  const other = warm.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
  const runs = [];
  for (let i = 0; i < LOADS; i++) {
    const { marks } = await oneLoad(browser, url, viewport);
    runs.push(marks);
    log(`load ${i + 1}/${LOADS} at ${viewport.width} px: first chart ${marks.firstChart.toFixed(1)} ms, interactive ${marks.interactive.toFixed(1)} ms`);
  }
  const pick = (k) => runs.map((r) => r[k]).filter((x) => typeof x === 'number');
  return {
    viewport,
    runs: runs.length,
    warmup_discarded: 1,
    cache: 'fresh browser context per load, HTTP cache disabled',
    wasm_loaded_ms: stats(pick('wasmLoaded')),
    app_started_ms: stats(pick('appStarted')),
    first_chart_ms: stats(pick('firstChart')),
    first_chart_frame_ms: stats(pick('firstChartFrame')),
    interactive_ms: stats(pick('interactive')),
    first_contentful_paint_ms: stats(pick('firstContentfulPaint')),
    dom_content_loaded_ms: stats(pick('domContentLoaded')),
    load_event_ms: stats(pick('loadEvent')),
    requested,
    other_origin_requests: other,
  };
}

// ---------------------------------------------------------------------------------
// Interactions, measured inside the page: t0 right before the DOM event is dispatched;
// a MutationObserver on <body> notes the time of every mutation; the change has
// settled after two animation frames in a row with no new mutation. Latency = last
// mutation − t0 (first frame − t0 if nothing changed). "Next paint" is the first task
// after the frame that followed the last mutation (≈ when that frame was painted).

function installHarness() {
  const raf = () => new Promise((r) => requestAnimationFrame(r));
  const afterFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
  window.__bench = {
    // One change of each interaction, run in the page as the `act` of `measure`.
    actions: {
      // The next value of the indicator list, cycling (the "all" option included).
      indicator: (i) => {
        const sel = document.querySelector('#f-indicator');
        const values = [...sel.options].map((o) => o.value);
        const at = values.indexOf(sel.value);
        sel.value = values[(at + 1 + values.length) % values.length];
        sel.dispatchEvent(new Event('change', { bubbles: true }));
        return sel.value;
      },
      district: (i, codes) => {
        const box = document.querySelector(`#district-${codes[i % codes.length]}`);
        box.click(); // toggles it and fires input and change
        return `${box.id}=${box.checked}`;
      },
      // Typing a word one character at a time, then clearing the box: each is one change.
      search: (i, _codes, keys) => {
        const input = document.querySelector('#f-search');
        const key = keys[i];
        const value = key === null ? '' : input.value + key;
        input.value = value;
        input.dispatchEvent(new InputEvent('input', {
          bubbles: true,
          inputType: key === null ? 'deleteContentBackward' : 'insertText',
          data: key,
        }));
        return value;
      },
      sort: (i) => {
        const buttons = document.querySelectorAll('th button.sort');
        const b = buttons[i % buttons.length];
        b.click();
        return b.textContent;
      },
    },
    async measure(act, limitMs = 20000) {
      let last = null;
      let count = 0;
      const mo = new MutationObserver((records) => { last = performance.now(); count += records.length; });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      // Start in a task of its own just after a frame was painted, as a click or a key
      // press arrives, on a quiet page.
      await raf();
      await new Promise((r) => setTimeout(r, 0));
      last = null;
      count = 0;
      const t0 = performance.now();
      act();
      let firstFrame = null;
      let quiet = 0;
      let seen = last;
      let paintAfter = null;
      let frames = 0;
      while (quiet < 2) {
        const paint = afterFrame();
        await raf();
        const now = performance.now();
        frames++;
        if (firstFrame === null) firstFrame = now;
        if (last !== seen) { seen = last; quiet = 0; paintAfter = paint; } else { quiet++; }
        if (now - t0 > limitMs) { mo.disconnect(); throw new Error(`no settled DOM within ${limitMs} ms`); }
      }
      mo.disconnect();
      const settled = (last ?? firstFrame) - t0;
      const nextPaint = (await (paintAfter ?? Promise.resolve(firstFrame))) - t0;
      return { latency: settled, nextPaint, mutations: count, frames };
    },
    memory() {
      const js = performance.memory ? performance.memory.usedJSHeapSize : null;
      let wasm = null;
      try { wasm = window.wasmBindings.wasm_memory_bytes(); } catch { wasm = null; }
      return { js, wasm };
    },
    // Samples memory every 50 ms (during an import), keeping the largest total; and
    // the longest gap between two requestAnimationFrame callbacks meanwhile (a frame
    // the page could not draw because the main thread was busy).
    startSampler() {
      const s = { max: null, gap: 0, last: null, running: true };
      const tick = () => {
        const m = window.__bench.memory();
        const total = (m.js ?? 0) + (m.wasm ?? 0);
        if (!s.max || total > s.max.total) s.max = { ...m, total };
      };
      const frame = (now) => {
        if (!s.running) return;
        if (s.last !== null && now - s.last > s.gap) { s.gap = now - s.last; s.gapEnd = now; }
        s.last = now;
        requestAnimationFrame(frame);
      };
      tick();
      s.timer = setInterval(tick, 50);
      requestAnimationFrame(frame);
      window.__benchSampler = s;
    },
    stopSampler() {
      const s = window.__benchSampler;
      if (!s) return null;
      clearInterval(s.timer);
      s.running = false;
      return { peak: s.max, frame_gap_ms: Math.round(s.gap * 10) / 10, frame_gap_end: s.gapEnd ?? null };
    },
  };
}

function searchKeys(n) {
  // Words that occur in the embedded and the synthetic data (districts, subjects,
  // indicators); a clear (null) after each word.
  const words = ['合成企业12', '万州区', '工业', '涪陵', '产值增长'];
  const keys = [];
  for (let w = 0; keys.length < n; w++) {
    keys.push(...[...words[w % words.length]], null);
  }
  return keys;
}

async function measureInteraction(page, name) {
  const codes = await page.evaluate(() => {
    const all = [...document.querySelectorAll('input[id^=district-]')].map((e) => e.id.slice('district-'.length));
    const pick = ['500101', '500102'].filter((c) => all.includes(c));
    for (const c of all) if (pick.length < 2 && !pick.includes(c)) pick.push(c);
    return pick;
  });
  if (name === 'district' && codes.length < 2) throw new Error('fewer than two district checkboxes');
  const keys = searchKeys(CHANGES);
  const n = name === 'search' ? keys.length : CHANGES;
  // A reader clicks into the search box before typing: focus it first (not counted).
  const focus = name === 'search'
    ? await page.evaluate(() => window.__bench.measure(() => document.querySelector('#f-search').focus()))
    : null;
  const lat = [];
  const paint = [];
  const mutations = [];
  const values = [];
  for (let i = 0; i < n; i++) {
    const r = await page.evaluate(async ({ name, i, codes, keys }) => {
      let value;
      const m = await window.__bench.measure(() => { value = window.__bench.actions[name](i, codes, keys); });
      return { ...m, value };
    }, { name, i, codes, keys });
    lat.push(r.latency);
    paint.push(r.nextPaint);
    mutations.push(r.mutations);
    values.push(r.value);
  }
  const noMutation = mutations.filter((m) => m === 0).length;
  return {
    changes: n,
    latency_ms: stats(lat),
    next_paint_ms: stats(paint),
    changes_without_mutation: noMutation,
    focus_ms: focus ? round(focus.latency) : undefined,
    districts: name === 'district' ? codes : undefined,
    values: values.slice(0, 40),
  };
}

async function resetFilters(page) {
  await page.evaluate(() => {
    const sel = document.querySelector('#f-indicator');
    if (sel && sel.value !== '') {
      sel.value = '';
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    }
    for (const box of document.querySelectorAll('input[id^=district-]:checked')) box.click();
    const input = document.querySelector('#f-search');
    if (input && input.value !== '') {
      input.value = '';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }
  });
  await page.waitForFunction(() => document.querySelector('#f-indicator')?.value === ''
    && !document.querySelector('input[id^=district-]:checked')
    && document.querySelector('#f-search')?.value === '', null, { timeout: 60000 });
}

/// Watches one import from inside the page: the file chosen (the input's change
/// event), the report shown, the reader's confirmation and the figures shown. Like a
/// reader who does not stop to read, it confirms (mode "add", the default) in the task
/// after the frame that painted the report, so no round trip of the test driver is
/// counted.
function watchImport() {
  const w = { chosen: null, report: null, confirmed: null, done: null, error: null };
  window.__benchImport = w;
  const input = document.querySelector('#import-file');
  input.addEventListener('change', () => { w.chosen = performance.now(); }, { capture: true, once: true });
  const mo = new MutationObserver(() => {
    const now = performance.now();
    if (w.report === null) {
      const errors = document.querySelector('dialog[open] [data-testid=import-errors]');
      const confirm = document.querySelector('[data-testid=import-confirm]');
      if (errors && !confirm) {
        w.error = `the import reported errors: ${errors.textContent.slice(0, 300)}`;
        mo.disconnect();
      } else if (confirm && document.querySelector('[data-testid=import-report]')) {
        w.report = now;
        requestAnimationFrame(() => setTimeout(() => {
          const add = document.querySelector('input[name=import-mode]');
          if (!add || !add.checked) {
            w.error = 'mode "add" is not the default';
            return;
          }
          w.confirmed = performance.now();
          document.querySelector('[data-testid=import-confirm]').click();
        }, 0));
      }
    } else if (w.done === null && document.querySelector('[data-testid=import-done]')) {
      w.done = now;
      mo.disconnect();
    }
  });
  mo.observe(document.body, { subtree: true, childList: true, attributes: true });
}

/// One import in `page` (its dialog closed afterwards): file chosen → figures shown,
/// the check alone, the time from the confirmation to the figures, the longest gap
/// between animation frames, and the memory peak seen meanwhile.
async function importFile(page, file) {
  await page.click('[data-testid=import-button]', { timeout: 10000 });
  await page.evaluate(watchImport);
  await page.evaluate(() => window.__bench.startSampler());
  await page.setInputFiles('#import-file', file, { timeout: 30000 });
  await page.waitForFunction(() => window.__benchImport.done !== null || window.__benchImport.error !== null,
    null, { timeout: 300000, polling: 100 });
  // Two frames after the figures, so a frame the last task held back is counted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const w = await page.evaluate(() => window.__benchImport);
  if (w.error) throw new Error(w.error);
  const { peak, frame_gap_ms, frame_gap_end } = await page.evaluate(() => window.__bench.stopSampler());
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog[open]', { state: 'detached', timeout: 10000 }).catch(() => {});
  // The check runs in a worker with its own wasm memory, not in the page's figures.
  const worker_wasm_peak = await page.evaluate(() => window.wasmBindings.import_worker_memory_bytes?.() ?? null);
  return {
    check_ms: round(w.report - w.chosen, 1),
    import_ms: round(w.done - w.chosen, 1),
    after_confirm_ms: round(w.done - w.confirmed, 1),
    frame_gap_ms,
    // When the longest gap ended, from the file chosen (the confirmation and the figures
    // are at check_ms and import_ms).
    frame_gap_end_ms: frame_gap_end === null ? null : round(frame_gap_end - w.chosen, 1),
    peak, worker_wasm_peak,
  };
}

/// Imports `file` in `IMPORTS - 1` fresh pages, then in `page` (which goes on to the
/// interactions): the medians of the runs, each run kept.
async function importRuns(browser, url, page, file) {
  const runs = [];
  for (let i = 1; i < IMPORTS; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    try {
      const p = await context.newPage();
      await p.goto(url, { timeout: 30000 });
      await p.waitForSelector('html[data-ready] table.facts tbody tr', { timeout: 30000 });
      await p.evaluate(installHarness);
      runs.push(await importFile(p, file));
    } finally {
      await context.close();
    }
  }
  const last = await importFile(page, file);
  runs.push(last);
  const med = (k) => round(median(runs.map((r) => r[k])), 1);
  return {
    runs: runs.length,
    check_ms: med('check_ms'),
    import_ms: med('import_ms'),
    after_confirm_ms: med('after_confirm_ms'),
    frame_gap_ms: med('frame_gap_ms'),
    frame_gap_max_ms: Math.max(...runs.map((r) => r.frame_gap_ms)),
    samples: runs.map(({ check_ms, import_ms, after_confirm_ms, frame_gap_ms, frame_gap_end_ms }) => ({ check_ms, import_ms, after_confirm_ms, frame_gap_ms, frame_gap_end_ms })),
    // The page's memory during the last run (the one the interactions follow).
    peak: last.peak,
    worker_wasm_peak: Math.max(...runs.map((r) => r.worker_wasm_peak ?? 0)) || null,
  };
}

async function memorySample(page, cdp, when) {
  const m = await page.evaluate(() => window.__bench.memory());
  let cdpHeap = null;
  try {
    const { metrics } = await cdp.send('Performance.getMetrics');
    cdpHeap = metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? null;
  } catch { /* reported as null */ }
  return { when, js: m.js, wasm: m.wasm, cdp_js: cdpHeap, total: (m.js ?? 0) + (m.wasm ?? 0) };
}

const SETTLE_QUIET_MS = Number(process.env.BENCH_SETTLE_QUIET_MS || 500);
const SETTLE_LIMIT_MS = 20000;

/// Waits until the page has settled: no script (the app's deferred work: the ranking
/// steps a timer runs after an import or a change, the URL written after a frame) for
/// SETTLE_QUIET_MS, read from CDP's cumulative `ScriptDuration`, which only the page's
/// own scripts move (nothing is evaluated in the page meanwhile). Gives up after
/// SETTLE_LIMIT_MS; returns how long it waited and whether it settled.
async function settle(cdp) {
  const script = async () => (await cdp.send('Performance.getMetrics')).metrics
    .find((x) => x.name === 'ScriptDuration')?.value ?? null;
  const started = Date.now();
  let last = await script();
  let quietSince = Date.now();
  while (Date.now() - started < SETTLE_LIMIT_MS) {
    await new Promise((r) => setTimeout(r, 50));
    const now = await script();
    if (now !== last) { last = now; quietSince = Date.now(); }
    if (Date.now() - quietSince >= SETTLE_QUIET_MS) return { settle_ms: Date.now() - started, settled: true };
  }
  return { settle_ms: Date.now() - started, settled: false };
}

/// The memory the page holds: once it has settled, a full garbage collection (CDP
/// `HeapProfiler.collectGarbage`, so the browser runs with the same flags as for the
/// other figures), then the JS heap and the wasm memory as every sample reads them.
async function heldSample(page, cdp, when) {
  const s = await settle(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  return { ...(await memorySample(page, cdp, when)), ...s };
}

async function measureSize(browser, url, size) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const out = { figures: null, interactions: {}, memory: { samples: [] } };
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { timeout: 30000 });
    await page.waitForSelector('html[data-ready] table.facts tbody tr', { timeout: 30000 });
    await page.evaluate(installHarness);
    const view = await page.getAttribute('button.view-tab[aria-current=page]', 'data-view');
    if (view !== 'compare') {
      await page.click('button.view-tab[data-view=compare]');
      await page.waitForSelector('button.view-tab[data-view=compare][aria-current=page]', { timeout: 10000 });
    }
    out.view = 'compare';
    out.memory.samples.push(await memorySample(page, cdp, 'loaded'));
    if (size !== 'embedded') {
      const file = path.join(fixtures, `synthetic-${size}.csv`);
      if (!fs.existsSync(file)) throw new Error(`${file} is missing: run cargo xtask fixtures`);
      log(`${size}: importing ${path.basename(file)}`);
      out.import = await importRuns(browser, url, page, file);
      log(`${size}: imported in a median ${out.import.import_ms} ms over ${out.import.runs} imports`);
      if (out.import.peak) out.memory.samples.push({ when: 'during import (50 ms sampler)', ...out.import.peak, cdp_js: null });
      out.memory.samples.push(await memorySample(page, cdp, 'after import'));
      // Held once the import is shown, before the interactions (not a peak sample).
      out.memory.held_after_import = await attempt(`${size} memory held after the import`,
        () => heldSample(page, cdp, 'after the import, settled, after a full GC'));
    }
    out.figures = Number((await page.textContent('table.facts caption', { timeout: 10000 })).match(/\d+/)[0]);
    out.expected_figures = embeddedFigures + (size === 'embedded' ? 0 : Number(size));
    for (const name of INTERACTIONS) {
      out.interactions[name] = await attempt(`${size} ${name}`, async () => {
        await resetFilters(page);
        const r = await measureInteraction(page, name);
        log(`${size} ${name}: p50 ${r.latency_ms.p50} ms, p95 ${r.latency_ms.p95} ms (${r.changes} changes)`);
        return r;
      });
      out.memory.samples.push(await attempt(`${size} memory after ${name}`, () => memorySample(page, cdp, `after ${name}`)));
    }
    const ok = out.memory.samples.filter((s) => typeof s.total === 'number');
    const peak = ok.reduce((a, s) => (!a || s.total > a.total ? s : a), null);
    out.memory.peak = peak;
    out.memory.peak_js = Math.max(...ok.map((s) => s.js ?? 0));
    out.memory.peak_wasm = Math.max(...ok.map((s) => s.wasm ?? 0));
    out.memory.peak_cdp_js = Math.max(...ok.map((s) => s.cdp_js ?? 0));
    // What the page holds after the last batch: the budget's figure.
    out.memory.held = await attempt(`${size} memory held`,
      () => heldSample(page, cdp, 'after the last batch, settled, after a full GC'));
    if (errors.length) out.page_errors = errors;
  } finally {
    await context.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------

async function main() {
  const browser = await launch();
  const server = await serveDir(dist);
  try {
    result.chromium = browser.version();
    result.dist = dist;
    result.url = server.url;
    log(`Chromium ${result.chromium}, serving ${dist}`);
    result.loads = await attempt('loads', () => measureLoads(browser, server.url, VIEWPORT));
    result.loads_phone = await attempt('loads at 360 px', () => measureLoads(browser, server.url, PHONE));
    for (const size of SIZES) {
      result.sizes[size] = await attempt(`size ${size}`, () => measureSize(browser, server.url, size));
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

main()
  .catch((e) => { result.errors.push(`fatal: ${e?.stack || e}`); })
  .finally(() => {
    result.finished = new Date().toISOString();
    clearTimeout(watchdog);
    emit();
  });
