// The three browser engines readers use, each driven through its own WebDriver server
// with npm selenium-webdriver, all from Debian's packages (nothing downloads a browser):
//   chromium — /usr/bin/chromium with chromedriver (Blink: Android, WeChat's XWeb, Edge…)
//   firefox  — /usr/bin/firefox-esr with geckodriver (`cargo install geckodriver`) (Gecko)
//   webkit   — WebKitGTK's MiniBrowser with WebKitWebDriver (WebKit: every iPhone browser);
//              it needs a display: `cargo xtask test` runs it under `xvfb-run -a`.
import { Builder } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import firefox from 'selenium-webdriver/firefox.js';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support.mjs';

// Selenium Manager must never fetch a driver or a browser: every path is given below.
process.env.SE_OFFLINE = 'true';

export const NAMES = {
  chromium: 'Chromium (chromedriver)',
  firefox: 'Firefox ESR (geckodriver)',
  webkit: 'WebKitGTK (WebKitWebDriver)',
};

/// A program on PATH, else the first of `fallbacks` that exists.
function find(program, ...fallbacks) {
  try {
    return execFileSync('sh', ['-c', 'command -v "$0"', program], { encoding: 'utf8' }).trim();
  } catch {
    const found = fallbacks.find((f) => fs.existsSync(f));
    if (found) return found;
    throw new Error(`${program} is not installed: run \`cargo xtask setup\``);
  }
}

/// WebKitGTK's MiniBrowser (Debian puts it under the multiarch library folder).
function miniBrowser() {
  const dirs = fs.readdirSync('/usr/lib').map((d) => path.join('/usr/lib', d, 'webkit2gtk-4.1/MiniBrowser'));
  const found = [process.env.MINIBROWSER, ...dirs].find((f) => f && fs.existsSync(f));
  if (!found) throw new Error('WebKitGTK MiniBrowser not found: run `cargo xtask setup` (Debian package webkit2gtk-driver)');
  return found;
}

const canConnect = (port) => new Promise((resolve) => {
  import('node:net').then(({ default: net }) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
});

/// Starts a session in `engine`; resolves to { driver, quit, downloads }.
export async function startDriver(engine) {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), `cq-${engine}-downloads-`));
  if (engine === 'chromium') {
    const options = new chrome.Options()
      .setChromeBinaryPath(process.env.CHROMIUM || '/usr/bin/chromium')
      .addArguments('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage', '--window-size=1280,900', '--lang=zh-CN')
      .setUserPreferences({
        'intl.accept_languages': 'zh-CN,zh',
        'download.default_directory': downloads,
        'download.prompt_for_download': false,
      });
    const service = new chrome.ServiceBuilder(find('chromedriver', '/usr/bin/chromedriver'));
    const driver = await new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build();
    return { driver, downloads, quit: () => driver.quit() };
  }
  if (engine === 'firefox') {
    const options = new firefox.Options()
      .setBinary(process.env.FIREFOX || find('firefox-esr', '/usr/bin/firefox-esr'))
      .addArguments('-headless', '-width=1280', '-height=900')
      .setPreference('intl.accept_languages', 'zh-CN, zh, en')
      .setPreference('browser.download.folderList', 2)
      .setPreference('browser.download.dir', downloads)
      .setPreference('browser.download.useDownloadDir', true)
      .setPreference('browser.download.always_ask_before_handling_new_types', false)
      .setPreference('app.update.enabled', false)
      .setPreference('network.captive-portal-service.enabled', false)
      .setPreference('browser.safebrowsing.malware.enabled', false)
      .setPreference('browser.safebrowsing.phishing.enabled', false);
    const gecko = find('geckodriver', path.join(os.homedir(), '.cargo/bin/geckodriver'));
    const service = new firefox.ServiceBuilder(gecko);
    const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
    await driver.manage().window().setRect({ width: 1280, height: 900 });
    return { driver, downloads, quit: () => driver.quit() };
  }
  if (engine === 'webkit') {
    const bin = find('WebKitWebDriver', '/usr/bin/WebKitWebDriver');
    const port = await freePort();
    // A Chinese reader's browser: WebKitGTK takes navigator.language from the environment.
    const env = { ...process.env, LANGUAGE: 'zh_CN:zh', LANG: process.env.LANG || 'C.UTF-8' };
    const server = spawn(bin, [`--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let log = '';
    server.stderr.on('data', (d) => { log += d; });
    for (let i = 0; !(await canConnect(port)); i++) {
      if (server.exitCode !== null || i > 200) throw new Error(`WebKitWebDriver did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const stop = () => { if (server.exitCode === null) server.kill('SIGTERM'); };
    try {
      const driver = await new Builder()
        .usingServer(`http://127.0.0.1:${port}`)
        .withCapabilities({
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] },
        })
        .build();
      await driver.manage().window().setRect({ width: 1280, height: 900 }).catch(() => {});
      return { driver, downloads, quit: async () => { try { await driver.quit(); } finally { stop(); } } };
    } catch (e) {
      stop();
      throw new Error(`${e.message}\n${log}`);
    }
  }
  throw new Error(`unknown engine ${engine}: chromium, firefox or webkit`);
}
