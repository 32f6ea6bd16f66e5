import { describe, expect, it } from 'vitest';
import { createDocument, emptyDocumentState, relayDocument, sendVersion } from './documents.ts';
import {
  authorize,
  documentResource,
  noteResource,
  type PolicyResource,
  policyTable,
  relayResource,
  talksActions,
} from './policy.ts';
import { admin, coordinator, everyActor, headOf, memberOf, observer, unwrap } from './testing/actors.ts';

const unrelayedUsPaper: PolicyResource = { kind: 'document', author: 'us', visible: false };

describe('the authorization policy', () => {
  it('has exactly one rule per action, and refuses an unknown action', () => {
    expect(Object.keys(policyTable).sort()).toEqual([...talksActions].sort());
    for (const actor of everyActor) {
      expect(authorize(actor, 'document.delete')).toEqual({
        allowed: false,
        status: 403,
        reason: 'unknown action "document.delete"',
      });
      expect(authorize(actor, 'toString').allowed).toBe(false);
    }
  });

  it('answers 404, never 403, for another delegation unrelayed paper, whatever the action', () => {
    const documentActions = talksActions.filter(
      (a) => a.startsWith('document.') && a !== 'document.create' && a !== 'document.list',
    );
    for (const action of documentActions) {
      for (const actor of everyActor.filter((a) => a.role !== 'admin' && a.delegation !== 'us')) {
        expect(authorize(actor, action, unrelayedUsPaper), `${actor.userId} ${action}`).toMatchObject({
          allowed: false,
          status: 404,
        });
      }
    }
  });

  it('decides every action for every role on a resource owned by another delegation', () => {
    for (const action of talksActions) {
      for (const actor of everyActor) {
        const decision = authorize(actor, action, unrelayedUsPaper);
        if (!decision.allowed) expect([403, 404]).toContain(decision.status);
      }
    }
  });

  it('lets only the author delegation write its paper, and only the coordinator relay it once sent', () => {
    const visibleToIran: PolicyResource = { kind: 'document', author: 'us', visible: true };
    expect(authorize(memberOf('us'), 'document.version', visibleToIran)).toEqual({ allowed: true });
    expect(authorize(memberOf('iran'), 'document.version', visibleToIran)).toMatchObject({ status: 403 });
    expect(authorize(coordinator, 'document.relay', visibleToIran)).toEqual({ allowed: true });
    expect(authorize(headOf('iran'), 'document.relay', visibleToIran)).toMatchObject({ status: 403 });
    expect(authorize(admin, 'document.read', visibleToIran)).toMatchObject({ status: 403 });
  });

  it('builds the document resource from the visibility rules', () => {
    let state = unwrap(
      createDocument(emptyDocumentState, memberOf('us'), {
        id: 'np-1',
        title: 't',
        text: 'x',
        at: '2021-04-06T10:00:00Z',
      }),
    );
    expect(documentResource(coordinator, state, 'np-1')).toEqual({
      kind: 'document',
      author: 'us',
      visible: false,
    });
    expect(
      authorize(coordinator, 'document.read', documentResource(coordinator, state, 'np-1')),
    ).toMatchObject({ status: 404 });
    state = unwrap(
      sendVersion(state, memberOf('us'), {
        documentId: 'np-1',
        number: 1,
        expectedVersion: 1,
        at: '2021-04-06T10:01:00Z',
      }),
    );
    state = unwrap(
      relayDocument(state, coordinator, {
        id: 'r-1',
        documentId: 'np-1',
        documentVersion: 1,
        note: '',
        to: ['iran'],
        at: '2021-04-06T11:00:00Z',
      }),
    );
    // A recipient reads the relay, never the paper: its id stays unknowable to it.
    expect(
      authorize(memberOf('iran'), 'document.read', documentResource(memberOf('iran'), state, 'np-1')),
    ).toMatchObject({ status: 404 });
    expect(
      authorize(memberOf('iran'), 'relay.read', relayResource(memberOf('iran'), state.relays, 'r-1')),
    ).toEqual({ allowed: true });
    expect(
      authorize(memberOf('china'), 'relay.read', relayResource(memberOf('china'), state.relays, 'r-1')),
    ).toMatchObject({ status: 404 });
    expect(authorize(coordinator, 'relay.read', relayResource(coordinator, state.relays, 'r-1'))).toEqual({
      allowed: true,
    });
    expect(authorize(admin, 'relay.read', relayResource(admin, state.relays, 'r-1'))).toMatchObject({
      status: 403,
    });
    expect(documentResource(coordinator, state, 'np-404')).toBeUndefined();
    expect(relayResource(coordinator, state.relays, 'r-404')).toBeUndefined();
  });

  it('keeps the text and rounds to the coordinator for writing, and the admin out of the talks', () => {
    for (const action of ['text.propose', 'text.set-status', 'round.open', 'round.close'] as const) {
      expect(authorize(coordinator, action).allowed).toBe(true);
      for (const actor of [headOf('us'), memberOf('iran'), observer, admin]) {
        expect(authorize(actor, action)).toMatchObject({ allowed: false, status: 403 });
      }
    }
    for (const action of ['text.read', 'round.read', 'progress.read', 'document.list'] as const) {
      expect(authorize(observer, action).allowed).toBe(true);
      expect(authorize(admin, action)).toMatchObject({ allowed: false, status: 403 });
    }
  });

  it('gives accounts and the log to the admin, tokens to their owners', () => {
    expect(authorize(admin, 'user.create').allowed).toBe(true);
    expect(authorize(headOf('us'), 'user.create')).toMatchObject({ status: 403 });
    expect(authorize(admin, 'audit.read').allowed).toBe(true);
    expect(authorize(coordinator, 'audit.read').allowed).toBe(false);
    expect(authorize(coordinator, 'audit.verify').allowed).toBe(true);
    expect(authorize(memberOf('iran'), 'token.create').allowed).toBe(true);
    expect(authorize(admin, 'token.create').allowed).toBe(true);
    expect(
      authorize(memberOf('iran'), 'token.revoke', { kind: 'token', ownerUserId: 'us-head' }),
    ).toMatchObject({ status: 403 });
    expect(authorize(admin, 'token.revoke', { kind: 'token', ownerUserId: 'us-head' }).allowed).toBe(true);
  });

  it('lets no one, the admin included, make a token for someone else', () => {
    for (const actor of everyActor) {
      const decision = authorize(actor, 'token.create', { kind: 'token', ownerUserId: 'someone-else' });
      expect(decision, actor.userId).toMatchObject({ allowed: false, status: 403 });
    }
  });

  it('has a second party, never the admin, confirm an account that would see the talks', () => {
    const account = (
      role: 'coordinator' | 'head' | 'member' | 'observer' | 'admin',
      delegation?: 'iran' | 'us',
      delegationHasHead = true,
    ): PolicyResource => ({
      kind: 'account',
      userId: 'new-account',
      role,
      ...(delegation ? { delegation } : {}),
      delegationHasHead,
    });
    const confirms = (actor: Parameters<typeof authorize>[0], resource: PolicyResource) =>
      authorize(actor, 'user.confirm', resource).allowed;
    // A delegation's accounts: its own head; the coordinator only for a delegation with no head yet.
    expect(confirms(headOf('iran'), account('member', 'iran'))).toBe(true);
    expect(confirms(headOf('iran'), account('head', 'iran'))).toBe(true);
    expect(confirms(memberOf('iran'), account('member', 'iran'))).toBe(false);
    expect(confirms(headOf('us'), account('member', 'iran'))).toBe(false);
    expect(confirms(coordinator, account('member', 'iran'))).toBe(false);
    expect(confirms(coordinator, account('head', 'iran', false))).toBe(true);
    // Observers and coordinators: the coordinator.
    expect(confirms(coordinator, account('observer'))).toBe(true);
    expect(confirms(coordinator, account('coordinator'))).toBe(true);
    expect(confirms(headOf('iran'), account('observer'))).toBe(false);
    // Never the admin, never oneself; an admin account waits for no one.
    for (const resource of [account('member', 'iran'), account('head', 'iran', false), account('observer')]) {
      expect(authorize(admin, 'user.confirm', resource)).toMatchObject({ allowed: false, status: 404 });
    }
    expect(confirms({ userId: 'new-account', role: 'coordinator' }, account('coordinator'))).toBe(false);
    expect(confirms(coordinator, account('admin'))).toBe(false);
    // The admin manages accounts but does not confirm them; delegates manage none.
    for (const action of [
      'user.disable',
      'user.enable',
      'user.end-sessions',
      'user.reset-password',
    ] as const) {
      expect(authorize(admin, action).allowed).toBe(true);
      expect(authorize(coordinator, action)).toMatchObject({ status: 403 });
      expect(authorize(headOf('iran'), action)).toMatchObject({ status: 403 });
    }
    expect(authorize(admin, 'user.pending')).toMatchObject({ status: 403 });
    expect(authorize(headOf('iran'), 'user.pending').allowed).toBe(true);
  });

  it('refuses an actor whose role and delegation do not fit', () => {
    expect(authorize({ userId: 'x', role: 'member' }, 'text.read')).toMatchObject({ status: 403 });
    expect(authorize({ userId: 'x', role: 'coordinator', delegation: 'eu' }, 'text.read')).toMatchObject({
      reason: 'a coordinator belongs to no delegation, got "eu"',
    });
  });

  it("keeps a desk's notes to its members: 404 to every other desk and to observers, 403 to the admin", () => {
    const iranNote = noteResource(memberOf('iran'), { desk: 'iran' });
    const officeNote = { kind: 'note', desk: 'coordinator', ofActorDesk: false } as const;
    for (const action of ['note.read', 'note.write'] as const) {
      for (const actor of everyActor) {
        const decision = authorize(actor, action, noteResource(actor, { desk: 'iran' }));
        if (actor.delegation === 'iran') expect(decision, actor.userId).toEqual({ allowed: true });
        else if (actor.role === 'admin') expect(decision).toMatchObject({ allowed: false, status: 403 });
        else expect(decision, actor.userId).toEqual({ allowed: false, status: 404, reason: 'no such note' });
      }
      expect(authorize(coordinator, action, noteResource(coordinator, { desk: 'coordinator' })).allowed).toBe(
        true,
      );
      expect(authorize(headOf('eu'), action, officeNote)).toMatchObject({ status: 404 });
      // A resource of another kind is no note either.
      expect(authorize(memberOf('iran'), action, { kind: 'relay', visible: true })).toMatchObject({
        status: 404,
      });
    }
    expect(iranNote).toEqual({ kind: 'note', desk: 'iran', ofActorDesk: true });
    // Listing and writing a new note: a desk of one's own.
    for (const action of ['note.list', 'note.write'] as const) {
      for (const actor of [headOf('us'), memberOf('iran'), coordinator]) {
        expect(authorize(actor, action).allowed).toBe(true);
      }
      expect(authorize(observer, action)).toMatchObject({ status: 403 });
      expect(authorize(admin, action)).toMatchObject({ status: 403 });
    }
  });
});
