/**
 * `npm run bench`: each case prints one JSON line {bench, case, value, unit, peer?}. Every figure is
 * measured next to a peer or baseline in the same run, on 127.0.0.1 only, with bounded duration.
 * Set BENCH_SECONDS to shorten the load cases (default 10 s each) and TALKS_BENCH_SECONDS the talks load (default
 * 30 s); BENCH_ONLY=api runs only the server cases, BENCH_ONLY=talks only the talks load, BENCH_ONLY=nuclear-page
 * only the Nuclear page's first render of the breakout chart in Chromium (7 cold and 7 warm visits against the
 * Data sources page; skipped with a message when Chromium is missing), BENCH_ONLY=screening only the screening
 * query set through Lockstep's search, fuse.js and a Jaro-Winkler baseline (bench/screening.ts; misses on stderr),
 * BENCH_ONLY=conflict only the GMCR conflict analysis against its direct-transcription baseline (bench/conflict.ts),
 * BENCH_ONLY=sequencing-account only jcpoa-2021's full conflict account against the serial account
 * (bench/sequencing-account.ts).
 * `lockstep serve` builds the web app
 * (packages/web/dist) first when it is missing or older than its sources.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../e2e/server-process.ts';
import { cliStartupCases } from './cli-startup.ts';
import { conflictCases, conflictPageCase } from './conflict.ts';
import { emit } from './emit.ts';
import { nuclearHistoryCase } from './nuclear-history.ts';
import { nuclearModelCases } from './nuclear-model.ts';
import { nuclearPageCases } from './nuclear-page.ts';
import { plansApiCases } from './plans-api.ts';
import { sanctionsCases } from './sanctions.ts';
import { screeningCases } from './screening.ts';
import { sequencingCases } from './sequencing.ts';
import { sequencingAccountCase } from './sequencing-account.ts';
import { storedAuditCase, talksCases } from './talks.ts';
import { talksApiCases } from './talks-api.ts';
import { talksDocumentCase } from './talks-document.ts';
import { talksScaleOutCases } from './talks-scale-out.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);

async function untilHealthy(url: string, started: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(new URL('/api/health', url));
      if (response.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Time from spawning `lockstep serve` to the first successful /api/health. */
async function startupMs(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = await startServer(dataDir);
  const elapsed = await untilHealthy(server.url, started);
  await server.stop('SIGINT');
  return elapsed;
}

/** Baseline: a bare Node process that answers one HTTP request, spawned the same way. */
async function bareNodeStartupMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '-e',
      "require('http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log(this.address().port)})",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString()))),
  );
  await fetch(`http://127.0.0.1:${port}/`);
  const elapsed = performance.now() - started;
  child.kill();
  return elapsed;
}

function load(url: string, options: { overallRate?: number } = {}) {
  return autocannon({ url, connections: 50, duration: seconds, ...options });
}

// BENCH_ONLY=api skips the model cases (nuclear, sanctions, sequencing) and runs the server cases alone.
const only = process.env.BENCH_ONLY;
const accepted = [
  'api',
  'talks',
  'nuclear-page',
  'screening',
  'cli',
  'conflict',
  'sequencing',
  'sequencing-account',
  'talks-document',
  'talks-scale-out',
];
if (only !== undefined && !accepted.includes(only)) {
  throw new Error(
    `BENCH_ONLY=${only}: accepted are api (the server cases), talks (the talks load), nuclear-page (the Nuclear page in Chromium), screening (the screening query set), cli (the command's start-up), conflict (the GMCR conflict analysis), sequencing (the seeded sequencing scenarios, HiGHS, CBC and greedy), sequencing-account (jcpoa-2021's conflict account), talks-document (a 200-clause text as .docx and PDF) and talks-scale-out (the talks load over 1, 2 and 3 servers on one PostgreSQL)`,
  );
}
if (only === undefined) {
  nuclearModelCases(emit);
  await nuclearHistoryCase(emit);
  await sanctionsCases(emit);
  await screeningCases(emit);
  talksCases(emit);
  await storedAuditCase(emit);
  await sequencingCases(emit);
  await sequencingAccountCase(emit);
  conflictCases(emit);
  await conflictPageCase(emit);
}

if (only === 'screening') await screeningCases(emit);
if (only === 'sequencing') await sequencingCases(emit);
if (only === 'sequencing-account') await sequencingAccountCase(emit);
if (only === undefined || only === 'talks-document') await talksDocumentCase(emit);
if (only === undefined || only === 'talks-scale-out') {
  await talksScaleOutCases(emit, Number(process.env.SCALE_OUT_SECONDS ?? 15));
}
if (only === 'conflict') {
  conflictCases(emit);
  await conflictPageCase(emit);
}
// BENCH_ONLY=cli: the `lockstep` command's start-up (bench/cli-startup.ts).
if (only === undefined || only === 'cli') await cliStartupCases(emit);

const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
try {
  if (only === 'talks') {
    const server = await startServer(dataDir);
    try {
      await talksApiCases(emit, server, Number(process.env.TALKS_BENCH_SECONDS ?? 30));
    } finally {
      await server.stop('SIGINT');
    }
  }
  if (only === undefined || only === 'api') {
    const bare = await bareNodeStartupMs();
    const cold = await startupMs(dataDir);
    emit({
      bench: 'startup',
      case: 'cold (empty data dir: migrate and load shipped data)',
      value: Math.round(cold),
      unit: 'ms',
      peer: { case: 'bare node http server', value: Math.round(bare), unit: 'ms' },
    });
    const warm = await startupMs(dataDir);
    emit({
      bench: 'startup',
      case: 'warm (data already loaded)',
      value: Math.round(warm),
      unit: 'ms',
      peer: { case: 'bare node http server', value: Math.round(bare), unit: 'ms' },
    });

    const server = await startServer(dataDir);
    try {
      const datasetsUrl = new URL('/api/datasets', server.url).toString();
      const healthUrl = new URL('/api/health', server.url).toString();
      await load(datasetsUrl, {}); // warm-up pass, not reported
      const peer = await load(healthUrl);
      const max = await load(datasetsUrl);
      emit({
        bench: 'api /api/datasets',
        case: 'throughput, 50 connections',
        value: Math.round(max.requests.average),
        unit: 'requests/s',
        peer: { case: '/api/health', value: Math.round(peer.requests.average), unit: 'requests/s' },
      });
      emit({
        bench: 'api /api/datasets',
        case: 'p99 latency, 50 connections, unthrottled',
        value: max.latency.p99,
        unit: 'ms',
        peer: { case: '/api/health', value: peer.latency.p99, unit: 'ms' },
      });
      const paced = await load(datasetsUrl, { overallRate: 2000 });
      const pacedPeer = await load(healthUrl, { overallRate: 2000 });
      emit({
        bench: 'api /api/datasets',
        case: 'p99 latency at 2,000 requests/s (target < 20 ms)',
        value: paced.latency.p99,
        unit: 'ms',
        peer: {
          case: '/api/health at 2,000 requests/s',
          value: pacedPeer.latency.p99,
          unit: 'ms',
          achievedRate: Math.round(pacedPeer.requests.average),
        },
      });
      emit({
        bench: 'api /api/datasets',
        case: 'achieved rate when paced at 2,000 requests/s',
        value: Math.round(paced.requests.average),
        unit: 'requests/s',
        peer: { case: 'errors + non-2xx', value: paced.errors + paced.non2xx, unit: 'responses' },
      });
      const overviewUrl = new URL('/api/nuclear/overview', server.url).toString();
      await load(overviewUrl, {}); // warm-up pass, not reported
      const nuclear = await load(overviewUrl, { overallRate: 1000 });
      emit({
        bench: 'api /api/nuclear/overview',
        case: 'p99 latency at 1,000 requests/s (target < 30 ms)',
        value: nuclear.latency.p99,
        unit: 'ms',
        peer: {
          case: '/api/datasets at 2,000 requests/s',
          value: paced.latency.p99,
          unit: 'ms',
          achievedRate: Math.round(nuclear.requests.average),
          errors: nuclear.errors + nuclear.non2xx,
        },
      });
      await plansApiCases(emit, server.url, seconds);
      await talksApiCases(emit, server, Number(process.env.TALKS_BENCH_SECONDS ?? 30));
    } finally {
      await server.stop('SIGINT');
    }
  }
  if (only === undefined || only === 'nuclear-page') {
    // A new server process (after the startup cases, which need the data dir empty), so no earlier load has
    // warmed what the page fetches.
    const server = await startServer(dataDir);
    try {
      await nuclearPageCases(emit, server.url);
    } finally {
      await server.stop('SIGINT');
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
