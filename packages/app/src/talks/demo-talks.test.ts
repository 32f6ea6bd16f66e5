import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workbench } from '../workbench.ts';
import { type DemoAccount, loadDemoTalks } from './demo-talks.ts';
import { localAdmin, type TalksCaller } from './talks-accounts.ts';

let workbench: Workbench;
let accounts: readonly DemoAccount[];

beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  accounts = await loadDemoTalks(workbench.db);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

async function as(username: string): Promise<TalksCaller> {
  const account = accounts.find((a) => a.username === username)!;
  const { secret } = await workbench.talks.accounts.signIn(username, account.password, {
    address: '127.0.0.1',
  });
  return workbench.talks.accounts.authenticate(secret);
}

describe('the demo talk', () => {
  it('has every role, each account signing in with the password printed for it', async () => {
    expect(new Set(accounts.map((a) => a.role))).toEqual(
      new Set(['admin', 'coordinator', 'head', 'member', 'observer']),
    );
    for (const a of accounts) expect(a.password.length).toBeGreaterThanOrEqual(20);
    const iran = await as('iran.head');
    expect(iran.actor).toMatchObject({ role: 'head', delegation: 'iran' });
  });

  it('gives the US only the relayed, edited form of the Iranian paper, without its author', async () => {
    const us = await as('us.head');
    const inbox = await workbench.talks.papers.inbox(us.actor);
    const received = inbox.items.filter((i) => i.kind === 'received');
    expect(received).toHaveLength(1);
    const text = JSON.stringify(inbox);
    expect(text).toContain('One delegation holds');
    expect(text).not.toContain('re-labelled');
    expect(text).not.toContain('iran');
    const view = await workbench.talks.papers.readRelay(us.actor, received[0]!.relayId);
    expect(view.text).toContain('One delegation holds');
    expect(JSON.stringify(view)).not.toContain('paragraph 36');
  });

  it('keeps the E3 draft from the coordinator and every other delegation', async () => {
    const coordinator = await as('coordinator');
    const russia = await as('russia.head');
    for (const caller of [coordinator, russia]) {
      const inbox = JSON.stringify(await workbench.talks.papers.inbox(caller.actor));
      expect(inbox).not.toContain('stockpile disposition');
    }
    const france = await as('france.head');
    const own = (await workbench.talks.papers.inbox(france.actor)).items.find((i) => i.kind === 'own');
    expect(own).toMatchObject({ title: 'E3 draft: stockpile disposition options', latestVersion: 2 });
  });

  it('shows progress over the rounds and a fourth round under way', async () => {
    const observer = await as('observer');
    const rounds = await workbench.talks.rounds.rounds(observer.actor);
    expect(rounds.rounds.map((r) => r.closedAt !== undefined)).toEqual([true, true, true, false]);
    expect(rounds.open).toBe(4);
    const { now, history } = await workbench.talks.rounds.progress(observer.actor);
    // Two of seven clauses agreed (the stockpile and the verification clauses), two ad referendum.
    expect(now.overall).toMatchObject({ total: 7, agreed: 2, adReferendum: 2 });
    expect(history.length).toBeGreaterThan(3);
    const text = await workbench.talks.texts.texts(observer.actor);
    expect(text.flatMap((t) => t.clauses.flatMap((c) => c.alternatives)).every((a) => !a.proposer)).toBe(
      true,
    );
  });

  it('records every step in an audit log that verifies', async () => {
    const result = await workbench.talks.record.verifyAudit(localAdmin);
    expect(result.ok).toBe(true);
    expect(result.count).toBeGreaterThan(40);
  });

  it('resets the demo passwords on a second load: the printed ones work, the old ones and their sessions do not', async () => {
    const old = accounts.find((a) => a.username === 'observer')!.password;
    const before = await workbench.talks.accounts.signIn('observer', old, { address: '10.0.0.9' });
    const token = await workbench.talks.accounts.createToken(
      (await workbench.talks.accounts.authenticate(before.secret)).actor,
      { label: 'script', expiresInDays: 30 },
    );
    const again = await loadDemoTalks(workbench.db);
    const fresh = again.find((a) => a.username === 'observer')!.password;
    expect(fresh).not.toBe(old);
    const signIn = (password: string) =>
      workbench.talks.accounts.signIn('observer', password, { address: '10.0.0.9' });
    await expect(signIn(old)).rejects.toMatchObject({ status: 401 });
    await expect(signIn(fresh)).resolves.toBeDefined();
    // A session and a token made with the old password end with the reset.
    await expect(workbench.talks.accounts.authenticate(before.secret)).rejects.toMatchObject({ status: 401 });
    await expect(workbench.talks.accounts.authenticate(token.secret)).rejects.toMatchObject({ status: 401 });
    accounts = again;
  });

  it('refuses to load into talks that have other accounts', async () => {
    await workbench.talks.accounts.createUser(
      localAdmin,
      {
        username: 'someone.else',
        displayName: 'Someone',
        role: 'observer',
        password: 'a-long-enough-password',
      },
      { local: true },
    );
    await expect(loadDemoTalks(workbench.db)).rejects.toMatchObject({ status: 409 });
  });
});
