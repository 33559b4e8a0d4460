// Screenshots of one page's sequence diagrams, one file per diagram, for reading them and for the docs.
//   node shoot.mjs URL OUT_DIR [selector]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, out, selector = 'section'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(url);
  const all = page.locator(selector);
  for (let i = 0; i < (await all.count()); i++) {
    await all.nth(i).screenshot({ path: join(out, `${i + 1}.png`) });
  }
} finally {
  await browser.close();
}
