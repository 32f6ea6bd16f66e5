import { describe, expect, it } from 'vitest';
import { FairGate, openPgliteDatabase } from './pglite-database.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the embedded database gate', () => {
  it('runs work one at a time, in the order asked, never in the callback that asked', async () => {
    const gate = new FairGate();
    const log: string[] = [];
    const item = (name: string) =>
      gate.run(async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        return name;
      });
    const all = Promise.all([item('a'), item('b'), item('c')]);
    expect(log).toEqual([]);
    expect(await all).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it("puts a caller's next step before what others asked meanwhile", async () => {
    const gate = new FairGate();
    const log: string[] = [];
    const step = (name: string) =>
      gate.run(async () => {
        log.push(name);
      });
    const request = async (name: string) => {
      await step(`${name}.1`);
      await step(`${name}.2`);
      await step(`${name}.3`);
    };
    await Promise.all([request('a'), request('b'), request('c')]);
    expect(log).toEqual(['a.1', 'a.2', 'a.3', 'b.1', 'b.2', 'b.3', 'c.1', 'c.2', 'c.3']);
  });

  it('lets the event loop run between two pieces of work', async () => {
    const gate = new FairGate();
    const log: string[] = [];
    const first = gate.run(async () => log.push('first'));
    const second = gate.run(async () => log.push('second'));
    // Asked from another callback of the event loop while the gate is busy: runs between them.
    setImmediate(() => log.push('other'));
    await Promise.all([first, second]);
    expect(log).toEqual(['first', 'other', 'second']);
  });

  it('passes on failures and goes on with the next piece of work', async () => {
    const gate = new FairGate();
    const failed = gate.run(async () => {
      throw new Error('refused');
    });
    const next = gate.run(async () => 'next');
    await expect(failed).rejects.toThrow('refused');
    expect(await next).toBe('next');
  });

  it('serves the statements and transactions of a PGlite database through it', async () => {
    const db = await openPgliteDatabase();
    try {
      await db.exec('CREATE TABLE t (n integer)');
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction(async (tx) => {
            const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
            await tx.query('INSERT INTO t (n) VALUES ($1)', [row!.n]);
          }),
        ),
      );
      const rows = await db.query<{ n: number }>('SELECT n FROM t ORDER BY n');
      expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    } finally {
      await db.close();
    }
  });
});
