/**
 * Takes screenshots of a running workbench in Debian's Chromium, for the README and for looking at pages
 * while building them: `npx tsx scripts/screenshot.ts http://127.0.0.1:8080 /data docs/screenshot.png`.
 */
import { launchChromium } from '../e2e/chromium.ts';

const [base, path = '/', out = 'screenshot.png', width = '1280', height = '800'] = process.argv.slice(2);
if (!base) {
  process.stderr.write('usage: tsx scripts/screenshot.ts BASE_URL [PATH] [OUT.png] [WIDTH] [HEIGHT]\n');
  process.exit(2);
}
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  await page.goto(new URL(path, base).toString(), { waitUntil: 'networkidle' });
  await page.screenshot({ path: out, fullPage: false });
} finally {
  await browser.close();
}
