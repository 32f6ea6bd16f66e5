import { randomBytes } from 'node:crypto';
import type { Actor, Delegation, ExpertGroup, Role } from '@lockstep/core';
import type { Database } from '@lockstep/store';
import { localAdmin } from './talks-accounts.ts';
import { TalksError } from './talks-error.ts';
import { TalksService } from './talks-service.ts';

/** A demo account and the password made for it (printed by `lockstep serve --demo`). */
export interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly delegation?: Delegation;
  readonly password: string;
}

const accounts: readonly Omit<DemoAccount, 'password'>[] = [
  { username: 'admin', displayName: 'Talks administrator', role: 'admin' },
  { username: 'coordinator', displayName: "EU coordinator's office", role: 'coordinator' },
  { username: 'us.head', displayName: 'US delegation, head', role: 'head', delegation: 'us' },
  { username: 'us.member', displayName: 'US delegation, sanctions expert', role: 'member', delegation: 'us' },
  { username: 'iran.head', displayName: 'Iranian delegation, head', role: 'head', delegation: 'iran' },
  {
    username: 'france.head',
    displayName: 'French delegation (E3), head',
    role: 'head',
    delegation: 'france',
  },
  { username: 'russia.head', displayName: 'Russian delegation, head', role: 'head', delegation: 'russia' },
  { username: 'observer', displayName: 'Observer (IAEA liaison)', role: 'observer' },
];

/** The days the demo's writes are dated: the 2021 Vienna rounds (6 April to 20 June 2021). */
const days = {
  round1: '2021-04-06T09:00:00Z',
  round1Papers: '2021-04-07T10:00:00Z',
  round1Text: '2021-04-08T15:00:00Z',
  round1Close: '2021-04-09T18:00:00Z',
  round2: '2021-04-15T09:00:00Z',
  round2Text: '2021-04-20T16:00:00Z',
  round2Close: '2021-04-28T18:00:00Z',
  round3: '2021-05-07T09:00:00Z',
  round3Text: '2021-05-19T16:00:00Z',
  round3Close: '2021-06-02T18:00:00Z',
  round4: '2021-06-12T09:00:00Z',
  round4Text: '2021-06-16T12:00:00Z',
} as const;

function password(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * Loads the demo talk into empty talks: eight accounts (every role; two delegations that must never see
 * each other's drafts), non-papers sent and relayed (one edited, one to the plenary), the three texts with
 * bracketed alternatives and agreed clauses, and three closed rounds with a fourth open, dated through the
 * 2021 Vienna rounds. The wording is illustrative, not the negotiated text, which was never published.
 *
 * When the talks already hold exactly the demo accounts (a second `--demo` start on the same store), their
 * passwords are reset and printed again; talks with other accounts are left alone and refused.
 */
export async function loadDemoTalks(db: Database): Promise<readonly DemoAccount[]> {
  const made = accounts.map((a) => ({ ...a, password: password() }));
  const live = new TalksService(db);
  if (!(await live.accounts.needsAdmin())) {
    const users = await live.accounts.listUsers(localAdmin);
    const existing = users.map((u) => u.username).sort();
    const demo = accounts.map((a) => a.username).sort();
    if (existing.join() !== demo.join()) {
      throw new TalksError(
        409,
        `the talks in ${db.location} already have accounts other than the demo's: start the demo on an empty store (--data-dir NEW_FOLDER)`,
      );
    }
    // A reset on the store keeps the accounts confirmed, and ends every session and token they had.
    const idOf = new Map(users.map((u) => [u.username, u.id]));
    for (const account of made) {
      await live.accounts.resetPassword(localAdmin, idOf.get(account.username)!, account.password, {
        local: true,
      });
    }
    return made;
  }

  let now: string = days.round1;
  const talks = new TalksService(db, { clock: () => new Date(now) });
  const ids = new Map<string, Actor>();
  for (const account of made) {
    const { password: secret, ...rest } = account;
    const user = await talks.accounts.createUser(localAdmin, { ...rest, password: secret }, { local: true });
    ids.set(account.username, {
      userId: user.id,
      role: user.role,
      ...(user.delegation ? { delegation: user.delegation } : {}),
    });
  }
  const as = (username: string) => ids.get(username)!;
  const coordinator = as('coordinator');
  let rounds = 1;
  const openRound = async (at: string) => {
    now = at;
    rounds = (await talks.rounds.openRound(coordinator, { expectedVersion: rounds })).version;
  };
  const closeRound = async (at: string) => {
    now = at;
    rounds = (await talks.rounds.closeRound(coordinator, { expectedVersion: rounds })).version;
  };
  const clause = async (group: ExpertGroup, title: string, weight = 1, references: Reference[] = []) => {
    const text = await talks.texts.text(coordinator, group);
    const next = await talks.texts.addClause(coordinator, group, {
      title,
      weight,
      references,
      expectedVersion: text.version,
    });
    return next.clauses.at(-1)!.id;
  };
  const versionOf = async (group: ExpertGroup, clauseId: string) =>
    (await talks.texts.text(coordinator, group)).clauses.find((c) => c.id === clauseId)!.version;
  const propose = async (
    group: ExpertGroup,
    clauseId: string,
    proposer: Delegation | 'coordinator',
    text: string,
    disclosedTo: Delegation[] = [],
  ) => {
    const next = await talks.texts.propose(coordinator, group, clauseId, {
      text,
      proposer,
      disclosedTo,
      expectedVersion: await versionOf(group, clauseId),
    });
    return next.clauses.find((c) => c.id === clauseId)!.alternatives.at(-1)!.id;
  };
  const status = async (
    group: ExpertGroup,
    clauseId: string,
    to: 'open' | 'agreed-ad-referendum' | 'agreed',
    alternativeId?: string,
  ) =>
    talks.texts.setStatus(coordinator, group, clauseId, {
      to,
      ...(alternativeId ? { alternativeId } : {}),
      expectedVersion: await versionOf(group, clauseId),
    });

  // Round 1: the structure of the talks, the first papers, the first bracketed text.
  await openRound(days.round1);
  now = days.round1Papers;
  const iran = as('iran.head');
  const iranPaper = await talks.papers.createDocument(iran, {
    title: 'Non-paper: verification of sanctions lifting',
    text:
      'Draft. All sanctions imposed, re-imposed or re-labelled since May 2018 are lifted at once, and ' +
      'Iran verifies their effect before it reverses its remedial steps.',
  });
  await talks.papers.addVersion(iran, iranPaper.documentId, {
    text:
      'All sanctions imposed, re-imposed or re-labelled since May 2018, including designations under ' +
      'counter-terrorism and human-rights authorities, are lifted in one step. Iran verifies the lifting over a ' +
      'period of three to six months (banking channels open, oil sold and paid for) before reversing its ' +
      'remedial measures under paragraph 36.',
    expectedVersion: 1,
  });
  await talks.papers.sendVersion(iran, iranPaper.documentId, { number: 2, expectedVersion: 2 });
  await talks.papers.relay(coordinator, iranPaper.documentId, {
    documentVersion: 2,
    title: 'Relayed: views on the verification of sanctions lifting',
    text:
      'One delegation holds that all sanctions inconsistent with the JCPOA imposed since May 2018 should be ' +
      'lifted in one step, with a period to verify their practical effect before nuclear measures are reversed.',
    note: 'For discussion in the sanctions-lifting expert group; the author is not named.',
    to: ['us'],
    discloseAuthor: false,
  });

  const us = as('us.head');
  const usPaper = await talks.papers.createDocument(us, {
    title: 'Non-paper: compliance for compliance',
    text:
      'The United States lifts the sanctions inconsistent with the JCPOA as Iran returns to its nuclear ' +
      'commitments, in a sequence agreed in advance; designations for terrorism and human rights are outside ' +
      'the JCPOA and stay.',
  });
  await talks.papers.sendVersion(us, usPaper.documentId, { number: 1, expectedVersion: 1 });
  await talks.papers.relay(coordinator, usPaper.documentId, {
    documentVersion: 1,
    note: 'Circulated to the Joint Commission with the author named, at its request.',
    to: ['plenary'],
    discloseAuthor: true,
  });

  const france = as('france.head');
  const e3Paper = await talks.papers.createDocument(france, {
    title: 'E3 draft: stockpile disposition options',
    text: 'Options for the enriched uranium above 202.8 kg: down-blending, shipment abroad, or a mix.',
  });
  await talks.papers.addVersion(france, e3Paper.documentId, {
    text: 'Internal E3 draft, not for circulation: fallback positions on the timing of down-blending.',
    expectedVersion: 1,
  });

  now = days.round1Text;
  const scope = await clause('sanctions-lifting', 'Scope of the sanctions to be lifted', 3, [
    { kind: 'sanctions-designations', ids: ['IRAN', 'IRGC', 'SDGT'] },
  ]);
  const scopeAll = await propose(
    'sanctions-lifting',
    scope,
    'iran',
    'All sanctions imposed, re-imposed or re-labelled since 8 May 2018.',
  );
  await propose(
    'sanctions-lifting',
    scope,
    'us',
    'The sanctions inconsistent with the JCPOA, listed in Attachment 1.',
    ['iran'],
  );
  const assurances = await clause('sanctions-lifting', 'Assurances against re-imposition', 2);
  await propose(
    'sanctions-lifting',
    assurances,
    'iran',
    'Binding guarantees that no future administration withdraws.',
  );
  const stockpile = await clause('nuclear-implementation', 'Enriched uranium above the JCPOA limit', 3, [
    { kind: 'nuclear-steps', ids: ['verify-stockpile'] },
  ]);
  await propose(
    'nuclear-implementation',
    stockpile,
    'coordinator',
    'Enriched uranium above 202.8 kg of uranium is down-blended or shipped out of Iran.',
  );
  const centrifuges = await clause('nuclear-implementation', 'Advanced centrifuges installed since 2019', 2);
  await propose(
    'nuclear-implementation',
    centrifuges,
    'france',
    'Advanced centrifuges are removed and stored under continuous IAEA monitoring.',
    ['us', 'germany', 'uk'],
  );
  const order = await clause('sequencing', 'Order of the first steps', 3, [
    { kind: 'sequencing-plan', ids: ['jcpoa-2021'] },
  ]);
  await propose(
    'sequencing',
    order,
    'iran',
    'The United States acts first; Iran acts once lifting is verified.',
  );
  await propose('sequencing', order, 'us', 'Both sides act in parallel phases agreed in advance.');
  await closeRound(days.round1Close);

  // Round 2: the first agreements.
  await openRound(days.round2);
  now = days.round2Text;
  await status('nuclear-implementation', stockpile, 'agreed-ad-referendum');
  const verification = await clause('nuclear-implementation', 'IAEA verification of the return', 2);
  await propose(
    'nuclear-implementation',
    verification,
    'coordinator',
    'The IAEA verifies each nuclear step, and the Joint Commission is informed of its reports.',
  );
  await status('nuclear-implementation', verification, 'agreed');
  await closeRound(days.round2Close);

  // Round 3: more text, one agreement reopened.
  await openRound(days.round3);
  now = days.round3Text;
  await status('nuclear-implementation', stockpile, 'agreed');
  await status('sanctions-lifting', scope, 'agreed-ad-referendum', scopeAll);
  await status('sanctions-lifting', scope, 'open');
  const period = await clause('sequencing', 'Verification period before Implementation Day', 2);
  await propose(
    'sequencing',
    period,
    'coordinator',
    'A verification period of [weeks][months], agreed in the text.',
  );
  await status('sequencing', period, 'agreed-ad-referendum');
  await closeRound(days.round3Close);

  // Round 4, under way.
  await openRound(days.round4);
  now = days.round4Text;
  await status('nuclear-implementation', centrifuges, 'agreed-ad-referendum');
  return made;
}

type Reference = {
  kind: 'sequencing-plan' | 'sanctions-designations' | 'nuclear-steps';
  ids: string[];
};
