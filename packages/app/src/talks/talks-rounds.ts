import type { ProgressReport, RoundsReport } from '@lockstep/contract';
import {
  type Actor,
  changesSinceLastRound,
  closeRound,
  emptyRounds,
  lastSnapshot,
  type NegotiatingText,
  openRound,
  openRoundOf,
  progress,
  progressHistory,
  type RoundReport,
  type RoundsState,
  roundReport,
} from '@lockstep/core';
import { TalksError } from './talks-error.ts';
import { allow, type TalksLedger, unwrap } from './talks-ledger.ts';
import type { TalksTexts } from './talks-texts.ts';

/** The rounds of talks, and the progress of the texts: agreed clauses over total, now and at each round. */
export class TalksRounds {
  constructor(
    private readonly ledger: TalksLedger,
    private readonly texts: TalksTexts,
  ) {}

  async rounds(actor: Actor): Promise<RoundsReport> {
    allow(actor, 'round.read');
    const state = (await this.ledger.read((repo) => repo.rounds())) ?? emptyRounds;
    return this.report(actor, state, await this.texts.all(this.ledger.db));
  }

  /** The rounds as `actor` sees them, with what changed in `texts` since the last one closed. */
  report(actor: Actor, state: RoundsState, texts: readonly NegotiatingText[]): RoundsReport {
    const open = openRoundOf(state);
    return {
      version: state.version,
      rounds: state.rounds.map((r) => ({
        number: r.number,
        openedAt: r.openedAt,
        openedBy: r.openedBy,
        ...(r.closedAt === undefined ? {} : { closedAt: r.closedAt }),
        ...(r.closedBy === undefined ? {} : { closedBy: r.closedBy }),
        ...(r.snapshot
          ? { progress: progress(r.snapshot.texts) as RoundsReport['rounds'][number]['progress'] }
          : {}),
      })),
      ...(open ? { open: open.number } : {}),
      changesSinceLastRound: [
        ...changesSinceLastRound(actor, lastSnapshot(state), texts),
      ] as RoundsReport['changesSinceLastRound'],
    };
  }

  openRound(actor: Actor, input: { expectedVersion: number }): Promise<RoundsReport> {
    allow(actor, 'round.open');
    return this.ledger.write(actor, 'round.open', async (repo, at) => {
      const state = (await repo.rounds()) ?? emptyRounds;
      const next = unwrap(openRound(state, actor, { ...input, at }));
      await repo.saveRounds(next);
      const number = next.rounds.at(-1)!.number;
      const texts = await this.texts.all(repo.executor);
      return { value: this.report(actor, next, texts), target: `round:${number}` };
    });
  }

  /** Closes the open round, snapshotting every group's text: where the next round resumes. */
  closeRound(actor: Actor, input: { expectedVersion: number }): Promise<RoundsReport> {
    allow(actor, 'round.close');
    return this.ledger.write(actor, 'round.close', async (repo, at) => {
      const state = (await repo.rounds()) ?? emptyRounds;
      const texts = await this.texts.all(repo.executor);
      const next = unwrap(closeRound(state, actor, { ...input, at, texts }));
      await repo.saveRounds(next);
      const number = next.rounds.at(-1)!.number;
      const textVersions = Object.fromEntries(texts.map((t) => [t.group, t.version]));
      return {
        value: this.report(actor, next, texts),
        target: `round:${number}`,
        detail: { textVersions },
      };
    });
  }

  /**
   * Closed round `number`'s report as `actor` may see it (core `roundReport`), and who opened and closed it as
   * the reader is told: the coordinator by name to the coordinator, "the coordinator" to everyone else.
   */
  async roundReport(
    actor: Actor,
    number: number,
    generatedAt: string,
  ): Promise<{ report: RoundReport; openedBy: string; closedBy: string }> {
    allow(actor, 'round.read');
    return this.ledger.read(async (repo) => {
      const result = roundReport(actor, (await repo.rounds()) ?? emptyRounds, number, generatedAt);
      if (!result.ok && result.error.code === 'round-not-closed') {
        throw new TalksError(409, result.error.message, result.error.field);
      }
      const report = unwrap(result);
      const nameOf = async (userId: string) => {
        const user = actor.role === 'coordinator' ? await repo.userById(userId) : undefined;
        return user ? user.displayName : 'the coordinator';
      };
      return { report, openedBy: await nameOf(report.openedBy), closedBy: await nameOf(report.closedBy) };
    });
  }

  async progress(actor: Actor): Promise<ProgressReport> {
    allow(actor, 'progress.read');
    const texts = await this.texts.all(this.ledger.db);
    return { now: progress(texts), history: [...progressHistory(texts)] } as ProgressReport;
  }
}
