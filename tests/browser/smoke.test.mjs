// A self-test of the harness that needs no web front end: the CLI makes a
// store, the real beraad-server serves it, Chromium opens the OpenAPI
// document, a screenshot is written, axe-core runs under a CSP without
// inline scripts, and a missing Chromium fails with a clear message.
//
//   BERAAD_BIN_DIR=build/bin node tests/browser/smoke.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { beraad, checkA11y, createStore, launch, run, screenshot, startServer, test } from './harness.mjs';

const binDir = process.env.BERAAD_BIN_DIR;
if (!binDir) {
  console.error('smoke.test.mjs: set BERAAD_BIN_DIR to the build\'s bin folder (e.g. build/bin)');
  process.exit(1);
}

let store;

test('the CLI creates an initialised store and writes only as a named actor', () => {
  store = createStore(binDir);
  const regions = JSON.parse(beraad(binDir, ['regio', 'list', '--json'], store.env).stdout);
  assert.equal(regions.length, 35, 'the store holds the 35 arbeidsmarktregio\'s');

  const anonymous = beraad(binDir, ['token', 'create', '--role', 'beheerder', '--persoon', 'Anoniem', '--rol', 'auditor'],
    { ...store.env, BERAAD_ACTOR: undefined }, { allowFailure: true });
  assert.equal(anonymous.status, 2, `a write without an actor is refused with exit 2: ${anonymous.stderr}`);
  assert.match(anonymous.stderr, /--as NAME/);
  assert.throws(() => beraad(binDir, ['token', 'create', '--role', 'beheerder', '--persoon', 'Anoniem', '--rol', 'auditor'],
    { ...store.env, BERAAD_ACTOR: undefined }), /exited 2: .*--as NAME/s);

  const token = beraad(binDir, ['token', 'create', '--role', 'beheerder', '--persoon', 'Browsertest', '--rol', 'auditor'],
    store.env).stdout.trim();
  assert.match(token, /^brd_[0-9a-f]+$/, 'a beheerder named by BERAAD_ACTOR issues a token');
});

test('the server serves the OpenAPI document to Chromium; a screenshot is written', async () => {
  assert.ok(store, 'the store of the first test');
  const server = await startServer({ binDir, store: store.store });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/api/v1/openapi.json`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^application\/json/);
    const document = JSON.parse(await response.text());
    assert.match(document.openapi, /^3\./, 'an OpenAPI 3 document');
    assert.ok(Object.keys(document.paths).includes('/health'), 'it describes /health');

    const file = await screenshot(page, 'smoke openapi.json');
    assert.equal(path.basename(file), 'smoke-openapi.json.png');
    const png = fs.readFileSync(file);
    assert.ok(png.length > 1000, `${file} is a real image`);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(width, page.viewportSize().width);
    assert.equal(height, 16384, 'the 100 000 px document is cut to its first 16384 px');
  } finally {
    await browser.close();
    await server.stop();
  }
  assert.match(server.output(), /GET.*\/api\/v1\/openapi\.json.*"status":200/, 'the access log has the request');
});

// A page under the policy the front end will send: no inline script at all.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'";
const page = (body) =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Harness</title></head><body>${body}</body></html>`;

test('axe-core runs under a CSP without inline scripts and finds violations', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext();
    await context.route('http://harness.test/**', (route) => {
      const broken = route.request().url().endsWith('/broken.html');
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': CSP },
        body: broken
          ? page('<main><h1>Kapot</h1><img src="/logo.png"><a href="/x"></a></main>')
          : page('<main><h1>Overzicht</h1><p>Alle regio\'s.</p><a href="/regio/AM05">Twente</a></main>'),
      });
    });
    const tab = await context.newPage();

    await tab.goto('http://harness.test/broken.html');
    await assert.rejects(tab.addScriptTag({ content: 'window.inline = 1' }), /Content Security Policy|script-src/,
      'the CSP blocks inline scripts, as the server\'s will');
    const found = await checkA11y(tab, 'deliberately broken page', { record: false });
    assert.deepEqual(found.map((v) => v.id).sort(), ['image-alt', 'link-name']);

    await tab.goto('http://harness.test/clean.html');
    const none = await checkA11y(tab, 'clean page under the CSP');
    assert.deepEqual(none, []);
    const png = fs.readFileSync(await screenshot(tab, 'smoke-clean'));
    assert.equal(png.readUInt32BE(20), tab.viewportSize().height, 'a short page is shot whole, at the viewport\'s height');
  } finally {
    await browser.close();
  }
});

test('launch() fails with a clear message when Chromium is missing', async () => {
  const saved = process.env.BERAAD_CHROMIUM;
  process.env.BERAAD_CHROMIUM = '/nonexistent/chromium';
  try {
    await assert.rejects(launch(), {
      message: 'Chromium not found at /nonexistent/chromium: run scripts/setup (Debian package chromium)',
    });
  } finally {
    if (saved === undefined) delete process.env.BERAAD_CHROMIUM;
    else process.env.BERAAD_CHROMIUM = saved;
  }
});

await run();
