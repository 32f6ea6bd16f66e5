/**
 * The Nuclear page's first render of the breakout-history chart in Chromium (target: < 1 s). Each run opens
 * a fresh browser context (empty HTTP cache, no cookies) and navigates to /nuclear: "cold" is that first
 * navigation, "warm" a second navigation in the same context (scripts and styles from the cache; the API
 * answers are fetched again). The figure is measured by the browser itself: a MutationObserver installed
 * before the page's scripts records `performance.now()` (ms since navigation start) when
 * `[data-testid="breakout-chart"] svg` containing 'one-year goal' enters the DOM.
 *
 * Baseline, measured the same way in the same runs: the Data sources page (/data) to its first dataset row,
 * a page with one small API call and no analysis. Breakdown: when the page's `/api/nuclear/overview`
 * response ended (Resource Timing, ms since navigation start) and the chart time after it, so a reader sees
 * how much is the data and how much is drawing the chart.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../e2e/chromium.ts';
import type { Emit } from './emit.ts';

const runs = 7;
const timeoutMs = 30_000;

/** Selector and text whose first appearance in the DOM marks the page as rendered. */
interface Mark {
  readonly selector: string;
  readonly text: string;
}

const chartMark: Mark = { selector: '[data-testid="breakout-chart"] svg', text: 'one-year goal' };
const dataRowMark: Mark = { selector: '[data-testid="dataset-row"]', text: '' };

/**
 * Runs in the page before its own scripts: records in `window.__benchMark` the `performance.now()` at which
 * an element matching the selector (and containing the text) is first in the DOM. A string, since the bench
 * is type-checked without the DOM library.
 */
function markScript(mark: Mark): string {
  return `(() => {
  const selector = ${JSON.stringify(mark.selector)};
  const text = ${JSON.stringify(mark.text)};
  const present = () => [...document.querySelectorAll(selector)].some((e) => (e.textContent || '').includes(text));
  const observer = new MutationObserver(() => {
    if (window.__benchMark === undefined && present()) {
      window.__benchMark = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;
}

interface Visit {
  /** ms from navigation start to the mark, by the page's clock. */
  readonly markMs: number;
  /** ms from calling `page.goto` to the mark being seen from Node (includes polling and the CDP round trip). */
  readonly wallMs: number;
  /** responseEnd of the page's /api/nuclear/overview request, ms since navigation start, if it made one. */
  readonly overviewEndMs: number | undefined;
}

async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    // Functions, not strings: the app's Content Security Policy forbids the page evaluating strings.
    const handle = await page.waitForFunction(() => (globalThis as { __benchMark?: number }).__benchMark, {
      timeout: timeoutMs,
      polling: 50,
    });
    const wallMs = performance.now() - started;
    const markMs = (await handle.jsonValue()) as number;
    const overviewEndMs = await page.evaluate(() => {
      const entry = performance
        .getEntriesByType('resource')
        .find((e) => e.name.includes('/api/nuclear/overview'));
      return (entry as { responseEnd?: number } | undefined)?.responseEnd;
    });
    if (errors.length > 0) throw new Error(`${url}: the page threw: ${errors.join('; ')}`);
    return { markMs, wallMs, overviewEndMs };
  } finally {
    await page.close();
  }
}

async function newContext(browser: Browser, mark: Mark): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(markScript(mark));
  return context;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Checks that the server serves the web app (not only the API), or says what to do. */
async function assertWebAppServed(url: string): Promise<void> {
  const response = await fetch(new URL('/nuclear', url));
  const body = await response.text();
  if (!response.ok || !body.includes('<div id="root"') || !/<script/i.test(body)) {
    throw new Error(
      `${url}/nuclear did not serve the web app (status ${response.status}): build it with \`npm run build\` (lockstep serve builds it when packages/web/dist is missing or stale)`,
    );
  }
}

/**
 * Emits the chart's first render (cold and warm, p50 and max over `runs` runs) beside the Data sources
 * page, and the overview-response/chart breakdown. Prints why to stderr and emits nothing without Chromium.
 */
export async function nuclearPageCases(emit: Emit, url: string): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    process.stderr.write(`bench nuclear-page skipped: ${missing}\n`);
    return;
  }
  await assertWebAppServed(url);
  const nuclearUrl = new URL('/nuclear', url).toString();
  const dataUrl = new URL('/data', url).toString();
  const browser = await launchChromium();
  const nuclear = { cold: [] as Visit[], warm: [] as Visit[] };
  const data = { cold: [] as Visit[], warm: [] as Visit[] };
  try {
    // Interleaved, so drift over the run (JIT, the server's caches) falls on both pages alike.
    for (let i = 0; i < runs; i++) {
      for (const [mark, target, into] of [
        [chartMark, nuclearUrl, nuclear],
        [dataRowMark, dataUrl, data],
      ] as const) {
        const context = await newContext(browser, mark);
        try {
          into.cold.push(await visit(context, target));
          into.warm.push(await visit(context, target));
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }

  const ms = (visits: readonly Visit[]) => visits.map((v) => v.markMs);
  for (const cache of ['cold', 'warm'] as const) {
    const label =
      cache === 'cold' ? 'cold (fresh browser context, empty cache)' : 'warm (second visit, cached assets)';
    for (const [stat, q] of [
      ['p50', 0.5],
      ['max', 1],
    ] as const) {
      emit({
        bench: 'nuclear page in Chromium',
        case: `breakout chart first render, navigation start to SVG in the DOM, ${label}, ${stat} of ${runs} (target < 1 s)`,
        value: round(quantile(ms(nuclear[cache]), q)),
        unit: 'ms',
        peer: {
          case: `Data sources page (/data) to its first dataset row, ${label}, ${stat} of ${runs}`,
          value: round(quantile(ms(data[cache]), q)),
          unit: 'ms',
        },
        wallClockFromGoto: round(
          quantile(
            nuclear[cache].map((v) => v.wallMs),
            q,
          ),
        ),
      });
    }
  }

  const withOverview = nuclear.cold.filter((v) => v.overviewEndMs !== undefined);
  if (withOverview.length > 0) {
    emit({
      bench: 'nuclear page in Chromium',
      case: `breakout chart first render after the /api/nuclear/overview response ended, cold, p50 of ${withOverview.length}`,
      value: round(
        quantile(
          withOverview.map((v) => v.markMs - v.overviewEndMs!),
          0.5,
        ),
      ),
      unit: 'ms',
      peer: {
        case: '/api/nuclear/overview response end, ms since navigation start, cold, p50',
        value: round(
          quantile(
            withOverview.map((v) => v.overviewEndMs!),
            0.5,
          ),
        ),
        unit: 'ms',
      },
    });
  }
}
