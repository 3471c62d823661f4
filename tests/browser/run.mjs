#!/usr/bin/env node
// Browser tests of atajoly: every guide page and the eligibility check, in Kazakh, Russian and English,
// on a phone and a desktop viewport, with axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on every page,
// and the check once more with JavaScript off and the site's own CSP enforced. After the granted case,
// the card: the holder's list and card page (QR, downloads, verification log, a new passport reported
// and the card reissued by the officer), and the public /verify page in every language on both
// viewports (a number, the QR text, a wrong check character, a changed QR; a number without
// JavaScript). On the phone viewport no text may run past the screen's edge (reflow). Starts its own
// server on a free loopback port with a fresh SQLite database (`atajoly migrate`, then `atajoly
// serve`), and always stops it.
//
// Environment:
//   ATAJOLY_BIN            the binary (default: target/debug/atajoly under the repository root)
//   CHROMIUM_BIN           Chromium (default: /usr/bin/chromium, Debian's package)
//   ATAJOLY_BROWSER_OUT    where screenshots and the server log go on failure (default: target/browser-tests)
//   ATAJOLY_BROWSER_LANGS  languages to run, comma-separated (default: kk,ru,en)
//   ATAJOLY_BROWSER_TIMEOUT_S  the whole run's time limit in seconds (default: 900)
//   CI                     when "true", a missing prerequisite is an error (it always is: nothing is skipped)
//
// Exit code 0 only when every check passed and axe found no violation. The last line is
// "browser: N passed, N failed".

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { appealWalk } from './appeal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const inCI = process.env.CI === 'true';

function fatal(msg) {
  console.error(`browser-tests: FATAL: ${msg}`);
  if (inCI) console.error('browser-tests: CI=true: a missing prerequisite fails the run; nothing is skipped.');
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
}

// ---------- prerequisites ----------
const chromiumBin = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
if (!fs.existsSync(chromiumBin)) {
  fatal(`Chromium not found at ${chromiumBin}. Run scripts/install-test-deps.sh (installs Debian's chromium).`);
}
let chromium, axeSource;
try {
  ({ chromium } = require('playwright-core'));
  axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  fatal(`tests/browser/node_modules is missing or incomplete (${e.message.split('\n')[0]}). Run scripts/install-test-deps.sh (npm ci in tests/browser).`);
}
const binary = path.resolve(repoRoot, process.env.ATAJOLY_BIN || 'target/debug/atajoly');
try {
  fs.accessSync(binary, fs.constants.X_OK);
} catch {
  fatal(`the atajoly binary is missing or not executable: ${binary} (build it, or set ATAJOLY_BIN).`);
}

const LANGS = (process.env.ATAJOLY_BROWSER_LANGS || 'kk,ru,en').split(',').map((s) => s.trim()).filter(Boolean);
const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
  { name: 'desktop', viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const GUIDE_PAGES = [
  '/',
  '/rights',
  '/categories',
  '/categories/1',
  '/categories/2',
  '/professions?q=programmist',
  '/professions/1/28',
  '/professions/2/2217-4-001',
  '/apply',
  '/contacts',
  '/api/docs',
  '/check',
  '/privacy',
  '/cookies',
  '/accessibility',
  '/feedback',
];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The ethnicity certificate's name in each language, read from the reference data (so that a renamed
// document does not need a test change); English fallback from the brochure if the file moves.
function ethnicityCertificateNames() {
  const fallback = {
    kk: 'ұлтын растайтын ресми анықтамалық құжат',
    ru: 'Официальная справка, подтверждающая национальность',
    en: 'Official certificate confirming ethnicity',
  };
  try {
    const text = fs.readFileSync(path.join(repoRoot, 'data/reference/document/brochure-2023.toml'), 'utf8');
    const block = text.split('[[items]]').find((b) => /key\s*=\s*"ethnicity_certificate"/.test(b));
    const nameLine = block && block.split('\n').find((l) => /^name\s*=/.test(l));
    if (!nameLine) return fallback;
    const out = {};
    for (const l of ['kk', 'ru', 'en']) {
      const m = nameLine.match(new RegExp(`\\b${l}\\s*=\\s*"([^"]*)"`));
      out[l] = m ? m[1] : fallback[l];
    }
    return out;
  } catch {
    return fallback;
  }
}
const CERT_NAMES = ethnicityCertificateNames();

// ---------- bookkeeping ----------
const outDir = path.resolve(repoRoot, process.env.ATAJOLY_BROWSER_OUT || 'target/browser-tests');
fs.mkdirSync(outDir, { recursive: true });
// Screenshots from an earlier run would mislead.
for (const f of fs.readdirSync(outDir)) if (f.endsWith('.png') || f === 'server.log') fs.rmSync(path.join(outDir, f), { force: true });
const failures = [];
let passed = 0;
let failedTests = 0;
const notes = new Set();
const incompleteIds = new Map();
let pagesChecked = 0;
let axeRuns = 0;
let axeViolations = 0;
let axeIncomplete = 0;

function fail(where, msg) {
  failures.push({ where, msg });
  console.log(`  FAIL ${where}: ${msg}`);
}
// Throws when cond is false; the test that catches it records the message under its own name.
function check(cond, where, msg) {
  if (!cond) throw new CheckError(`${msg}`);
}
class CheckError extends Error {}

async function screenshot(page, label) {
  try {
    const file = path.join(outDir, label.replace(/[^a-zA-Z0-9_.-]+/g, '_').slice(0, 150) + '.png');
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch {
    return null;
  }
}

// A screenshot of a main page kept as a test artefact for a reviewer (target/browser-tests/screenshots/),
// at the page's own viewport and, when `phone` is asked, at a phone's width too.
const shotsDir = path.join(outDir, 'screenshots');
async function keepShot(page, name, { phone = false } = {}) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = (suffix) => path.join(shotsDir, `${name}-${suffix}.png`.replace(/[^a-zA-Z0-9_.-]+/g, '_'));
  const vp = page.viewportSize();
  const narrow = !!vp && vp.width < 600;
  await page.screenshot({ path: file(narrow ? 'phone' : 'desktop'), fullPage: true });
  if (phone && vp) {
    // The other viewport too (the page's layout follows its width; the content is the same).
    await page.setViewportSize(narrow ? { width: 1366, height: 900 } : { width: 390, height: 844 });
    await page.screenshot({ path: file(narrow ? 'desktop' : 'phone'), fullPage: true });
    await page.setViewportSize(vp);
  }
}
// The page at 320 CSS pixels (WCAG 1.4.10 reflow): nothing runs past the edge, and axe still passes.
async function at320(page, where) {
  const vp = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    await expectNoOverflow(page, 320, `${where} at 320 px`);
    await runAxe(page, `${where} at 320 px`);
  } finally {
    if (vp) await page.setViewportSize(vp);
  }
}
// Keyboard only: presses Tab until the focused element matches `selector`; the number of presses.
async function tabTo(page, selector, max = 200) {
  for (let n = 1; n <= max; n += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector)) return n;
  }
  throw new CheckError(`${selector} was not reached with ${max} Tab presses`);
}
// Keyboard only: Enter on the focused element, and the page it leads to.
async function enterTo(page, urlRe, where) {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  const at = new URL(page.url()).pathname;
  check(urlRe.test(at), where, `Enter led to ${at}, expected ${urlRe}`);
  return res;
}

// Runs one named test; a thrown error or a recorded failure inside marks it failed.
async function test(name, page, fn) {
  const before = failures.length;
  try {
    await fn();
  } catch (e) {
    fail(name, e instanceof CheckError ? e.message : (e && e.stack) || String(e));
  }
  if (failures.length === before) {
    passed += 1;
  } else {
    failedTests += 1;
  }
  if (failures.length !== before && page) {
    const shot = await screenshot(page, name);
    if (shot) console.log(`       screenshot: ${path.relative(repoRoot, shot)}`);
  }
}

// ---------- server ----------
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atajoly-browser-'));
const serverLog = path.join(tmpDir, 'server.log');
const outboxDir = path.join(tmpDir, 'outbox');
let server = null;
let serverEnv = null;
let browser = null;

function serverLogTail(lines = 40) {
  try {
    return fs.readFileSync(serverLog, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const t = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

// Stops the browser and the server and removes the temporary directory; every caller gets the same run.
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    if (browser) {
      // A browser that does not close in 10 s is left to Playwright, which kills it when node exits.
      await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000).unref())]);
    }
    await stopServer();
    try {
      fs.copyFileSync(serverLog, path.join(outDir, 'server.log'));
    } catch {}
    fs.rmSync(tmpDir, { recursive: true, force: true });
  })();
  return cleaning;
}
// The server never outlives this process, however it ends.
process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    console.error(`browser-tests: ${sig}: stopping`);
    await cleanup();
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
  });
}

async function startServer() {
  const port = await freePort();
  const env = {
    ...process.env,
    ATAJOLY_DATABASE_URL: `sqlite://${path.join(tmpDir, 't.db')}`,
    ATAJOLY_LISTEN: `127.0.0.1:${port}`,
    ATAJOLY_COOKIE_SECURE: 'false',
    // The appeal walk moves the server's clock (a debug build's test seam): seconds ahead, in this file.
    ATAJOLY_CLOCK_FILE: clockFile(),
    // Every walk checks cards from this one address, hundreds a minute: the per-network limit of the
    // public check (60 a minute by default) is tested in the Rust suite.
    ATAJOLY_VERIFY_PER_MINUTE: '100000',
    ATAJOLY_OUTBOX_DIR: outboxDir,
    ATAJOLY_FILES_DIR: path.join(tmpDir, 'files'),
    ATAJOLY_FILES_KEY_FILE: path.join(tmpDir, 'files.key'),
    ATAJOLY_SECRETS_KEY_FILE: path.join(tmpDir, 'secrets.key'),
    RUST_LOG: process.env.RUST_LOG || 'warn',
  };
  serverEnv = env;
  const mig = spawnSync(binary, ['migrate'], { env, encoding: 'utf8', timeout: 120_000 });
  if (mig.status !== 0) {
    throw new Error(
      `'${binary} migrate' failed (status ${mig.status}${mig.signal ? `, signal ${mig.signal}` : ''}${mig.error ? `, ${mig.error.message}` : ''}):\n${mig.stdout}\n${mig.stderr}`,
    );
  }
  const logFd = fs.openSync(serverLog, 'a');
  server = spawn(binary, ['serve'], { env, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server exited early (code ${server.exitCode}, signal ${server.signalCode}):\n${serverLogTail()}`);
    }
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return base;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET /readyz did not answer 200 within 60 s (last: ${last}):\n${serverLogTail()}`);
}

// ---------- page helpers ----------
async function runAxe(page, where) {
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    const short = (v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary })),
    });
    return { violations: r.violations.map(short), incomplete: r.incomplete.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) })) };
  }, AXE_TAGS);
  axeRuns += 1;
  axeIncomplete += res.incomplete.length;
  for (const i of res.incomplete) {
    const e = incompleteIds.get(i.id) || { pages: [], targets: new Set() };
    e.pages.push(where);
    for (const t of i.targets) e.targets.add(t);
    incompleteIds.set(i.id, e);
  }
  for (const v of res.violations) {
    axeViolations += 1;
    const targets = v.nodes.map((n) => `${n.target}  ${n.html}`).join('\n         ');
    const summary = v.nodes[0] && v.nodes[0].summary ? `\n         first node: ${v.nodes[0].summary.replace(/\n/g, ' | ')}` : '';
    fail(where, `axe ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n         ${targets}${summary}`);
  }
}

// On a phone, no text may run past the right edge of the screen (WCAG 1.4.10 Reflow), except inside a
// container that scrolls or clips on purpose (a wide data table in a scrolling region, say).
async function expectNoOverflow(page, width, where) {
  const over = await page.evaluate((vw) => {
    const clipped = (el) => {
      for (let p = el; p && p !== document.documentElement; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
      }
      return false;
    };
    const path = (el) => {
      const parts = [];
      for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        parts.unshift(e.id ? `#${e.id}` : e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
        if (e.id) break;
      }
      return parts.join(' > ');
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || !n.parentElement || clipped(n.parentElement)) continue;
      range.selectNodeContents(n);
      const right = Math.max(0, ...Array.from(range.getClientRects()).map((r) => r.right));
      if (right > vw + 1) out.push(`${path(n.parentElement)} "${n.textContent.trim().slice(0, 50)}" ends at x=${Math.round(right)}`);
    }
    return out;
  }, width);
  check(over.length === 0, where, `text runs past the ${width}px screen edge (reflow): ${over.slice(0, 5).join('; ')}`);
}

async function expectLang(page, lang, where) {
  const got = await page.getAttribute('html', 'lang');
  check(got === lang, where, `<html lang="${got}">, expected "${lang}"`);
}

async function goto(page, url, where, { status = 200 } = {}) {
  const res = await page.goto(url, { waitUntil: 'load' });
  check(res, where, `no response for ${url}`);
  check(res.status() === status, where, `GET ${url} answered ${res.status()}, expected ${status}`);
  pagesChecked += 1;
  return res;
}

// Clicks a submit button or link and waits for the page it leads to; returns the final response.
async function clickAndWait(page, selector, urlRe, where) {
  const nav = page.waitForNavigation({ waitUntil: 'load' });
  await page.click(selector);
  const res = await nav;
  const url = page.url();
  check(urlRe.test(new URL(url).pathname), where, `after clicking ${selector}: at ${url}, expected a path matching ${urlRe}`);
  pagesChecked += 1;
  return res;
}

// Watches a page for errors: uncaught exceptions, failed subresources, CSP violations.
function watch(page, sink) {
  page.on('pageerror', (e) => sink.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const t = m.text();
    const url = (m.location() && m.location().url) || '';
    // A document answered with an intended error status (422 on a question with an error) logs this.
    if (/Failed to load resource: the server responded with a status of 422/.test(t) && !/\/assets\//.test(url)) return;
    // Chromium asks for /favicon.ico by itself; a missing one is noted, not failed.
    if (/\/favicon\.ico$/.test(url)) {
      notes.add(`GET /favicon.ico: ${t}`);
      return;
    }
    sink.push(`console error: ${t}${url ? ` (${url})` : ''}`);
  });
  page.on('response', (r) => {
    const req = r.request();
    if (req.resourceType() !== 'document' && r.status() >= 400) sink.push(`subresource ${r.url()} answered ${r.status()}`);
  });
  page.on('requestfailed', (req) => {
    if (req.resourceType() !== 'document') sink.push(`request failed: ${req.url()} (${req.failure() && req.failure().errorText})`);
  });
}
function drain(sink, where) {
  const items = sink.splice(0);
  check(items.length === 0, where, items.join('\n         '));
}

// ---------- the scenarios ----------
async function newContext(base, vp, extra = {}) {
  return browser.newContext({
    baseURL: base,
    viewport: vp.viewport,
    isMobile: vp.isMobile,
    hasTouch: vp.hasTouch,
    deviceScaleFactor: vp.deviceScaleFactor,
    bypassCSP: true,
    ...extra,
  });
}

// A new browser context for a walk and its page, watched: what the page reports goes to `sink`.
async function openWalk(base, vp, { extra = {}, navigationTimeout = 30_000 } = {}) {
  const context = await newContext(base, vp, extra);
  context.setDefaultTimeout(15_000);
  if (navigationTimeout !== null) context.setDefaultNavigationTimeout(navigationTimeout);
  const page = await context.newPage();
  const sink = [];
  watch(page, sink);
  return { context, page, sink };
}

// A step of a walk, as a test: `fn(where)`, then the page's language, axe (unless `{ axe: false }`), no
// sideways scrolling on a phone, and nothing reported by the page.
function walkStep(page, lang, vp, sink, label) {
  return async (name, fn, { axe = true } = {}) => {
    const w = `${label} ${name}`;
    await test(w, page, async () => {
      await fn(w);
      await expectLang(page, lang, w);
      if (axe) await runAxe(page, w);
      if (vp.isMobile) await expectNoOverflow(page, vp.viewport.width, w);
      drain(sink, w);
    });
  };
}

async function chooseLanguage(page, lang, where) {
  await goto(page, `/?lang=${lang}`, where);
  const cookies = await page.context().cookies();
  check(cookies.some((c) => c.name === 'lang' && c.value === lang), where, `no lang=${lang} cookie after /?lang=${lang}`);
  await expectLang(page, lang, where);
}

async function guideWalk(page, lang, vp, label, sink) {
  for (const url of GUIDE_PAGES) {
    const where = `${label} ${url}`;
    await test(where, page, async () => {
      await goto(page, url, where);
      await expectLang(page, lang, where);
      const h1 = await page.locator('h1').count();
      check(h1 >= 1, where, 'no <h1>');
      await runAxe(page, where);
      if (vp.isMobile) await expectNoOverflow(page, vp.viewport.width, where);
      if (url === '/apply') {
        // The start page: before you start (documents, the law's days, free), then applying here.
        for (const id of ['#before-you-start', '#start-documents li', '#start-time', '#start-cost', '#start-application[href="/applications"]']) {
          check((await page.locator(id).count()) >= 1, where, `no ${id} on the start page`);
        }
        if (vp.isMobile) await at320(page, where);
      }
      if (url === '/' || url === '/apply') await keepShot(page, `${lang}-${url === '/' ? 'home' : 'apply'}`);
      drain(sink, where);
    });
  }
}

// The full path of the check. withAxe: run axe on every page (needs JavaScript).
async function screenerFull(page, lang, vp, label, sink, { withAxe = true } = {}) {
  const where = `${label} screener`;
  const step = async (name, fn) => {
    const w = `${where} ${name}`;
    await fn(w);
    await expectLang(page, lang, w);
    if (withAxe) await runAxe(page, w);
    if (vp.isMobile) await expectNoOverflow(page, vp.viewport.width, w);
    drain(sink, w);
  };
  await test(where, page, async () => {
    await step('/check', async (w) => {
      await goto(page, '/check', w);
      if (lang === 'en') {
        const start = page.getByRole('button', { name: 'Start now' }).or(page.getByRole('link', { name: 'Start now' }));
        check((await start.count()) === 1, w, 'no single link or button named "Start now"');
      }
    });
    await step('/check/citizenship', async (w) => {
      await clickAndWait(page, 'a.button[href="/check/citizenship"]', /^\/check\/citizenship$/, w);
    });
    await step('/check/citizenship (empty answer → error)', async (w) => {
      const res = await clickAndWait(page, 'button[type=submit]', /^\/check\/citizenship$/, w);
      check(res && res.status() === 422, w, `answered ${res && res.status()}, expected 422`);
      const summary = page.locator('.error-summary');
      check((await summary.count()) === 1, w, 'no .error-summary');
      check(await summary.isVisible(), w, '.error-summary is not visible');
      check((await summary.getAttribute('role')) === 'alert', w, `.error-summary role="${await summary.getAttribute('role')}", expected "alert"`);
      check((await summary.locator('a[href="#citizenship"]').count()) === 1, w, 'the error summary has no link to #citizenship');
      check((await page.locator('#citizenship[aria-invalid="true"]').count()) === 1, w, '#citizenship is not aria-invalid');
      const title = await page.title();
      check(title.includes(':'), w, `the title "${title}" does not start with an error prefix`);
    });
    // Answers the question on the page and submits it, landing on the question at `next`.
    const answer = (next, fill) => step(next, async (w) => {
      await fill();
      await clickAndWait(page, 'button[type=submit]', new RegExp(`^${next}$`), w);
    });
    await answer('/check/kazakh', () => page.selectOption('select[name=citizenship]', 'MN'));
    await answer('/check/ethnicity', () => page.check('#kazakh-yes'));
    await answer('/check/residence', () => page.check('#ethnicity-no'));
    await answer('/check/profession', () => page.selectOption('select[name=residence]', 'MN'));
    await answer('/check/business', () => page.selectOption('select[name=profession]', '1-28'));
    await answer('/check/passport', () => page.check('#business-no'));
    await step('/check/answers', async (w) => {
      await page.fill('#passport-expiry-day', '15');
      await page.fill('#passport-expiry-month', '6');
      await page.fill('#passport-expiry-year', '2031');
      await clickAndWait(page, 'button[type=submit]', /^\/check\/answers$/, w);
      const rows = await page.locator('.summary-row').count();
      check(rows === 7, w, `${rows} answer rows, expected 7`);
    });
    await step('/check/result', async (w) => {
      const res = await clickAndWait(page, 'a.button', /^\/check\/result$/, w);
      check(res && res.status() === 200, w, `answered ${res && res.status()}, expected 200`);
      check((await page.locator('#verdict').count()) === 1, w, 'no #verdict');
      const cls = (await page.getAttribute('#verdict', 'class')) || '';
      check(cls.includes('panel-ok'), w, `#verdict class="${cls}", expected panel-ok for this eligible path`);
      check((await page.locator('#result-category-1').count()) === 1, w, 'no #result-category-1');
      const items = page.locator('#documents li');
      const n = await items.count();
      check(n >= 3, w, `#documents has ${n} items, expected 3 or more`);
      const texts = await items.allInnerTexts();
      const cert = CERT_NAMES[lang];
      check(
        texts.some((t) => t.toLowerCase().includes(cert.toLowerCase())),
        w,
        `no #documents item names the ethnicity certificate ("${cert}"); items: ${JSON.stringify(texts.map((t) => t.slice(0, 60)))}`,
      );
      check((await page.locator('#warnings').count()) === 1, w, 'no #warnings');
      // The eligible result leads to applying here and names the other ways.
      check((await page.getAttribute('#apply-here-start', 'href')) === '/applications', w, 'no start of an application here');
      check(((await page.textContent('#other-channels')) || '').includes(';'), w, 'the other channels are not named');
      if (withAxe) {
        await keepShot(page, `${lang}-check-result`);
        if (vp.isMobile) await at320(page, w);
      }
    });
  });
}

// A citizen of Kazakhstan: straight from the first question to a "no" result.
async function screenerCitizen(page, lang, label, sink, { withAxe = true } = {}) {
  const where = `${label} screener KZ citizen`;
  await test(where, page, async () => {
    await goto(page, '/check/citizenship', where);
    await page.selectOption('select[name=citizenship]', 'KZ');
    await clickAndWait(page, 'button[type=submit]', /^\/check\/result$/, where);
    await expectLang(page, lang, where);
    check((await page.locator('#verdict').count()) === 1, where, 'no #verdict');
    const cls = (await page.getAttribute('#verdict', 'class')) || '';
    check(cls.split(/\s+/).includes('panel-stop'), where, `#verdict class="${cls}", expected panel-stop`);
    if (withAxe) await runAxe(page, where);
    drain(sink, where);
  });
}


// ---------- accounts and a whole application ----------
// The body of the newest e-mail to `to` in the server's outbox (lettre writes .eml files there when no
// SMTP server is configured), decoded from quoted-printable or base64.
function lastMailTo(to) {
  if (!fs.existsSync(outboxDir)) return null;
  const files = fs.readdirSync(outboxDir).map((f) => path.join(outboxDir, f)).sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  let found = null;
  for (const f of files) {
    const raw = fs.readFileSync(f, 'utf8');
    const [head, ...rest] = raw.split(/\r?\n\r?\n/);
    if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(head)) continue;
    let body = rest.join('\n\n');
    const enc = (head.match(/^Content-Transfer-Encoding:\s*(\S+)/mi) || [])[1] || '7bit';
    if (/base64/i.test(enc)) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    else if (/quoted-printable/i.test(enc)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
      body = Buffer.from(bytes, 'latin1').toString('utf8');
    }
    found = body;
  }
  return found;
}

// ICAO 9303 check digit and a TD3 zone whose every check digit holds.
function mrzCheck(s) {
  const w = [7, 3, 1];
  let sum = 0;
  [...s].forEach((c, i) => {
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : 0;
    sum += v * w[i % 3];
  });
  return String(sum % 10);
}
function mrzZone(number, birth, expiry) {
  const l1 = 'P<MNGBEKOV<<NURLAN'.padEnd(44, '<');
  const num = number.padEnd(9, '<');
  const body = `${num}${mrzCheck(num)}MNG${birth}${mrzCheck(birth)}M${expiry}${mrzCheck(expiry)}${'<'.repeat(14)}<`;
  const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 28) + body.slice(28, 43);
  return `${l1}\n${body}${mrzCheck(composite)}`;
}

const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
// A real 64×40 JPEG (a sketch of a certificate): images are decoded and written anew on upload, so a
// stub that only starts and ends like a JPEG is refused as unreadable.
const SAMPLE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAoAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD2rxl4ovdD1TR9O0vR/wC1bzUvO8uP7UsGPLVWPLAjoT3HT3qj/wAJJ40/6EL/AMrMP+FHi3/kp3gL/t//APRIrL/4Xp8Of+hi/wDJG5/+N1b5Yxj7t7rz7vzOVKdSc/fas7aW7J9U+5qf8JJ40/6EL/ysw/4Uf8JJ40/6EL/ysw/4Vl/8L0+HP/Qxf+SNz/8AG6P+F6fDn/oYv/JG5/8AjdLnX8i/H/Mv2U/+fj/8l/yNT/hJPGn/AEIX/lZh/wAKP+Ek8af9CF/5WYf8Ky/+F6fDn/oYv/JG5/8AjdH/AAvT4c/9DF/5I3P/AMbo51/Ivx/zD2U/+fj/APJf8jU/4STxp/0IX/lZh/wq94N8UXuuaprGnapo/wDZV5pvk+ZH9qWfPmKzDlQB0A7nr7Vzv/C9Phz/ANDF/wCSNz/8brU8Jf8AJTvHv/bh/wCiTTXLKMvdtZefdeZDU6c4e+3d21t2b6Jdg8W/8lO8Bf8Ab/8A+iRXcVw/i3/kp3gL/t//APRIrL/4UX8Of+hd/wDJ65/+OVM/hj6fqy6Px1PX/wBtR6ZRXmf/AAov4c/9C7/5PXP/AMco/wCFF/Dn/oXf/J65/wDjlZm56ZRXmf8Awov4c/8AQu/+T1z/APHK9D0uwttL0y00+wj8q0tIUghj3FtiKoVRkkk4AHJ5oAs1w/hL/kp3j3/tw/8ARJruK4fwl/yU7x7/ANuH/ok1pT+GXp+qMK3x0/X/ANtZe8ZeF73XNU0fUdL1j+yrzTfO8uT7Ks+fMVVPDEDoD2PX2qj/AMI340/6H3/yjQ/40UUKrJK2n3IcsPCUnLXXs2vyYf8ACN+NP+h9/wDKND/jR/wjfjT/AKH3/wAo0P8AjRRR7WXl9y/yF9Xh3f8A4FL/ADD/AIRvxp/0Pv8A5Rof8aP+Eb8af9D7/wCUaH/Giij2svL7l/kH1eHd/wDgUv8AMP8AhG/Gn/Q+/wDlGh/xq94N8L3uh6prGo6prH9q3mpeT5kn2VYMeWrKOFJHQjsOnvRRQ6smrafchxw8IyUtdO7b/Nn/2Q==',
  'base64',
);

// The applicant of each walk (the card walk signs in as the applicant whose case was granted).
const applicantEmail = (lang, vp) => `walk-${lang}-${vp.name}@example.com`;
const APPLICANT_PASSWORD = 'жылқы-сүт-2026';

// Each language's applicant is another person: another passport (and, in the case walk, another IIN),
// so that the grants of the walks never meet the one-valid-card-per-person rule.
async function applicationWalk(base, lang, vp, passport = lang === 'en' ? 'E2345678' : 'E1234567') {
  const label = `[${lang} ${vp.name} application]`;
  console.log(`${label} ...`);
  const { context, page, sink } = await openWalk(base, vp);
  const email = applicantEmail(lang, vp);
  const password = APPLICANT_PASSWORD;
  const files = path.join(tmpDir, `upload-${lang}`);
  fs.mkdirSync(files, { recursive: true });
  fs.writeFileSync(path.join(files, 'passport.pdf'), SAMPLE_PDF);
  fs.writeFileSync(path.join(files, 'translation.pdf'), SAMPLE_PDF);
  fs.writeFileSync(path.join(files, 'certificate.jpg'), SAMPLE_JPEG);
  fs.writeFileSync(path.join(files, 'diploma.pdf'), SAMPLE_PDF);
  fs.writeFileSync(path.join(files, 'program.pdf'), Buffer.from('MZ\x90\x00\x03 this program cannot be run in DOS mode'));
  const step = walkStep(page, lang, vp, sink, label);
  const submit = async (w, urlRe) => clickAndWait(page, 'main form button[type=submit]:not(.secondary)', urlRe, w);
  const fillDate = async (id, d, m, y) => {
    await page.fill(`#${id}-day`, d);
    await page.fill(`#${id}-month`, m);
    await page.fill(`#${id}-year`, y);
  };
  let appUrl = '';

  await step('choose language', async (w) => chooseLanguage(page, lang, w), { axe: false });
  await step('/account/sign-up', async (w) => {
    await goto(page, '/account/sign-up', w);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.fill('#password-confirm', 'different one');
    const res = await submit(w, /^\/account\/sign-up$/);
    check(res && res.status() === 422, w, `a mismatched confirmation answered ${res && res.status()}, expected 422`);
    check((await page.locator('.error-summary a[href="#password-confirm"]').count()) === 1, w, 'the error summary does not name the confirmation');
  });
  await step('/account/check-email', async (w) => {
    await page.fill('#password', password);
    await page.fill('#password-confirm', password);
    await submit(w, /^\/account\/check-email$/);
  });
  await step('/account/verify', async (w) => {
    let body = null;
    for (let i = 0; i < 40 && !body; i += 1) {
      body = lastMailTo(email);
      if (!body) await new Promise((r) => setTimeout(r, 250));
    }
    check(body, w, `no verification e-mail to ${email} in ${outboxDir}`);
    const m = body.match(/\/account\/verify\?token=([0-9a-f]{64})/);
    check(m, w, `no verification link in the e-mail: ${body.slice(0, 300)}`);
    await goto(page, `/account/verify?token=${m[1]}`, w);
  });
  await step('/account/sign-in', async (w) => {
    await goto(page, '/account/sign-in?next=/applications', w);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await submit(w, /^\/applications$/);
  });
  await step('new application', async (w) => {
    await submit(w, /^\/applications\/\d+$/);
    appUrl = new URL(page.url()).pathname;
  });
  await step('mrz with a wrong check digit', async (w) => {
    await clickAndWait(page, `a[href="${appUrl}/mrz"]`, /\/mrz$/, w);
    const zone = mrzZone(passport, '900327', '310615');
    const broken = zone.slice(0, 54) + (zone[54] === '0' ? '1' : '0') + zone.slice(55);
    await page.fill('#mrz', broken);
    const res = await submit(w, /\/mrz$/);
    check(res && res.status() === 422, w, `answered ${res && res.status()}, expected 422`);
    check((await page.locator('.error-summary a[href="#mrz"]').count()) === 1, w, 'the error summary does not link to #mrz');
  });
  await step('mrz', async (w) => {
    await page.fill('#mrz', mrzZone(passport, '900327', '310615'));
    await submit(w, /\/steps\/names$/);
    check((await page.inputValue('#surname-latin')) === 'BEKOV', w, 'the MRZ did not fill the Latin surname');
  });
  await step('names', async (w) => {
    await page.fill('#surname-kk', 'Беков');
    await page.fill('#given-names-kk', 'Нұрлан');
    await submit(w, /\/steps\/passport$/);
  });
  await step('passport', async (w) => {
    await fillDate('passport-issued', '1', '5', '2020');
    await submit(w, /\/steps\/contact$/);
  });
  await step('contact', async (w) => {
    await page.fill('#phone', '+976 9911 2233');
    await submit(w, /\/steps\/residence$/);
  });
  await step('residence', async (w) => {
    await page.selectOption('#residence-country', 'MN');
    await page.fill('#residence-address', 'Ulaanbaatar, Bayangol district');
    await submit(w, /\/steps\/ethnicity$/);
  });
  await step('ethnicity', async (w) => {
    await page.check('input[name=ethnicity][value=certificate]');
    await submit(w, /\/steps\/category$/);
  });
  await step('category', async (w) => {
    await page.check('input[name=category][value="1"]');
    await submit(w, /\/steps\/profession-1$/);
  });
  await step('profession-1', async (w) => {
    await page.selectOption('#cat1-row', '28');
    await submit(w, /\/steps\/requirements-1$/);
  });
  await step('requirements-1', async (w) => {
    check((await page.locator('#requirements').count()) === 1, w, 'the requirements of row 28 are not shown');
    await page.fill('#cat1-evidence', 'MSc in computer science; AWS certificate; 8 years of software development.');
    await submit(w, /\/steps\/region$/);
  });
  await step('region', async (w) => {
    await page.selectOption('#region', 'KZ-75');
    await submit(w, /\/steps\/consent$/);
  });
  await step('consent', async (w) => {
    const res = await submit(w, /\/steps\/consent$/);
    check(res && res.status() === 422, w, `no consent answered ${res && res.status()}, expected 422`);
    await page.check('#consent');
    await submit(w, /^\/applications\/\d+$/);
  });
  const uploadTo = async (w, item, choice, file, { ok = true } = {}) => {
    await page.waitForSelector(`#item-${item} form.upload progress`, { state: 'attached' });
    const form = page.locator(`#item-${item} form.upload`);
    await form.locator(`input[name=role_choice][value=${choice}]`).check();
    await form.locator('input[type=file]').setInputFiles(path.join(files, file));
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && /\/documents$/.test(new URL(r.url()).pathname));
    const reloaded = ok ? page.waitForNavigation({ waitUntil: 'load' }) : null;
    await form.locator('button[type=submit]').click();
    const res = await posted;
    if (ok) {
      await reloaded;
      await page.waitForSelector(`#item-${item} ul.files li a:text("${file}")`);
      check(new URL(page.url()).hash === `#item-${item}`, w, `after the upload at ${page.url()}, expected #item-${item}`);
    } else {
      await page.waitForSelector('.error-summary');
    }
    return res;
  };
  await step('documents: a renamed program is refused', async (w) => {
    await goto(page, `${appUrl}/documents`, w);
    const res = await uploadTo(w, 'passport', 'original-kk', 'program.pdf', { ok: false });
    check(res.status() === 422, w, `a renamed program answered ${res.status()}, expected 422`);
    check((await page.locator('#item-passport .error-message').count()) === 1, w, 'no error message at the passport item');
    // The 422 of the upload request is the expected answer, not a fault of the page.
    sink.splice(0).filter((m) => !/answered 422/.test(m)).forEach((m) => sink.push(m));
  });
  await step('documents', async (w) => {
    await goto(page, `${appUrl}/documents`, w);
    await uploadTo(w, 'passport', 'original-foreign', 'passport.pdf');
    await uploadTo(w, 'passport', 'translation', 'translation.pdf');
    await uploadTo(w, 'ethnicity-certificate', 'original-kk', 'certificate.jpg');
    await uploadTo(w, 'profession-proof', 'original-kk', 'diploma.pdf');
    await goto(page, `${appUrl}/documents`, w);
    const n = await page.locator('ul.files li').count();
    check(n === 4, w, `${n} files listed, expected 4`);
  });
  await step('check your answers', async (w) => {
    await goto(page, `${appUrl}/check`, w);
    check((await page.locator('.summary-row').count()) >= 20, w, 'too few answer rows');
  });
  await step('submitted', async (w) => {
    await submit(w, /\/submitted$/);
    const ref = (await page.textContent('#reference')) || '';
    check(/^AZ-\d{4}-\d{7}-\d$/.test(ref.trim()), w, `reference "${ref}" is not AZ-YYYY-NNNNNNN-C`);
  });
  await step('overview after submission', async (w) => {
    await goto(page, appUrl, w);
    check((await page.getAttribute('#status', 'data-status')) === 'submitted', w, 'status is not submitted');
    check((await page.locator('#delete-draft').count()) === 0, w, 'a filed application offers to delete it');
    check((await page.locator('#next-text').count()) === 1, w, 'no "what happens next" after submission');
    await keepShot(page, `${lang}-application-submitted`);
    await at320(page, w);
  });
  await step('a throwaway draft, deleted', async (w) => {
    await goto(page, '/applications', w);
    await submit(w, /^\/applications\/\d+$/);
    await clickAndWait(page, '#delete-draft', /^\/applications\/\d+\/delete$/, w);
    await clickAndWait(page, '#delete-confirm', /^\/applications\/deleted$/, w);
  });
  await step('my data, downloaded', async (w) => {
    await goto(page, '/account', w);
    const href = await page.getAttribute('#download-data', 'href');
    check(href === '/account/data.tar', w, `the download link is ${href}`);
    const res = await page.request.get(href);
    check(res.status() === 200, w, `the archive answered ${res.status()}`);
    check((res.headers()['content-type'] || '').startsWith('application/x-tar'), w, `type ${res.headers()['content-type']}`);
    const body = await res.body();
    check(body.length > 0 && body.length % 512 === 0, w, `the archive is ${body.length} bytes, not 512-byte blocks`);
    check(body.subarray(0, 9).toString() === 'data.json', w, 'the archive does not start with data.json');
    check(body.includes(Buffer.from(email)), w, 'the archive does not hold the account\'s e-mail');
  }, { axe: false });
  await context.close();
}


// The applicant's own application, and its "who looked at my data" page with at least one look.
async function whoLooked(page, w) {
  await goto(page, '/applications', w);
  const hrefs = await page.locator('main a[href^="/applications/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const own = hrefs.find((h) => /^\/applications\/\d+$/.test(h));
  check(Boolean(own), w, 'no application listed');
  await goto(page, `${own}/looks`, w);
  check((await page.locator('table tbody tr').count()) >= 1, w, 'the officer who opened the case is not listed');
}

// ---------- in Russian: enrolment, and the data tracker of the Kazakh walk's applicant ----------
async function russianWalk(base) {
  const lang = 'ru';
  const vp = VIEWPORTS[0];
  const label = `[ru ${vp.name} enrolment and who looked]`;
  console.log(`${label} ...`);
  {
    const { context, page, sink } = await openWalk(base, vp, { navigationTimeout: null });
    const step = walkStep(page, lang, vp, sink, label);
    const email = 'officer-ru@kz75.kz';
    const link = addStaff(email, 'officer', 'department-KZ-75');
    await step('choose language', async (w) => chooseLanguage(page, lang, w), { axe: false });
    await step('enrolment with a wrong code', async (w) => {
      await goto(page, link, w);
      await page.fill('#password', 'staff-password-2026');
      await page.fill('#password-confirm', 'staff-password-2026');
      await page.fill('#code', '000000');
      const res = await clickAndWait(page, 'main form button[type=submit]', /^\/account\/enrol$/, w);
      check(res && res.status() === 422, w, `a wrong code answered ${res && res.status()}, expected 422`);
      check((await page.locator('.error-summary').count()) === 1, w, 'no error summary for a wrong code');
    });
    await step('enrolment', async (w) => {
      await staffSignIn(page, email, link, w);
      check((await page.locator('#sessions').count()) === 1, w, 'no sessions on the account page');
    }, { axe: false });
    await step('the queue in Russian', async (w) => {
      await goto(page, '/cases', w);
      check(((await page.textContent('#queue-total')) || '').includes('дел'), w, 'the queue does not count its cases in Russian');
      await keepShot(page, 'ru-queue', { phone: true });
      await at320(page, w);
    });
    await step('the dashboard in Russian', async (w) => {
      await page.context().clearCookies();
      await chooseLanguage(page, lang, w);
      await staffSignIn(page, 'chief-ru@kz75.kz', addStaff('chief-ru@kz75.kz', 'supervisor', 'department-KZ-75'), w);
      await goto(page, '/dashboard', w);
      check((await page.locator('#stage-table tbody tr').count()) >= 1, w, 'no stage in the table of stages');
      await keepShot(page, 'ru-dashboard', { phone: true });
      await at320(page, w);
    });
    await step('the enrolment link, used again', async (w) => {
      await page.context().clearCookies();
      await chooseLanguage(page, lang, w);
      const res = await page.goto(link);
      check(res && res.status() < 500, w, `a used link answered ${res && res.status()}`);
      check((await page.locator('#password').count()) === 0, w, 'a used link still offers to set a password');
      check((await page.locator('main a[href="/account/sign-in"]').count()) >= 1, w, 'a used link does not lead to sign-in');
    });
    await context.close();
  }
  {
    const { context, page, sink } = await openWalk(base, vp);
    const step = walkStep(page, lang, vp, sink, label);
    await step('choose language (applicant)', async (w) => chooseLanguage(page, lang, w), { axe: false });
    await step('who looked at my data', async (w) => {
      await goto(page, '/account/sign-in', w);
      await page.fill('#email', applicantEmail('kk', VIEWPORTS[0]));
      await page.fill('#password', APPLICANT_PASSWORD);
      await clickAndWait(page, 'main form button[type=submit]', /^\/account$/, w);
      await whoLooked(page, w);
    });
    await context.close();
  }
}

// ---------- case work: staff with a second factor, the queue, a case, the agencies' checks ----------
// The server's clock: the system's plus the seconds in its clock file (moved forward by the appeal
// walk, never back), so that second-factor codes are made for the server's time.
let clockShiftSecs = 0;
function clockFile() {
  return path.join(tmpDir, 'clock');
}
function serverNow() {
  return Date.now() + clockShiftSecs * 1000;
}
// Moves the server's clock to the instant `unixSecs`, or leaves it where it is when that has passed.
function shiftServerClock(unixSecs) {
  const shift = Math.ceil(unixSecs - Date.now() / 1000);
  if (shift <= clockShiftSecs) return;
  clockShiftSecs = shift;
  fs.writeFileSync(clockFile(), `${shift}\n`);
}
const STAFF_PASSWORD = 'staff-password-2026';
// Each member of staff's second-factor secret, as their enrolment showed it.
const staffSecrets = {};
// The case the English case walk leaves with an intended refusal, for the appeal walk.
let pendingRefusal = null;

function totp(base32Secret, t = serverNow()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32Secret.replace(/=+$/, '')) bits += alphabet.indexOf(c.toUpperCase()).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 1000 / 30)));
  const h = require('node:crypto').createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0x0f;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

function addStaff(email, role, office) {
  const args = ['staff-add', '--email', email, '--name', email.split('@')[0], '--role', role];
  if (office) args.push('--office', office);
  const res = spawnSync(binary, args, { env: serverEnv, encoding: 'utf8', timeout: 60_000 });
  if (res.status !== 0) throw new Error(`staff-add ${email} failed: ${res.stdout}\n${res.stderr}`);
  // No password and no second factor is printed: only the enrolment link, which the person opens.
  const m = res.stdout.match(/(\/account\/enrol\?token=[0-9a-f]+)/);
  if (!m) throw new Error(`no enrolment link in: ${res.stdout}`);
  return m[1];
}

// The person enrols through the link: their own password, the second factor shown once, a code.
async function staffSignIn(page, email, link, w) {
  await goto(page, link, w);
  await runAxe(page, `${w} (enrolment page)`);
  await page.fill('#password', 'staff-password-2026');
  await page.fill('#password-confirm', 'staff-password-2026');
  const secret = (await page.textContent('#totp-secret')).trim();
  await page.fill('#code', totp(secret));
  await clickAndWait(page, 'main form button[type=submit]', /^\/account$/, w);
  await runAxe(page, `${w} (account page with sessions)`);
  return secret;
}

// `decision`: kk's first case is granted, en's refused; `suffix` and `applicant` for a second walk in
// the same language; `iin`: the IIN's serial (each walk's applicant is another person).
// The same by keyboard only: Tab to each field, type, Enter.
async function staffSignInByKeyboard(page, email, link, w) {
  await goto(page, link, w);
  await tabTo(page, '#password');
  await page.keyboard.type(STAFF_PASSWORD);
  await tabTo(page, '#password-confirm');
  await page.keyboard.type(STAFF_PASSWORD);
  const secret = (await page.textContent('#totp-secret')).trim();
  await tabTo(page, '#code');
  await page.keyboard.type(totp(secret));
  await enterTo(page, /^\/account$/, w);
  return secret;
}

async function caseWalk(base, lang, { suffix = '', decision = lang === 'kk' ? 'grant' : 'refuse', applicant = applicantEmail(lang, VIEWPORTS[0]), iin = lang === 'kk' ? '0001' : '0002' } = {}) {
  const vp = VIEWPORTS[1];
  const byKeyboard = decision === 'grant';
  const label = `[${lang}${suffix} ${vp.name} case work${byKeyboard ? ', the officer by keyboard' : ''}]`;
  console.log(`${label} ...`);
  const who = (role, domainName) => `${role}-${lang}${suffix}@${domainName}`;
  const people = {
    officer: [who('officer', 'kz75.kz'), addStaff(who('officer', 'kz75.kz'), 'officer', 'department-KZ-75')],
    police: [who('police', 'mvd.kz'), addStaff(who('police', 'mvd.kz'), 'checker_police', '')],
    knb: [who('knb', 'knb.kz'), addStaff(who('knb', 'knb.kz'), 'checker_knb', '')],
    supervisor: [who('chief', 'kz75.kz'), addStaff(who('chief', 'kz75.kz'), 'supervisor', 'department-KZ-75')],
    auditor: [who('auditor', 'audit.kz'), addStaff(who('auditor', 'audit.kz'), 'auditor', '')],
  };
  const pages = {};
  for (const [who, [email, secret]] of Object.entries(people)) {
    const { context, page, sink } = await openWalk(base, vp, { navigationTimeout: null });
    pages[who] = { page, sink, context };
    await test(`${label} ${who} signs in`, page, async () => {
      const w = `${label} ${who}`;
      await chooseLanguage(page, lang, w);
      // The officer who grants works by keyboard alone, from the enrolment link to the grant.
      const signIn = who === 'officer' && byKeyboard ? staffSignInByKeyboard : staffSignIn;
      staffSecrets[email] = await signIn(page, email, secret, w);
      drain(sink, w);
    });
  }
  const step = async (who, name, fn) => {
    const { page, sink } = pages[who];
    const w = `${label} ${who}: ${name}`;
    await test(w, page, async () => {
      await fn(page, w);
      await expectLang(page, lang, w);
      await runAxe(page, w);
      drain(sink, w);
    });
  };
  // The walks filed one application per language, both to KZ-75: kk's is granted, en's refused.
  let caseUrl = '';
  if (byKeyboard) {
    await step('officer', 'queue by keyboard: a few Tab presses to the first case', async (page, w) => {
      await tabTo(page, 'a[href="/cases"]');
      await enterTo(page, /^\/cases$/, w);
      await keepShot(page, `${lang}-queue`, { phone: true });
      await at320(page, w);
      // From the top of the page: the skip link to the cases, Enter, then the first case.
      let tabs = 0;
      for (;;) {
        await page.keyboard.press('Tab');
        tabs += 1;
        const at = await page.evaluate(() => {
          const e = document.activeElement;
          return { skip: !!e && e.matches('a.skip-link[href="#cases"]'), first: !!e && e === document.querySelector('#cases table a[href^="/cases/"]') };
        });
        if (at.first) break;
        if (at.skip) await page.keyboard.press('Enter');
        check(tabs < 20, w, 'the first case was not reached with 20 Tab presses');
      }
      check(tabs <= 4, w, `${tabs} Tab presses to the first case (at most 4 expected)`);
      caseUrl = await page.evaluate(() => document.activeElement.getAttribute('href'));
      await enterTo(page, /^\/cases\/\d+$/, w);
      await keepShot(page, `${lang}-case`, { phone: true });
    });
    await step('officer', 'send the checks by keyboard', async (page, w) => {
      await tabTo(page, '#send-checks');
      await enterTo(page, /^\/cases\/\d+$/, w);
      check((await page.getAttribute('#status', 'data-status')) === 'checks_pending', w, 'not checks_pending');
    });
  } else {
    await step('officer', 'queue', async (page, w) => {
      await goto(page, '/cases?status=submitted', w);
      const links = page.locator('table a[href^="/cases/"]');
      check((await links.count()) >= 1, w, 'no submitted case in the queue');
      caseUrl = await links.first().getAttribute('href');
      await keepShot(page, `${lang}-queue-submitted`, { phone: true });
    });
    await step('officer', 'send the checks', async (page, w) => {
      await goto(page, caseUrl, w);
      await clickAndWait(page, '#send-checks', /^\/cases\/\d+$/, w);
      check((await page.getAttribute('#status', 'data-status')) === 'checks_pending', w, 'not checks_pending');
    });
  }
  for (const who of ['police', 'knb']) {
    await step(who, 'answer the check', async (page, w) => {
      await goto(page, '/checks', w);
      const form = page.locator('section.doc-item form').first();
      check((await form.count()) === 1, w, 'no open request');
      await form.locator('input[name=reference]').fill(`${who.toUpperCase()}-1`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('button[type=submit]').click()]);
    });
  }
  await step('officer', 'record the IIN', async (page, w) => {
    // By keyboard, the page is opened again by its address (as from a bookmark): no click.
    await goto(page, caseUrl, w);
    check((await page.getAttribute('#status', 'data-status')) === 'awaiting_iin', w, 'not awaiting_iin');
    const body = '9003273' + iin;
    const digits = [...body].map(Number);
    let sum = digits.reduce((a, d, i) => a + d * (i + 1), 0) % 11;
    if (sum === 10) sum = digits.reduce((a, d, i) => a + d * (((i + 2) % 11) + 1), 0) % 11;
    if (byKeyboard) {
      await tabTo(page, '#iin');
      await page.keyboard.type(body + String(sum));
      await enterTo(page, /^\/cases\/\d+$/, w);
    } else {
      await page.fill('#iin', body + String(sum));
      await clickAndWait(page, 'form[action$="/iin"] button[type=submit]', /^\/cases\/\d+$/, w);
    }
    check((await page.getAttribute('#status', 'data-status')) === 'iin_recorded', w, 'not iin_recorded');
  });
  if (decision === 'grant') {
    await step('officer', 'review every document', async (page, w) => {
      // A grant needs every document reviewed and accepted (each form starts on no choice).
      const forms = page.locator('form[action$="/review"]');
      const n = await forms.count();
      check(n >= 1, w, 'no document to review');
      const ids = await page.$$eval('form[action$="/review"] select', (els) => els.map((e) => e.id));
      for (const id of ids) {
        check((await page.inputValue(`#${id}`)) === '', w, 'a review starts chosen');
        // By keyboard: Tab to the verdict, the arrow to "accepted" (the first choice), Tab to its button.
        await tabTo(page, `#${id}`);
        await page.keyboard.press('ArrowDown');
        check((await page.inputValue(`#${id}`)) === 'accepted', w, `the arrow key did not choose "accepted" in #${id}`);
        await tabTo(page, `form:has(#${id}) button[type=submit]`);
        await enterTo(page, /^\/cases\/\d+$/, w);
      }
    });
    await step('officer', 'grant by keyboard', async (page, w) => {
      // The grant goes through its summary; nothing is decided until it is confirmed.
      await tabTo(page, '#grant');
      await enterTo(page, /^\/cases\/\d+\/confirm$/, w);
      await keepShot(page, `${lang}-case-confirm-grant`, { phone: true });
      await at320(page, w);
      await tabTo(page, '#confirm');
      await enterTo(page, /^\/cases\/\d+$/, w);
      check((await page.getAttribute('#status', 'data-status')) === 'granted', w, 'not granted');
      await keepShot(page, `${lang}-case-granted`, { phone: true });
    });
    // The grant issued a card: the holder's pages, the public check in every language, a reissue.
    await cardWalk(base, lang, pages.officer, caseUrl);
  } else {
    await step('officer', 'propose a refusal', async (page, w) => {
      await page.selectOption('#ground', 'documents');
      await page.fill('#refuse-reason', 'The diploma could not be verified.');
      await clickAndWait(page, '#refuse', /^\/cases\/\d+\/confirm$/, w);
      check(((await page.textContent('#confirm-reason')) || '').includes('diploma'), w, 'the summary lacks the reason');
      await clickAndWait(page, '#confirm', /^\/cases\/\d+$/, w);
      check((await page.getAttribute('#status', 'data-status')) === 'refusal_pending', w, 'not refusal_pending');
    });
    await step('supervisor', 'cannot countersign while the applicant may answer', async (page, w) => {
      await goto(page, caseUrl, w);
      check(((await page.textContent('#proposal-reason')) || '').includes('diploma'), w, 'the supervisor does not see the proposal');
      await screenshot(page, `${lang}-case-proposal`);
      const res = await clickAndWait(page, '#countersign', /^\/cases\/\d+\/countersign$/, w);
      check(res && res.status() === 422, w, `a countersignature inside the window answered ${res && res.status()}`);
      check((await page.getAttribute('#status', 'data-status')) === 'refusal_pending', w, 'the refusal took effect inside the window');
    });
    // The applicant answers, is heard, complains, and the higher body decides: the appeal walk, last.
    pendingRefusal = { caseUrl, applicant, officer: people.officer[0], supervisor: people.supervisor[0] };
  }
  await step('supervisor', 'dashboard', async (page, w) => {
    await goto(page, '/dashboard', w);
    check((await page.locator('svg.chart').count()) >= 6, w, 'fewer than six charts (in, out, on time, median and the counts)');
    check((await page.locator('#week-table tbody tr').count()) === 12, w, 'not twelve weeks in the table beside the chart');
    check((await page.locator('#stage-table tbody tr').count()) >= 1, w, 'no stage in the table of stages');
    const csv = await page.context().request.get(new URL(await page.getAttribute('#flow-csv', 'href'), page.url()).href);
    check(csv.status() === 200 && (await csv.text()).includes('\nstage,,all,'), w, `the CSV answered ${csv.status()} without stage rows`);
    await keepShot(page, `${lang}-dashboard`, { phone: true });
    await at320(page, w);
  });
  // The auditor: the case's entries in the audit log, and one of them with its proof and checkpoint.
  await step('auditor', 'the audit log of the case', async (page, w) => {
    await goto(page, `/audit?application=${caseUrl.split('/').pop()}`, w);
    check((await page.locator('table tbody tr').count()) >= 3, w, 'fewer than three entries for the case');
    check((await page.locator('nav a[href="/audit"]').count()) >= 1, w, 'no audit log in the staff menu');
  });
  await step('auditor', 'an entry with its inclusion proof', async (page, w) => {
    await clickAndWait(page, 'table tbody tr a[href^="/audit/entries/"]', /^\/audit\/entries\/\d+$/, w);
    check(((await page.textContent('main')) || '').includes('/atajoly/log'), w, 'no signed checkpoint on the entry page');
  });
  for (const { context } of Object.values(pages)) await context.close();
}

// ---------- the card: the holder's pages, the public check, a reissue on a new passport ----------
// What the card walk learned, for the checks without JavaScript at the end.
const issued = { number: null, qrText: null, newNumber: null };

// The number with its check character replaced by another (so the check character is wrong).
function wrongCheckCharacter(number) {
  const last = number.slice(-1);
  return number.slice(0, -1) + (last === '0' ? '1' : '0');
}
// The QR text with one character of its middle changed to another of the same kind.
function tamperedQr(text) {
  const i = Math.floor(text.length / 2);
  let at = i;
  while (at < text.length && !/[0-9A-Z]/.test(text[at])) at += 1;
  const c = text[at];
  const other = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1);
  return text.slice(0, at) + other + text.slice(at + 1);
}
function isoDay(offsetDays) {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

// The holder (the applicant of `lang`'s granted case, on a phone) and the officer of the case (desktop).
async function cardWalk(base, lang, officer, caseUrl) {
  const vp = VIEWPORTS[0];
  const label = `[${lang} ${vp.name} card]`;
  console.log(`${label} ...`);
  const { context, page, sink } = await openWalk(base, vp);
  const step = walkStep(page, lang, vp, sink, label);
  const officerStep = async (name, fn) => {
    const w = `${label} officer: ${name}`;
    await test(w, officer.page, async () => {
      await fn(officer.page, w);
      await expectLang(officer.page, lang, w);
      await runAxe(officer.page, w);
      drain(officer.sink, w);
    });
  };
  let cardUrl = '';
  let passport = '';

  await step('choose language', async (w) => chooseLanguage(page, lang, w), { axe: false });
  await step('sign in: /account has my cards', async (w) => {
    await goto(page, '/account/sign-in', w);
    await page.fill('#email', applicantEmail(lang, vp));
    await page.fill('#password', APPLICANT_PASSWORD);
    await clickAndWait(page, 'main form button[type=submit]', /^\/account$/, w);
    check((await page.locator('#my-cards').count()) === 1, w, 'no #my-cards on /account after the grant');
  });
  await step('who looked at my data', async (w) => {
    await whoLooked(page, w);
  });
  await step('back to /account', async (w) => goto(page, '/account', w), { axe: false });
  await step('/account/cards', async (w) => {
    const res = await clickAndWait(page, '#my-cards', /^\/account\/cards$/, w);
    check(res && res.status() === 200, w, `/account/cards answered ${res && res.status()}, expected 200`);
    const rows = page.locator('table tbody tr');
    check((await rows.count()) === 1, w, `${await rows.count()} cards listed, expected 1`);
    check((await rows.first().locator('td[data-state]').getAttribute('data-state')) === 'valid', w, 'the card is not listed as valid');
  });
  await step('the card page', async (w) => {
    const res = await clickAndWait(page, 'table tbody tr a[href^="/account/cards/"]', /^\/account\/cards\/AZ\d{9}[0-9A-Z]$/, w);
    check(res && res.status() === 200, w, `the card page answered ${res && res.status()}, expected 200`);
    cardUrl = new URL(page.url()).pathname;
    issued.number = cardUrl.split('/').pop();
    check((await page.locator('#card-state[data-state=valid]').count()) === 1, w, 'no #card-state[data-state=valid]');
    const fig = page.locator('figure.qr[role=img]');
    check((await fig.count()) === 1, w, 'no QR figure');
    check(((await fig.getAttribute('aria-label')) || '').includes(issued.number), w, 'the QR figure\'s label does not name the card number');
    check((await fig.locator('svg').count()) === 1, w, 'the QR figure holds no SVG');
    issued.qrText = ((await page.textContent('#qr-text')) || '').trim();
    issued.birthDate = (await page.getAttribute('#card-birth-date time', 'datetime')) || '';
    check(/^\d{4}-\d{2}-\d{2}$/.test(issued.birthDate), w, `the card's date of birth "${issued.birthDate}" is not a date`);
    check(/^AZ1:/.test(issued.qrText), w, `#qr-text "${issued.qrText.slice(0, 20)}" does not start with AZ1:`);
    passport = (await page.locator('.summary-row', { hasText: 'E1234567' }).count()) === 1 ? 'E1234567' : '';
    check(passport, w, 'the passport number E1234567 is not on the card page');
    check((await page.locator('#verification-log-empty').count()) === 1, w, 'a new card\'s verification log is not empty');
  });
  await step('downloads answer within the session', async (w) => {
    const want = { 'card.pdf': 'application/pdf', 'qr.svg': 'image/svg+xml', 'qr.png': 'image/png' };
    const hrefs = await page.locator('ul.downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    check(hrefs.length === 3, w, `${hrefs.length} download links, expected 3`);
    const got = await page.evaluate(async (list) => Promise.all(list.map(async (h) => {
      const r = await fetch(h);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { href: h, status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
    })), hrefs);
    const magic = { 'card.pdf': '%PDF-', 'qr.svg': '<', 'qr.png': '\x89PNG\r' };
    for (const [file, type] of Object.entries(want)) {
      const r = got.find((g) => g.href === `${cardUrl}/${file}`);
      check(r, w, `no link to ${cardUrl}/${file}`);
      check(r.status === 200, w, `${r.href} answered ${r.status}`);
      check((r.type || '').split(';')[0] === type, w, `${r.href} is ${r.type}, expected ${type}`);
      check(r.head.startsWith(magic[file]) && r.size > 100, w, `${r.href} does not look like ${type} (${JSON.stringify(r.head)}, ${r.size} bytes)`);
    }
  }, { axe: false });

  // The public check, anonymous, in every language on both viewports.
  let checks = 0;
  for (const l of LANGS) for (const v of VIEWPORTS) checks += await verifyWalk(base, l, v);

  await step('the verification log lists the checks', async (w) => {
    // The worker writes the log every couple of seconds.
    let n = 0;
    for (let i = 0; i < 20; i += 1) {
      await goto(page, cardUrl, w);
      n = await page.locator('#verification-log tbody tr').count();
      if (n >= checks) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    check(n === checks, w, `#verification-log has ${n} rows, expected ${checks} (each check by number, with or without the date of birth, and by QR on each visit to /verify)`);
  });
  await step('new passport: the same number is refused', async (w) => {
    await page.fill('#passport-number', passport);
    await page.fill('#passport-issued', isoDay(-30));
    await page.fill('#passport-expires', isoDay(3650));
    const res = await clickAndWait(page, '#report-passport', new RegExp(`^${cardUrl}/passport$`), w);
    check(res && res.status() === 422, w, `the same passport answered ${res && res.status()}, expected 422`);
    const summary = page.locator('.error-summary');
    check((await summary.count()) === 1 && (await summary.isVisible()), w, 'no visible .error-summary');
    check((await summary.locator('a[href="#passport-number"]').count()) === 1, w, 'the error summary does not link to #passport-number');
    check((await page.locator('#passport-number[aria-invalid="true"]').count()) === 1, w, '#passport-number is not aria-invalid');
    // What was typed comes back (WCAG 3.3.7), so only the wrong field needs typing again.
    check((await page.inputValue('#passport-expires')) === isoDay(3650), w, 'the expiry date typed before the error is gone');
    check((await page.title()).includes(':'), w, `the title "${await page.title()}" has no error prefix`);
  });
  await step('new passport', async (w) => {
    await page.fill('#passport-number', 'E7654321');
    await page.fill('#passport-issued', isoDay(-30));
    await page.fill('#passport-expires', isoDay(3650));
    await clickAndWait(page, '#report-passport', new RegExp(`^${cardUrl}$`), w);
    check((await page.locator('#reissue-pending').count()) === 1, w, 'no #reissue-pending after the report');
    check((await page.locator('#report-passport').count()) === 0, w, 'the passport form is still offered while a report is pending');
  });
  await officerStep('the reissue request on the case page', async (p, w) => {
    await goto(p, caseUrl, w);
    check((await p.locator('#card-number').textContent()).trim() === issued.number, w, 'the case page does not show the card');
    check((await p.locator('p.notice', { hasText: 'E7654321' }).count()) === 1, w, 'the case page does not show the reported passport E7654321');
    check((await p.locator('#card-reissue').count()) === 1, w, 'no #card-reissue button');
  });
  await officerStep('reissue', async (p, w) => {
    await clickAndWait(p, '#card-reissue', /^\/cases\/\d+$/, w);
    check((await p.locator('#card-state[data-state=valid]').count()) === 1, w, `the newest card is not valid (#card-state data-state=${await p.getAttribute('#card-state', 'data-state')})`);
    issued.newNumber = ((await p.textContent('#card-number')) || '').trim();
    check(/^AZ\d{9}[0-9A-Z]$/.test(issued.newNumber) && issued.newNumber !== issued.number, w, `#card-number is "${issued.newNumber}", expected a new number (the old was ${issued.number})`);
    check((await p.locator('#card-reissue').count()) === 0, w, '#card-reissue is still offered');
  });
  await step('/account/cards after the reissue', async (w) => {
    await goto(page, '/account/cards', w);
    const rows = page.locator('table tbody tr');
    check((await rows.count()) === 2, w, `${await rows.count()} cards listed, expected 2`);
    const state = async (n) => page.locator('table tbody tr', { hasText: n }).locator('td[data-state]').getAttribute('data-state');
    check((await state(issued.number)) === 'superseded', w, `the old card ${issued.number} is ${await state(issued.number)}, expected superseded`);
    check((await state(issued.newNumber)) === 'valid', w, `the new card ${issued.newNumber} is ${await state(issued.newNumber)}, expected valid`);
  });
  await step('the superseded card page', async (w) => {
    await goto(page, cardUrl, w);
    check((await page.locator('#card-state[data-state=superseded]').count()) === 1, w, 'the old card is not shown superseded');
    check((await page.locator(`a[href="/account/cards/${issued.newNumber}"]`).count()) === 1, w, 'no link to the new card');
    check((await page.locator('figure.qr').count()) === 0, w, 'a superseded card still shows its QR');
  });
  await context.close();
}

// /verify for an anonymous visitor: the empty form, a number, the QR text, a wrong check character, a
// changed QR. Returns how many checks it made that the card's log should list (the number and the QR).
async function verifyWalk(base, lang, vp) {
  const label = `[${lang} ${vp.name} verify]`;
  console.log(`${label} ...`);
  const { context, page, sink } = await openWalk(base, vp);
  let logged = 0;
  const step = walkStep(page, lang, vp, sink, label);
  const submitted = async (w, fill) => {
    await goto(page, '/verify', w);
    // Who is checking has no default: the holder's log shows it.
    check((await page.inputValue('#verifier')) === '', w, `#verifier starts on "${await page.inputValue('#verifier')}", expected no choice`);
    await page.selectOption('#verifier', 'school');
    await fill();
    const res = await clickAndWait(page, '#verify-submit', /^\/verify$/, w);
    check(res && res.status() === 200, w, `POST /verify answered ${res && res.status()}, expected 200`);
    check((await page.locator('#verdict').count()) === 1, w, 'no #verdict');
    const title = ((await page.textContent('#verdict h2')) || '').trim();
    check(title && !/^verify-/.test(title), w, `the verdict's heading is "${title}"`);
    return { category: await page.getAttribute('#verdict', 'data-category'), code: await page.getAttribute('#verdict', 'data-code') };
  };
  await step('choose language', async (w) => chooseLanguage(page, lang, w));
  await step('/verify', async (w) => {
    await goto(page, '/verify', w);
    check((await page.locator('#verdict').count()) === 0, w, 'a verdict on the empty form');
    check((await page.locator('#number').count()) === 1 && (await page.locator('#qr').count()) === 1, w, 'no #number or #qr');
  });
  if (!issued.number || !issued.qrText) {
    await test(`${label} a card to check`, page, async () => check(false, label, 'no card was issued (the card walk failed before its QR text)'));
    await context.close();
    return 0;
  }
  await step('a card number', async (w) => {
    const r = await submitted(w, () => page.fill('#number', issued.number));
    logged += 1;
    check(r.category === 'valid', w, `data-category=${r.category} (code ${r.code}), expected valid`);
    check((await page.locator('#verified-name').count()) === 0, w, 'a number alone shows a name (numbers can be walked)');
    check((await page.locator('#number-only').count()) === 1, w, 'no #number-only hint saying how to see the initials');
  });
  await step('a card number with the date of birth', async (w) => {
    const r = await submitted(w, async () => {
      await page.fill('#number', issued.number);
      await page.fill('#birth-date', issued.birthDate);
    });
    logged += 1;
    check(r.category === 'valid', w, `data-category=${r.category} (code ${r.code}), expected valid`);
    const name = ((await page.textContent('#verified-name')) || '').trim();
    check(name === 'B. N.', w, `a number and date of birth show the name "${name}", expected the initials "B. N."`);
  });
  // Wrong dates of birth are limited per card and network (5 in 15 minutes, then 429, the right date
  // too): the walks of all languages check the same card from one address, so only the phone walks try one.
  if (vp.isMobile) await step('a card number with a wrong date of birth', async (w) => {
    const r = await submitted(w, async () => {
      await page.fill('#number', issued.number);
      await page.fill('#birth-date', '1901-01-01');
    });
    logged += 1;
    check(r.category === 'valid', w, `data-category=${r.category} (code ${r.code}), expected valid`);
    check((await page.locator('#verified-name').count()) === 0, w, 'a wrong date of birth shows a name');
  });
  await step('the QR text', async (w) => {
    const r = await submitted(w, () => page.fill('#qr', issued.qrText));
    logged += 1;
    check(r.category === 'valid', w, `data-category=${r.category} (code ${r.code}), expected valid`);
    const name = ((await page.textContent('#verified-name')) || '').trim();
    check(name === 'BEKOV NURLAN', w, `the QR check shows the name "${name}", expected "BEKOV NURLAN"`);
  });
  await step('a wrong check character', async (w) => {
    const r = await submitted(w, () => page.fill('#number', wrongCheckCharacter(issued.number)));
    check(r.category === 'mistyped' && r.code === 'bad-card-number', w, `data-category=${r.category} data-code=${r.code}, expected mistyped and bad-card-number (a typing mistake, not a forgery)`);
    check((await page.locator('#verified-name').count()) === 0, w, 'a name is shown for a wrong number');
  });
  await step('a changed QR text', async (w) => {
    const r = await submitted(w, () => page.fill('#qr', tamperedQr(issued.qrText)));
    check(r.category === 'not-genuine', w, `data-category=${r.category} (code ${r.code}), expected not-genuine`);
    check((await page.locator('#verified-name').count()) === 0, w, 'a name is shown for a changed QR');
  });
  await context.close();
  return logged;
}

// ---------- main ----------
async function main() {
  const started = Date.now();
  const limit = Number(process.env.ATAJOLY_BROWSER_TIMEOUT_S || 900) * 1000;
  const watchdog = setTimeout(async () => {
    console.error(`browser-tests: FATAL: the run took longer than ${limit / 1000} s; stopping`);
    await cleanup();
    process.exit(1);
  }, limit);
  watchdog.unref();

  console.log(`browser-tests: binary ${binary}`);
  const base = await startServer();
  console.log(`browser-tests: server ready at ${base}`);
  // Signals are ours to handle (cleanup closes the browser, then stops the server).
  browser = await chromium.launch({
    executablePath: chromiumBin,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  console.log(`browser-tests: Chromium ${browser.version()}, axe-core ${require('axe-core/package.json').version}, languages ${LANGS.join(',')}`);

  // axe must find known violations on a known-bad page; otherwise "0 violations" would mean nothing.
  await test('axe self-test', null, async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.setContent('<html><head><title>t</title></head><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="#"></a></body></html>');
    await page.addScriptTag({ content: axeSource });
    const ids = await page.evaluate(async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations.map((v) => v.id), AXE_TAGS);
    await context.close();
    for (const id of ['html-has-lang', 'image-alt', 'link-name']) check(ids.includes(id), 'axe self-test', `axe did not report ${id} on a page that breaks it (found: ${ids.join(', ')})`);
  });

  for (const lang of LANGS) {
    for (const vp of VIEWPORTS) {
      const label = `[${lang} ${vp.name}]`;
      console.log(`${label} ...`);
      const { context, page, sink } = await openWalk(base, vp);
      await test(`${label} choose language`, page, async () => {
        await chooseLanguage(page, lang, `${label} /?lang=${lang}`);
        drain(sink, label);
      });
      await guideWalk(page, lang, vp, label, sink);
      await screenerFull(page, lang, vp, label, sink);
      await screenerCitizen(page, lang, label, sink);
      await context.close();
    }
  }

  // A whole application from sign-up to submission, in Kazakh and English on a phone.
  for (const lang of LANGS.filter((l) => l === 'kk' || l === 'en')) {
    await applicationWalk(base, lang, VIEWPORTS[0]);
  }
  for (const lang of LANGS.filter((l) => l === 'kk' || l === 'en')) {
    await caseWalk(base, lang);
  }
  // In Russian too: a member of staff enrols, and the applicant whose case staff opened reads who
  // looked at their data (the other walks do both in Kazakh and English).
  if (LANGS.includes('ru') && LANGS.includes('kk')) await russianWalk(base);
  if (!issued.number) notes.add('no card was issued: the card pages and /verify are walked after the granted case, which needs kk in ATAJOLY_BROWSER_LANGS');

  // Without JavaScript, and with the site's real CSP enforced (no bypass): the check still works, and
  // no page breaks its own Content-Security-Policy.
  {
    const lang = LANGS.includes('en') ? 'en' : LANGS[0];
    const label = `[${lang} desktop no-JS CSP]`;
    console.log(`${label} ...`);
    const { context, page, sink } = await openWalk(base, VIEWPORTS[1], {
      extra: { javaScriptEnabled: false, bypassCSP: false },
      navigationTimeout: null,
    });
    await test(`${label} choose language`, page, async () => {
      await chooseLanguage(page, lang, `${label} /?lang=${lang}`);
      drain(sink, label);
    });
    for (const url of GUIDE_PAGES) {
      const where = `${label} ${url}`;
      await test(where, page, async () => {
        await goto(page, url, where);
        await expectLang(page, lang, where);
        drain(sink, where);
      });
    }
    await screenerFull(page, lang, VIEWPORTS[1], label, sink, { withAxe: false });
    await screenerCitizen(page, lang, label, sink, { withAxe: false });
    // The public check of a card number works without JavaScript (the scanner stays hidden).
    if (issued.newNumber) {
      for (const [number, category] of [[issued.newNumber, 'valid'], [issued.number, 'superseded']]) {
        const where = `${label} /verify ${category} card`;
        await test(where, page, async () => {
          await goto(page, '/verify', where);
          check(await page.locator('#scanner').isHidden(), where, 'the camera scanner is shown without JavaScript');
          await page.selectOption('#verifier', 'border');
          await page.fill('#number', number);
          // The card's own state (superseded) is told only with the holder's date of birth.
          await page.fill('#birth-date', issued.birthDate);
          const res = await clickAndWait(page, '#verify-submit', /^\/verify$/, where);
          check(res && res.status() === 200, where, `POST /verify answered ${res && res.status()}, expected 200`);
          const got = await page.getAttribute('#verdict', 'data-category');
          check(got === category, where, `data-category=${got}, expected ${category}`);
          await expectLang(page, lang, where);
          drain(sink, where);
        });
      }
    } else {
      notes.add('no card was reissued (the card walk runs after the granted kk case), so /verify was not checked without JavaScript');
    }
    await context.close();
  }

  // Last, as it moves the server's clock forward: the refusal the English case walk left pending, contested.
  if (pendingRefusal) {
    const h = { VIEWPORTS, openWalk, test, goto, clickAndWait, check, runAxe, expectLang, drain, chooseLanguage, totp, serverNow, shiftServerClock, staffSecrets, staffSignIn, addStaff, APPLICANT_PASSWORD, STAFF_PASSWORD, SAMPLE_PDF };
    await appealWalk(h, base, 'en', pendingRefusal);
    // In Kazakh too: another applicant (a second passport and IIN) on a desktop, refused, contested.
    if (LANGS.includes('kk')) {
      pendingRefusal = null;
      await applicationWalk(base, 'kk', VIEWPORTS[1], 'E3456789');
      await caseWalk(base, 'kk', { suffix: '2', decision: 'refuse', applicant: applicantEmail('kk', VIEWPORTS[1]), iin: '0003' });
      if (pendingRefusal) await appealWalk(h, base, 'kk', pendingRefusal);
      else notes.add('the second Kazakh case walk left no refusal pending: the Kazakh appeal walk did not run');
    }
  } else {
    notes.add('no refusal was left pending (the English case walk leaves one), so the hearing and complaint walk did not run');
  }

  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log('');
  console.log(`browser-tests: ${pagesChecked} pages checked, ${axeRuns} axe runs, ${axeViolations} axe violations (${axeIncomplete} needing review, not counted), ${secs} s`);
  if (incompleteIds.size) {
    console.log('browser-tests: axe results needing manual review (not failures):');
    for (const [id, e] of incompleteIds) {
      const t = [...e.targets];
      console.log(`  - ${id} on ${e.pages.length} page(s) (${e.pages.slice(0, 3).join('; ')}${e.pages.length > 3 ? '; ...' : ''}): ${t.slice(0, 4).join(', ')}${t.length > 4 ? `, and ${t.length - 4} more` : ''}`);
    }
  }
  for (const n of notes) console.log(`browser-tests: note: ${n}`);
  if (failures.length) {
    console.log(`browser-tests: ${failures.length} failure(s):`);
    for (const f of failures) console.log(`  - ${f.where}: ${f.msg.split('\n')[0]}`);
    console.log(`browser-tests: screenshots and the server log: ${path.relative(repoRoot, outDir) || outDir}`);
  }
  return failures.length === 0;
}

let ok = false;
try {
  ok = await main();
} catch (e) {
  console.error(`browser-tests: FATAL: ${(e && e.stack) || e}`);
  ok = false;
}
await cleanup();
// A fatal error outside any test still counts as one failure.
if (!ok && failedTests === 0) failedTests = 1;
console.log(`browser: ${passed} passed, ${failedTests} failed`);
process.exit(ok ? 0 : 1);
