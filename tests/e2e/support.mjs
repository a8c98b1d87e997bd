// Shared pieces of the end-to-end tests: Debian's Chromium through playwright-core,
// a static server for dist/ on loopback, Debian's nginx serving dist/ under the strict
// Content-Security-Policy of README "Hosting", and request recording.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
/// The built app; CQ_DIST=… tests another build folder.
export const dist = process.env.CQ_DIST ? path.resolve(process.env.CQ_DIST) : path.join(root, 'dist');

/// The policy nginx sends (README "Hosting"; tests/e2e/nginx.conf.template).
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; "
  + "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";
/// The source articles (README "Quick start"): absent in a bare clone, where the quote
/// checks say so once and are skipped; under CI=true they are required.
export const seedsDir = process.env.CQ_SEEDS_DIR ? path.resolve(process.env.CQ_SEEDS_DIR) : path.resolve(root, '../shared/seeds');
let seedsSaid = false;
/// Whether the articles are there to check quotes against (says so once when not).
export function haveArticles() {
  if (fs.existsSync(seedsDir)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true and the source articles are not at ${seedsDir}: put shared/seeds beside the project or set CQ_SEEDS_DIR`);
  }
  if (!seedsSaid) console.log(`SKIPPED: quote check: no source articles at ${seedsDir} (set CQ_SEEDS_DIR to run it)`);
  seedsSaid = true;
  return false;
}

/// Debian's Chromium, headless, with nothing reaching out to the network; `extra`
/// adds flags (the benchmark asks for precise memory figures).
export async function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', ...extra,
    ],
  });
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
};

/// Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }.
export function serveDir(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    let file = path.resolve(dir, rel || 'index.html');
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) });
  }));
}

/// A new page that records every request URL and every console error / page error.
export async function openPage(browser, viewport = { width: 1280, height: 900 }, locale = 'zh-CN') {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const consoleMessages = [];
  page.on('console', (m) => {
    consoleMessages.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, context, requests, errors, consoleMessages };
}

/// The article text with its line breaks removed, as quotes are matched.
export function article(sourceId) {
  return fs.readFileSync(path.join(seedsDir, `${sourceId}.txt`), 'utf8').replaceAll('\n', '');
}

/// A free TCP port on 127.0.0.1.
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const canConnect = (port) => new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

/// Starts Debian's nginx (NGINX=… for another binary) in the foreground with the config
/// of nginx.conf.template, serving `dir` on 127.0.0.1 at a free port, everything it
/// writes in a temp folder. Resolves to { url, origin, close, log }.
/// With `cspReports: port`, the policy also names `report-uri /csp-report`, which nginx
/// passes to a collector on that port (the three-engine suite sees every violation,
/// from the page's first byte, in any browser).
export async function startNginx(dir = dist, { cspReports } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cq-nginx-'));
  const port = await freePort();
  const conf = path.join(tmp, 'nginx.conf');
  const asRoot = process.getuid?.() === 0;
  let template = fs.readFileSync(path.join(here, 'nginx.conf.template'), 'utf8');
  if (cspReports) {
    template = template.replaceAll(`"${CSP}"`, `"${CSP}; report-uri /csp-report"`)
      .replace('        # The single-file offline copy',
        `        location = /csp-report { proxy_pass http://127.0.0.1:${cspReports}; }\n\n        # The single-file offline copy`);
  }
  fs.writeFileSync(conf, template
    // As root the workers would run as nobody, who cannot enter the temp folder.
    .replaceAll('@USER@', asRoot ? 'user root;' : '# not root: nginx runs as the current user')
    .replaceAll('@TMP@', tmp)
    .replaceAll('@DIST@', dir)
    .replaceAll('@PORT@', String(port)));
  const bin = process.env.NGINX || (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
  const errorLog = path.join(tmp, 'error.log');
  const child = spawn(bin, ['-e', errorLog, '-p', `${tmp}/`, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let spawnError = null;
  child.on('error', (e) => { spawnError = e; });
  const exited = new Promise((resolve) => child.on('close', resolve));
  const log = () => `${stderr}${fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : ''}`;
  // Up to 10 s for it to listen; it fails fast (and says why) on a bad config.
  for (let i = 0; i < 200; i++) {
    if (spawnError) throw new Error(`cannot start ${bin} (run \`cargo xtask setup\` to install nginx): ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nginx exited at start:\n${log()}`);
    if (await canConnect(port)) break;
    if (i === 199) { child.kill('SIGKILL'); throw new Error(`nginx did not listen on ${port}:\n${log()}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    origin: new URL(url).origin,
    log,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM'); // fast shutdown of the master and its worker
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/// Records on `window.__cspViolations` every securitypolicyviolation event of the page
/// and its frames, from before the first script runs.
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    window.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample || ''}`.trim());
    }, true);
  });
}

/// Console messages that report a Content-Security-Policy violation.
export const cspConsole = (messages) => messages.filter((t) => /Content[- ]Security[- ]Policy/i.test(t));

/// The curated dataset as the app embeds it, for expected values in tests.
export function loadData() {
  const dataDir = path.join(root, 'static/data');
  const read = (f) => JSON.parse(fs.readFileSync(path.join(dataDir, f), 'utf8'));
  const facts = fs.readdirSync(path.join(dataDir, 'facts')).filter((f) => f.endsWith('.json')).sort()
    .flatMap((f) => read(path.join('facts', f)));
  return { facts, districts: read('districts.json'), indicators: read('indicators.json'), factById: new Map(facts.map((f) => [f.id, f])) };
}

/// Starts Chromium and a static server for dist/ before the file's tests and stops them
/// after; the returned object holds `browser` and `server` once started.
export function useBrowser() {
  const env = {};
  before(async () => {
    env.browser = await launch();
    env.server = await serveDir(dist);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/// The fact ids of the table's rows, in order.
export const rowIds = (page) => page.$$eval('table.facts tbody tr.fact', (rs) => rs.map((r) => r.dataset.fact));

/// The portal's page: an iframe of the explorer and, verbatim, README "Embedding"'s
/// listener; a second listener records the messages for the test.
export const portalPage = (src) => `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>某区政府门户 · portal</title></head>
<body>
<h1>工业发展</h1>
<iframe id="cq-explorer" src="${src}" title="重庆区县工业发展数据浏览器" width="100%" height="200" frameborder="0"></iframe>
<script>
window.addEventListener("message", function (event) {
  var frame = document.getElementById("cq-explorer");
  if (event.source === frame.contentWindow && event.data && event.data.type === "cq-explorer:height") {
    frame.style.height = event.data.height + "px";
  }
});
</script>
<script>
window.heightMessages = [];
window.addEventListener("message", function (event) {
  if (event.data && event.data.type === "cq-explorer:height") {
    window.heightMessages.push({ data: event.data, origin: event.origin });
  }
});
</script>
</body>
</html>`;
