/**
 * Issue 18's yardstick: the talks load (100 signed-in sessions, as in talks-api.ts) spread over 1, 2 and 3
 * `lockstep serve` processes on one PostgreSQL database, side by side in one run: for each, the paced load's
 * p99 (about two requests a second per session) and the saturated throughput (no pause). The sessions are
 * spread over the servers as a load balancer would (session k on server k mod n); a session made on one server
 * is good on all. The machine has 2 cores, shared by the servers, PostgreSQL and this load generator, so the
 * ratio says where adding servers stops paying.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startPostgresCluster } from '@lockstep/store/testing';
import { type ServerProcess, startServer } from '../e2e/server-process.ts';
import type { Emit } from './emit.ts';
import { run, setUp } from './talks-api.ts';

export async function talksScaleOutCases(emit: Emit, seconds: number): Promise<void> {
  const cluster = await startPostgresCluster();
  const servers: ServerProcess[] = [];
  const dirs: string[] = [];
  try {
    const database = await createTestDatabase(cluster.url);
    const start = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-scale-'));
      dirs.push(dir);
      servers.push(await startServer(dir, { DATABASE_URL: database.url }));
    };
    await start();
    const sessions = await setUp(servers[0]!);
    const results: Record<string, unknown>[] = [];
    for (let n = 1; n <= 3; n++) {
      while (servers.length < n) await start();
      const bases = servers.map((s) => s.url);
      await run(bases, sessions, 3, () => 250 + Math.random() * 500); // warm-up, not reported
      const paced = await run(bases, sessions, seconds, () => 250 + Math.random() * 500);
      const saturated = await run(bases, sessions, Math.min(seconds, 10), () => 0);
      results.push({
        servers: n,
        pacedP99: paced.p99,
        pacedP50: paced.p50,
        pacedThroughput: paced.throughput,
        saturatedThroughput: saturated.throughput,
        saturatedP99: saturated.p99,
        errors: paced.errors + saturated.errors,
      });
    }
    const one = results[0]!.saturatedThroughput as number;
    for (const result of results) {
      emit({
        bench: 'talks scale-out',
        case: `100 sessions over ${result.servers} server(s) on one PostgreSQL: saturated throughput (requests/s), ${seconds} s paced and ${Math.min(seconds, 10)} s saturated`,
        value: result.saturatedThroughput as number,
        unit: 'requests/s',
        ratioToOneServer: Math.round(((result.saturatedThroughput as number) / one) * 100) / 100,
        ...result,
        peer: { case: '1 server', value: one, unit: 'requests/s' },
      });
    }
  } finally {
    for (const server of servers) await server.stop('SIGINT').catch(() => undefined);
    cluster.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
