// The harness of the browser tests of beraad-server's web front end: Debian's
// headless Chromium driven by playwright-core, axe-core for accessibility
// (WCAG 2.1 A and AA), full-page screenshots, the real beraad-server on a free
// loopback port, the beraad CLI, and a small test runner that prints TAP.
//
//   import {test, run, launch, startServer, createStore, checkA11y} from './harness.mjs';
//   test('the overview', async () => { ... });
//   await run();   // exit 1 when a test failed or a checked page has a violation
//
// Environment: BERAAD_BIN_DIR (the build's bin folder), BERAAD_CHROMIUM
// (default /usr/bin/chromium), BERAAD_ARTIFACTS (screenshots; default
// ./artifacts). A missing Chromium fails the test: it is never skipped.
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

// The WCAG levels every checked page must meet.
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Every page checkA11y saw: {name, url, violations: [{id, impact, help, target, nodes}]}.
export const checkedPages = [];

// Browsers, servers and temporary folders still open; run() closes them after
// the last test, whatever the tests did.
const openBrowsers = new Set();
const runningServers = new Map(); // server -> its child process
const tempDirs = new Set();

// launch(options): Chromium from BERAAD_CHROMIUM or /usr/bin/chromium,
// headless, without the sandbox (the tests run as root). The options go to
// playwright's chromium.launch. Rejects with a clear message when the
// binary is missing.
export async function launch(options = {}) {
  const executablePath = process.env.BERAAD_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run scripts/setup (Debian package chromium)`);
  }
  const browser = await chromium.launch({
    ...options,
    executablePath,
    headless: true,
    args: ['--no-sandbox', ...(options.args ?? [])],
  });
  openBrowsers.add(browser);
  browser.on('disconnected', () => openBrowsers.delete(browser));
  return browser;
}

// The axe-core source, read once.
let axeSource;
function axe() {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

// checkA11y(page, name, {record}): runs axe-core on the page as it is now
// against WCAG 2.0/2.1 A and AA, records the page and its violations for
// run()'s summary (unless record is false: for a test of the check itself)
// and returns the violations as axe reports them.
//
// How axe gets into the page: the server's Content-Security-Policy allows no
// inline script, so page.addScriptTag({content}) is blocked ("Executing
// inline script violates ... script-src"). A context with bypassCSP: true
// would let it in, but it switches the policy off for the whole page, so a
// test would no longer see what the CSP blocks in the real front end.
// page.evaluate(source) runs the source through the DevTools protocol,
// which the page's CSP does not govern, and leaves the policy in force.
// It goes into every frame, so axe can check iframes as well.
export async function checkA11y(page, name, { record = true } = {}) {
  const source = axe();
  for (const frame of page.frames()) {
    const present = await frame.evaluate(() => typeof window.axe?.run === 'function').catch(() => null);
    if (present === false) {
      await frame.evaluate(source);
    }
  }
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) {
    throw new Error(`checkA11y ${name}: axe-core did not load into ${page.url()}`);
  }
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  if (record) {
    checkedPages.push({
      name,
      url: page.url(),
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        target: v.nodes[0]?.target?.join(' ') ?? '',
        nodes: v.nodes.length,
      })),
    });
  }
  return result.violations;
}

// screenshot(page, name, {maxHeight}): a full-page PNG in BERAAD_ARTIFACTS
// (default ./artifacts, created when missing) named after name; returns its
// path. A page taller than maxHeight (default 16384 px) is cut to its first
// maxHeight px: Chromium's full-page capture lays the whole page out as one
// image, and a page of 100 000 px (the OpenAPI document) takes 40 s and more.
export async function screenshot(page, name, { maxHeight = 16384 } = {}) {
  const dir = path.resolve(process.env.BERAAD_ARTIFACTS || 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const base = String(name).replace(/\.png$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'page';
  const file = path.join(dir, `${base}.png`);
  const height = await page.evaluate(() =>
    Math.max(document.documentElement?.scrollHeight ?? 0, document.body?.scrollHeight ?? 0));
  const viewport = page.viewportSize();
  if (height <= maxHeight || !viewport) {
    await page.screenshot({ path: file, fullPage: true });
  } else {
    // The viewport made maxHeight tall shows the page's top part; put back after.
    await page.setViewportSize({ width: viewport.width, height: maxHeight });
    try {
      await page.screenshot({ path: file });
    } finally {
      await page.setViewportSize(viewport);
    }
    console.log(`# screenshot ${base}.png: the page is ${height} px tall; its first ${maxHeight} px are kept`);
  }
  return file;
}

// A port free on 127.0.0.1 now: listen on port 0, read the port, close.
// beraad-server binds with SO_REUSEPORT (two of them can listen on one
// port), so a port is only known free at this moment; another server that
// takes it in the few ms before ours starts would share it.
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// The status of GET url, or null when nothing answers. A fresh connection
// each time (agent: false), so no kept-alive socket delays the server's stop.
function getStatus(url, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
      response.on('error', () => resolve(null));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The last 64 KiB of a stream, for error messages.
function tail(stream) {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    text = (text + chunk).slice(-65536);
  });
  return () => text;
}

function binary(binDir, name) {
  const dir = binDir || process.env.BERAAD_BIN_DIR;
  if (!dir) throw new Error(`no bin folder for ${name}: pass binDir or set BERAAD_BIN_DIR`);
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: build Beraad first (ninja -C build)`);
  return file;
}

// startServer({binDir, store, port, args, env}): the real beraad-server on
// 127.0.0.1 (a free port unless port is given) with the store, plus any
// further command-line args. Resolves when the server has printed that it
// listens on the port and GET /api/v1/health answers 200 (at most 20 s) to {url, port, stop(), output()}: url has no trailing
// slash and no /api/v1; stop() sends SIGTERM, waits at most 10 s for the
// exit, then SIGKILL, and rejects unless the server exited 0; output() is
// the tail of its standard output and error (the access log).
export async function startServer({ binDir, store, port, args = [], env } = {}) {
  if (!store) throw new Error('startServer: store is required');
  const bin = binary(binDir, 'beraad-server');
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['--store', store, '--bind', '127.0.0.1', '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: mergeEnv(env),
  });
  const stdout = tail(child.stdout);
  const stderr = tail(child.stderr);
  const output = () => `${stdout()}${stderr()}`;
  let exit = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  let spawnError = null;
  child.on('error', (error) => {
    spawnError = error;
  });

  let stopping = null;
  const server = {
    url,
    port,
    output,
    stop() {
      stopping ??= (async () => {
        if (!exit && !spawnError) {
          child.kill('SIGTERM');
          const stopped = await Promise.race([exited, sleep(10000).then(() => null)]);
          if (!stopped) {
            child.kill('SIGKILL');
            await exited;
            throw new Error(`beraad-server did not stop within 10 s of SIGTERM (killed):\n${output()}`);
          }
        }
        runningServers.delete(server);
        if (exit && exit.code !== 0) {
          throw new Error(`beraad-server exited with ${exit.code ?? exit.signal}:\n${output()}`);
        }
        return exit;
      })();
      return stopping;
    },
  };
  runningServers.set(server, child);

  const deadline = Date.now() + 20000;
  for (;;) {
    if (spawnError) {
      runningServers.delete(server);
      throw new Error(`beraad-server could not be started: ${spawnError.message}`);
    }
    if (exit) {
      runningServers.delete(server);
      throw new Error(`beraad-server exited with ${exit.code ?? exit.signal} before it answered:\n${output()}`);
    }
    // Ours answers: it says it listens on the port, and /health is 200.
    if (stdout().includes(`listening on ${url}/`) && (await getStatus(`${url}/api/v1/health`)) === 200) {
      return server;
    }
    if (Date.now() > deadline) {
      await server.stop().catch(() => {});
      throw new Error(`beraad-server did not answer GET /api/v1/health with 200 within 20 s:\n${output()}`);
    }
    await sleep(100);
  }
}

// process.env with env over it; a key whose value is undefined is removed
// (say BERAAD_SERVER: undefined so the CLI cannot go remote).
function mergeEnv(env = {}) {
  const merged = { ...process.env };
  for (const [key, value] of Object.entries(env ?? {})) {
    if (value === undefined) delete merged[key];
    else merged[key] = String(value);
  }
  return merged;
}

// beraad(binDir, args, env, {allowFailure, input}): runs the CLI and returns
// {status, stdout, stderr}; throws with its standard error when the status is
// not 0, unless allowFailure. The store and the actor come from args or env
// as on the command line (docs/cli.md): --store FILE or BERAAD_STORE; a write
// on a local store needs --as NAME or BERAAD_ACTOR, and --role ROLE (or
// BERAAD_ROLE) where it needs more than a kwartiermaker, e.g. --role
// beheerder for token create.
export function beraad(binDir, args, env = {}, { allowFailure = false, input } = {}) {
  const bin = binary(binDir, 'beraad');
  const result = spawnSync(bin, args, {
    env: mergeEnv(env),
    input,
    encoding: 'utf8',
    timeout: 120000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`beraad ${args.join(' ')}: ${result.error.message}`);
  const status = result.status ?? 128;
  if (status !== 0 && !allowFailure) {
    const how = result.status === null ? `was killed by ${result.signal}` : `exited ${status}`;
    throw new Error(`beraad ${args.join(' ')} ${how}: ${result.stderr.trim()}`);
  }
  return { status, stdout: result.stdout, stderr: result.stderr };
}

// createStore(binDir): a fresh store in a new temporary folder, created and
// loaded with the reference data by the CLI. Returns {dir, store, env}: env
// names the store, an actor (Browsertest) and a receipts folder in dir, for
// beraad(). The folder is removed after run() (kept with BERAAD_KEEP_TMP=1).
export function createStore(binDir) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beraad-browser-'));
  tempDirs.add(dir);
  const store = path.join(dir, 'store.sqlite');
  const env = {
    BERAAD_STORE: store,
    BERAAD_ACTOR: 'Browsertest',
    BERAAD_ONTVANGSTBEWIJZEN: path.join(dir, 'ontvangstbewijzen'),
    BERAAD_SERVER: undefined,
    BERAAD_TOKEN: undefined,
  };
  beraad(binDir, ['regio', 'list'], env);
  if (!fs.existsSync(store)) throw new Error(`beraad regio list did not create the store ${store}`);
  return { dir, store, env };
}

// The test runner: test() registers, run() runs them in order.
const tests = [];

// test(name, fn, {timeout}): fn may be async; it fails when it throws or
// takes longer than timeout ms (default 120 s).
export function test(name, fn, { timeout = 120000 } = {}) {
  tests.push({ name, fn, timeout });
}

function withTimeout(promise, ms, name) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function indent(text, prefix) {
  return String(text)
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

async function cleanUp() {
  const problems = [];
  for (const server of [...runningServers.keys()]) {
    await server.stop().catch((error) => problems.push(error));
  }
  for (const browser of [...openBrowsers]) {
    await browser.close().catch((error) => problems.push(error));
  }
  if (!process.env.BERAAD_KEEP_TMP) {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

// A test that returned with a server still running leaves no orphan behind
// when the process ends another way.
process.on('exit', () => {
  for (const child of runningServers.values()) child.kill('SIGKILL');
});

// run(): runs the registered tests in order, prints TAP (ok N - name / not ok
// N - name and the error), then the axe summary, and exits 1 when a test
// failed, a checked page has an axe violation, or no test was registered.
export async function run() {
  const started = Date.now();
  let failed = 0;
  console.log(`1..${tests.length}`);
  for (const [index, { name, fn, timeout }] of tests.entries()) {
    const number = index + 1;
    try {
      await withTimeout(Promise.resolve().then(fn), timeout, name);
      console.log(`ok ${number} - ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`not ok ${number} - ${name}`);
      console.log(indent(error?.stack || error, '  '));
    }
  }
  const problems = await cleanUp();
  for (const problem of problems) {
    console.log(`not ok - cleaning up after the tests`);
    console.log(indent(problem?.stack || problem, '  '));
  }

  const withViolations = checkedPages.filter((page) => page.violations.length > 0);
  console.log(`# axe (${AXE_TAGS.join(', ')}): ${checkedPages.length} pages checked, ${withViolations.length} with violations`);
  for (const page of checkedPages) {
    console.log(`#   ${page.name} (${page.url}): ${page.violations.length} violations`);
    for (const v of page.violations) {
      console.log(`#     ${v.id} [${v.impact}] ${v.target}${v.nodes > 1 ? ` (+${v.nodes - 1} more)` : ''}: ${v.help}`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`# ${tests.length - failed} passed, ${failed} failed in ${seconds} s`);
  failed += problems.length;
  if (tests.length === 0) console.log('# no tests registered');
  process.exit(failed > 0 || withViolations.length > 0 || tests.length === 0 ? 1 : 0);
}
