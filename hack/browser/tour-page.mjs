// Drives Debian's Chromium against one tour page of the operator's web view and checks what a learner
// sees: both sequence diagrams per stop, arrows that open their evidence (mouse and keyboard), a myth
// arrow that leads to what really happened, and, with --live, the page updating itself while the tour
// runs. Writes screenshots to --out and prints a JSON summary; exits 1 with the reason on failure.
//   node tour-page.mjs --url http://127.0.0.1:8080/tours/NAME[,URL...] --out DIR [--live] [--timeout 240]
// With several URLs (comma-separated) each page is checked in turn; --live applies to the first.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
    return acc;
  }, []));
const urls = args.url ? String(args.url).split(',') : [];
const out = args.out || 'target/browser';
const timeout = Number(args.timeout || 240) * 1000;
if (!urls.length) {
  console.error('usage: node tour-page.mjs --url URL --out DIR [--live] [--timeout SECONDS]');
  process.exit(64);
}
function check(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const summaries = [];
let failed = false;
for (const [index, url] of urls.entries()) {
  const summary = { url, stops: [], live: null, errors: [] };
  try {
    await checkPage(url, summary, index === 0 && args.live, urls.length === 1 ? out : join(out, String(index + 1)));
  } catch (e) {
    console.error(`browser check of ${url} failed: ${e.message}`);
    summary.failure = e.message;
    failed = true;
  }
  summaries.push(summary);
}
await browser.close();
console.log(JSON.stringify(summaries));
process.exitCode = failed ? 1 : 0;

async function checkPage(url, summary, live, out) {
  mkdirSync(out, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on('pageerror', (e) => summary.errors.push(String(e)));
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(new URL(url).origin)) outside.push(r.url()); });
  await page.goto(url);
  await page.waitForSelector('svg.sd', { timeout });

  if (live) {
    // A marker on the window survives a live update but not a reload.
    await page.evaluate(() => { window.__notReloaded = true; });
    const before = await page.locator('a.arrow[id*="-o-"]').count();
    const sectionsBefore = await page.locator('section').count();
    await page.waitForFunction(
      ([arrows, sections]) =>
        document.querySelectorAll('a.arrow[id*="-o-"]').length > arrows ||
        document.querySelectorAll('section').length > sections,
      [before, sectionsBefore], { timeout, polling: 250 });
    const after = await page.locator('a.arrow[id*="-o-"]').count();
    check(await page.evaluate(() => window.__notReloaded === true), 'the page reloaded instead of updating itself');
    check(await page.locator('#live').count() === 1, 'no live indicator while the tour runs');
    summary.live = { observedArrowsBefore: before, observedArrowsAfter: after };
    await page.screenshot({ path: join(out, 'tour-running.png'), fullPage: false });
    await page.waitForFunction(() => document.body.getAttribute('data-live') === 'false', null, { timeout, polling: 500 });
    check(await page.evaluate(() => window.__notReloaded === true), 'the page reloaded at the end of the tour');
  }

  const sections = page.locator('section');
  const n = await sections.count();
  check(n > 0, 'no stop sections');
  for (let i = 0; i < n; i++) {
    const s = sections.nth(i);
    const name = (await s.locator('h2').innerText()).trim();
    const diagrams = await s.locator('svg.sd').count();
    check(diagrams === 2, `stop "${name}": ${diagrams} diagrams, expected the documented and the observed one`);
    const documented = await s.locator('a.arrow[id*="-d-"]').count();
    const observed = await s.locator('a.arrow[id*="-o-"]').count();
    const myths = await s.locator('a.arrow.a-myth').count();
    check(documented > 0 && observed > 0, `stop "${name}": documented ${documented}, observed ${observed} arrows`);
    summary.stops.push({ name, documented, observed, myths });
    await s.locator('.sdpair').screenshot({ path: join(out, `stop-${i + 1}.png`) });
  }

  // Mouse: a myth arrow opens its claim and the real mechanism, then leads to what really happened
  // (the last stop with myths: on a first tour, the Deployment's).
  const myth = page.locator('section:has(a.arrow.a-myth)').last().locator('a.arrow.a-myth').first();
  if (await myth.count()) {
    await myth.scrollIntoViewIfNeeded();
    await myth.click();
    const panel = page.locator('.panel:not([hidden])').first();
    await panel.waitFor({ timeout: 5000 });
    const text = await panel.locator('.ptext').innerText();
    check(/Contradicted|사실과 다름/.test(text), `the myth arrow's panel does not say Contradicted: ${text.slice(0, 200)}`);
    summary.myth = { panel: text.slice(0, 300) };
    // the panel stays at the bottom of the window, under the arrow that opened it
    await page.screenshot({ path: join(out, 'myth-panel.png') });
    const real = panel.locator('a.pev');
    if (await real.isVisible()) {
      await real.click();
      const selected = await page.locator('a.arrow.sel').getAttribute('id');
      check(selected && selected.includes('-o-'), `"what really happened" selected ${selected}, not an observed arrow`);
      summary.myth.realArrow = selected;
    }
  }

  // Keyboard: Tab reaches an arrow and Enter opens its evidence.
  await page.evaluate(() => document.querySelector('a.arrow').focus());
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  const panelText = await page.locator('.panel:not([hidden]) .ptext').first().innerText();
  check(panelText.length > 0, `Enter on arrow ${focused} opened no evidence`);

  // Screen readers: every arrow has a title, every diagram a label.
  const untitled = await page.evaluate(() =>
    [...document.querySelectorAll('a.arrow')].filter((a) => !a.querySelector('title')?.textContent.trim()).length);
  check(untitled === 0, `${untitled} arrows without a title`);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('svg.sd')].filter((s) => !s.getAttribute('aria-label')).length);
  check(unlabelled === 0, `${unlabelled} diagrams without a label`);

  check(outside.length === 0, `the page loaded from elsewhere: ${outside.join(', ')}`);
  check(summary.errors.length === 0, `script errors: ${summary.errors.join('; ')}`);
  await page.screenshot({ path: join(out, 'tour-page.png'), fullPage: true });
  await page.close();
}
