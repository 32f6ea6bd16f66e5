import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  ApiToken,
  CreatedToken,
  CreateUserInput,
  SessionInfo,
  SessionsEnded,
  SetupInput,
  TalksUser,
} from '@lockstep/contract';
import { talksDeviceDays, talksSessionHours } from '@lockstep/contract';
import { type Actor, type AuditValue, authorize, type PolicyResource } from '@lockstep/core';
import type { TalksCredentialRecord, TalksRepository, TalksUserRecord } from '@lockstep/store';
import {
  type CountedAttempt,
  defaultLoginLimits,
  type LoginLimits,
  StoredLoginThrottle,
} from './login-throttle.ts';
import { checkPasswordStrength } from './password-policy.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { TalksError } from './talks-error.ts';
import { allow, newId, nodeSha256, refusalOf, type TalksLedger } from './talks-ledger.ts';

/** A signed-in caller: who they are in the talks and by which credential. */
export interface TalksCaller {
  readonly actor: Actor;
  readonly user: TalksUser;
  readonly credentialId: string;
  readonly via: 'session' | 'token';
  readonly expiresAt: string;
}

/** The administrator working on the store directly (`lockstep talks ...`, `serve --demo`), as the log names it. */
export const localAdmin: Actor = { userId: 'cli:local-admin', role: 'admin' };

/** A sign-in that worked: the session's secret (the cookie), and a new device secret for this browser. */
export interface SignedIn {
  readonly secret: string;
  readonly session: SessionInfo;
  readonly deviceSecret: string;
}

/** What a sign-in carries besides the name and password. */
export interface SignInContext {
  /** The client's address (behind a trusted proxy, the address it forwarded). */
  readonly address: string;
  /** The session cookie the browser sent, revoked by the new sign-in (no session fixation). */
  readonly previousSecret?: string | undefined;
  /** The browser's device cookie, if it has one. */
  readonly deviceSecret?: string | undefined;
}

/** Options of the accounts: the throttle's limits and how many failures a device cookie survives. */
export interface AccountOptions {
  readonly loginLimits?: LoginLimits | undefined;
  readonly deviceFailures?: number | undefined;
}

/** The account's state as the API shows it. */
function statusOf(user: TalksUserRecord): TalksUser['status'] {
  if (user.disabledAt !== undefined) return 'disabled';
  if (user.confirmedAt === undefined) return 'pending';
  return user.passwordHash === undefined ? 'activation' : 'active';
}

export function publicUser(user: TalksUserRecord): TalksUser {
  const { passwordHash: _secret, activationHash: _code, activationExpiresAt, ...rest } = user;
  return {
    ...rest,
    status: statusOf(user),
    ...(user.passwordHash === undefined && activationExpiresAt ? { activationExpiresAt } : {}),
  };
}

/** A confirmation, with the activation code for the person when the account has no password yet. */
export interface ConfirmedAccount {
  readonly user: TalksUser;
  /** Shown once, to the confirmer, to hand to the person: they set their own password with it. */
  readonly activationCode?: string;
  readonly activationExpiresAt?: string;
  /** True when the code was printed on the server's console instead (the first coordinator's). */
  readonly activationCodeOnConsole?: boolean;
}

/** How long an activation code works (days). */
export const activationDays = 7;

export function actorOf(user: TalksUserRecord): Actor {
  return { userId: user.id, role: user.role, ...(user.delegation ? { delegation: user.delegation } : {}) };
}

function publicToken(token: TalksCredentialRecord): ApiToken {
  const { secretHash: _secret, kind: _kind, ...rest } = token;
  return rest;
}

/** Who an account is, for an audit entry: its id, name, role and delegation (never a secret). */
function subject(user: TalksUserRecord): { readonly [key: string]: AuditValue } {
  return { user: user.id, username: user.username, role: user.role, delegation: user.delegation ?? null };
}

/** Who must confirm an account of this kind, in words. */
export function confirmerOf(user: Pick<TalksUserRecord, 'role' | 'delegation'>): string {
  switch (user.role) {
    case 'head':
    case 'member':
      return `a head of the ${user.delegation} delegation (or the coordinator, while it has no head)`;
    case 'observer':
      return 'the coordinator';
    case 'coordinator':
      return 'another coordinator, or the server administrator with `lockstep talks users confirm`';
    case 'admin':
      return 'no one';
  }
}

/** Accounts an admin makes for these roles wait for confirmation: every role that sees the talks' content. */
const needsConfirmation = (role: TalksUserRecord['role']) => role !== 'admin';

const alreadySetUp = () =>
  new TalksError(409, 'the first admin already exists: sign in, and have an admin add accounts');

const sha256Bytes = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * A one-time code of `groups` groups of five characters from an alphabet without look-alikes (about 24.5
 * bits a group): the console code (two groups) and activation codes (three).
 */
function newCode(groups: number): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const chars = [...randomBytes(groups * 5)].map((b) => alphabet[b % alphabet.length]);
  return Array.from({ length: groups }, (_, g) => chars.slice(g * 5, g * 5 + 5).join('')).join('-');
}

/** A code as typed: case and spaces ignored. */
const normaliseCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/**
 * The talks' accounts and credentials: the first admin, accounts and their confirmation by a second party,
 * disabling and enabling, passwords (checked against common ones), sign-in with a throttle that cannot be
 * turned against the account's owner, sessions, API tokens made only by their owner. Every change is recorded
 * in the audit log with the account it was done to.
 */
export class TalksAccounts {
  private readonly throttle: StoredLoginThrottle;
  private readonly deviceFailures: number;
  /** The SHA-256 of the console code the server printed, while one is in force. */
  private consoleCodeHash: Buffer | undefined;
  /**
   * Writes a line on the server's console (`lockstep serve` sets it): a new console code when an account is
   * made that only someone at the server's machine may confirm (the first coordinator), and that account's
   * activation code.
   */
  onConsole: ((line: string) => void) | undefined;

  constructor(
    private readonly ledger: TalksLedger,
    options: AccountOptions = {},
  ) {
    this.throttle = new StoredLoginThrottle(ledger.db, options.loginLimits ?? defaultLoginLimits, () =>
      ledger.nowMs(),
    );
    this.deviceFailures = options.deviceFailures ?? 10;
  }

  // First run

  /** Whether the first admin is still to be created. */
  async needsAdmin(): Promise<boolean> {
    return (await this.ledger.read((repo) => repo.countUsers())) === 0;
  }

  /**
   * A new one-time console code, to print on the server's console: only someone who can read that console
   * (on the server's machine) can create the first admin over the API, or confirm the first coordinator. The
   * previous code stops working.
   */
  issueConsoleCode(): string {
    const code = newCode(2);
    this.consoleCodeHash = sha256Bytes(code);
    return code;
  }

  /** What the console code is needed for now: the first admin, a first coordinator to confirm, or nothing. */
  async consoleCodeNeeded(): Promise<'first admin' | 'first coordinator' | undefined> {
    if (await this.needsAdmin()) return 'first admin';
    return (await this.firstCoordinatorToConfirm()) ? 'first coordinator' : undefined;
  }

  /**
   * A coordinator account waiting (for confirmation, or for activation with a new code) while no coordinator
   * is active: only the server's console confirms it.
   */
  async firstCoordinatorToConfirm(): Promise<TalksUser | undefined> {
    return this.ledger.read(async (repo) => {
      if (await repo.hasActiveCoordinator()) return undefined;
      const waiting = (await repo.inactiveUsers()).find((u) => u.role === 'coordinator');
      return waiting && publicUser(waiting);
    });
  }

  /**
   * Creates the first admin; refused (409) once any account exists. Over the API (`via: 'api'`) the console
   * code printed by the server is required and spent; `lockstep talks init` on the store needs none.
   */
  async setupAdmin(input: SetupInput, via: 'api' | 'local', address = 'local'): Promise<TalksUser> {
    if (!(await this.needsAdmin())) throw alreadySetUp();
    if (via === 'api') await this.checkConsoleCode(input.setupCode, address);
    checkPasswordStrength(input.password, input);
    const passwordHash = await hashPassword(input.password);
    const at = this.ledger.now();
    const user: TalksUserRecord = {
      id: newId('u'),
      username: input.username,
      displayName: input.displayName,
      role: 'admin',
      passwordHash,
      createdAt: at,
      confirmedAt: at,
      confirmedBy: via === 'api' ? 'console-code' : localAdmin.userId,
    };
    const made = await this.ledger.write(actorOf(user), 'user.create', async (repo) => {
      if ((await repo.countUsers()) > 0) throw alreadySetUp();
      await repo.addUser(user);
      return { value: publicUser(user), target: `user:${user.id}`, detail: { ...subject(user), setup: via } };
    });
    if (via === 'api') this.consoleCodeHash = undefined;
    return made;
  }

  /**
   * Confirms the first coordinator with the console code (from the server's machine): the coordinator's
   * office has no one yet to confirm it, and the admin must not. The activation code goes to the server's
   * console, never into the answer: whoever sent the request (an admin's browser) does not get it.
   */
  async confirmFirstCoordinator(
    userId: string,
    consoleCode: string,
    address: string,
  ): Promise<ConfirmedAccount> {
    const first = await this.firstCoordinatorToConfirm();
    if (!first || first.id !== userId) {
      throw new TalksError(404, 'no coordinator account waits for the first confirmation', 'userId');
    }
    const print = this.onConsole;
    if (!print) throw new TalksError(409, 'this server has no console to print the activation code on');
    await this.checkConsoleCode(consoleCode, address);
    const { activationCode, ...confirmed } = await this.confirm(
      { userId: 'console-code', role: 'admin' },
      userId,
      {
        local: true,
      },
    );
    this.consoleCodeHash = undefined;
    print(
      `Activation code for the coordinator "${first.username}" (give it to that person, who sets their own password at /talks/activate before ${confirmed.activationExpiresAt}): ${activationCode}`,
    );
    return { ...confirmed, activationCodeOnConsole: true };
  }

  private async checkConsoleCode(code: string | undefined, address: string): Promise<void> {
    const wait = await this.throttle.attempt('(console code)', address);
    if (!wait.attempt) {
      throw new TalksError(
        429,
        `too many wrong console codes: try again in ${wait.seconds} s`,
        'setupCode',
        undefined,
        wait.seconds,
      );
    }
    const expected = this.consoleCodeHash;
    if (expected === undefined) {
      await this.throttle.release(wait.attempt);
      throw new TalksError(
        403,
        'no console code is in force: restart the server and use the code it prints, or use `lockstep talks` on the server',
        'setupCode',
      );
    }
    if (!timingSafeEqual(sha256Bytes(normaliseCode(code ?? '')), expected)) {
      await this.throttle.fail(wait.attempt);
      throw new TalksError(
        403,
        'setupCode: wrong code: use the one the server printed on its console',
        'setupCode',
      );
    }
    await this.throttle.release(wait.attempt);
  }

  // Accounts

  /**
   * Creates an account. Made by an admin over the API, an account for any role but admin has no password: it
   * waits, with no access, until a second party confirms it (`confirm`), who is given an activation code for
   * the person to set their own password with; the admin never holds a way in. An admin account gets the
   * password given. Made on the store (`local`: the CLI, the demo), an account gets its password and is
   * confirmed at once by the local administrator, who holds the database anyway.
   */
  async createUser(
    actor: Actor,
    input: CreateUserInput,
    options: { local?: boolean } = {},
  ): Promise<TalksUser> {
    allow(actor, 'user.create');
    const participant = needsConfirmation(input.role) && !options.local;
    if (participant && input.password !== undefined) {
      throw new TalksError(
        422,
        `password: an admin does not choose the password of a ${input.role}: the account waits for ${confirmerOf(input)}, who is given an activation code for the person to set their own`,
        'password',
      );
    }
    if (!participant && input.password === undefined) {
      throw new TalksError(422, 'password: required for this account', 'password');
    }
    if (input.password !== undefined) checkPasswordStrength(input.password, input);
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    const at = this.ledger.now();
    const user: TalksUserRecord = {
      id: newId('u'),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      ...(input.delegation ? { delegation: input.delegation } : {}),
      ...(passwordHash ? { passwordHash } : {}),
      createdAt: at,
      ...(participant
        ? {}
        : { confirmedAt: at, confirmedBy: options.local ? localAdmin.userId : actor.userId }),
    };
    const made = await this.ledger.write(actor, 'user.create', async (repo) => {
      if (await repo.userByName(user.username)) {
        throw new TalksError(409, `the username "${user.username}" is taken: choose another`, 'username');
      }
      await repo.addUser(user);
      return {
        value: publicUser(user),
        target: `user:${user.id}`,
        detail: { ...subject(user), status: statusOf(user) },
      };
    });
    if (made.role === 'coordinator' && made.status === 'pending' && this.onConsole) {
      const first = await this.firstCoordinatorToConfirm();
      if (first?.id === made.id) {
        this.onConsole(
          `Console code to confirm the first coordinator "${made.username}" (on this machine, at /talks): ${this.issueConsoleCode()}`,
        );
      }
    }
    return made;
  }

  async listUsers(actor: Actor): Promise<TalksUser[]> {
    allow(actor, 'user.list');
    return (await this.ledger.read((repo) => repo.listUsers())).map(publicUser);
  }

  /** The user with this name (for the CLI, which names accounts by username); 404 naming the flag. */
  async userNamed(actor: Actor, username: string): Promise<TalksUser> {
    allow(actor, 'user.list');
    const user = await this.ledger.read((repo) => repo.userByName(username.trim().toLowerCase()));
    if (!user)
      throw new TalksError(404, `no account "${username}" (lockstep talks users list shows them)`, 'user');
    return publicUser(user);
  }

  /** The policy's view of an account someone would confirm. */
  private async accountResource(repo: TalksRepository, user: TalksUserRecord): Promise<PolicyResource> {
    return {
      kind: 'account',
      userId: user.id,
      role: user.role,
      ...(user.delegation ? { delegation: user.delegation } : {}),
      delegationHasHead: user.delegation ? await repo.hasActiveHead(user.delegation) : false,
    };
  }

  /** The policy's view of account `id` (for the check before a request's body is read), if it exists. */
  async accountPolicyResource(id: string): Promise<PolicyResource | undefined> {
    return this.ledger.read(async (repo) => {
      const user = await repo.userById(id);
      return user && this.accountResource(repo, user);
    });
  }

  /**
   * The accounts waiting for a confirmation the actor may give (a head: its delegation's; the coordinator):
   * pending ones, and confirmed ones still to be activated (confirming again gives a new activation code).
   */
  async pendingFor(actor: Actor): Promise<TalksUser[]> {
    allow(actor, 'user.pending');
    return this.ledger.read(async (repo) => {
      const pending = await repo.inactiveUsers();
      const mine: TalksUser[] = [];
      for (const user of pending) {
        if (user.disabledAt !== undefined) continue;
        if (authorize(actor, 'user.confirm', await this.accountResource(repo, user)).allowed) {
          mine.push(publicUser(user));
        }
      }
      return mine;
    });
  }

  /**
   * Confirms a waiting account: the second party that keeps an admin out of the talks' content. The actor
   * must be the one the policy names (`user.confirm`); `local` is the server's administrator on the store.
   * An account with no password yet gets a one-time activation code (valid `activationDays`), returned once
   * for the confirmer to hand to the person, who sets their own password with it (`activate`).
   */
  async confirm(actor: Actor, userId: string, options: { local?: boolean } = {}): Promise<ConfirmedAccount> {
    const code = newCode(3);
    return this.ledger.write(actor, 'user.confirm', async (repo, at) => {
      const user = await repo.userById(userId);
      const resource = user ? await this.accountResource(repo, user) : undefined;
      if (!user || (!options.local && !authorize(actor, 'user.confirm', resource).allowed)) {
        throw new TalksError(404, 'no such account waiting for your confirmation', 'id');
      }
      // An account confirmed but not yet activated may be confirmed again: a new activation code replaces
      // the old (lost or expired) one.
      if (user.confirmedAt !== undefined && user.passwordHash !== undefined) {
        throw new TalksError(409, `the account "${user.username}" is already confirmed and active`, 'id');
      }
      const by = options.local && actor.userId !== 'console-code' ? localAdmin.userId : actor.userId;
      const activation =
        user.passwordHash === undefined
          ? {
              hash: nodeSha256(normaliseCode(code)),
              expiresAt: new Date(Date.parse(at) + activationDays * 86_400_000).toISOString(),
            }
          : undefined;
      await repo.confirmUser(user.id, by, at, activation);
      const confirmed: TalksUserRecord = {
        ...user,
        confirmedAt: at,
        confirmedBy: by,
        ...(activation ? { activationHash: activation.hash, activationExpiresAt: activation.expiresAt } : {}),
      };
      return {
        value: {
          user: publicUser(confirmed),
          ...(activation ? { activationCode: code, activationExpiresAt: activation.expiresAt } : {}),
        },
        target: `user:${user.id}`,
        detail: {
          ...subject(user),
          activation: activation !== undefined,
          newCode: user.confirmedAt !== undefined,
        },
      };
    });
  }

  /**
   * Sets the password of a confirmed account with the activation code its confirmer handed on, and signs the
   * person in. A wrong code answers like a wrong password, and counts against the same throttle.
   */
  async activate(
    username: string,
    activationCode: string,
    password: string,
    context: SignInContext,
  ): Promise<SignedIn> {
    const name = username.trim().toLowerCase();
    const user = await this.oneSignInAtATime([`account:${name}`, `address:${context.address}`], async () => {
      const attempt = await this.countAttemptOrRefuse(name, context.address);
      const found = await this.ledger.read((repo) => repo.userByName(name));
      const valid =
        found?.activationHash !== undefined &&
        found.passwordHash === undefined &&
        found.disabledAt === undefined &&
        Date.parse(found.activationExpiresAt ?? '') > this.ledger.nowMs() &&
        timingSafeEqual(sha256Bytes(normaliseCode(activationCode)), Buffer.from(found.activationHash, 'hex'));
      if (!found || !valid) {
        await this.throttle.fail(attempt);
        throw new TalksError(
          401,
          'wrong username or activation code, or the code has expired or was used: ask whoever confirmed the account for a new one',
        );
      }
      await this.throttle.succeed(attempt);
      return found;
    });
    checkPasswordStrength(password, user);
    const passwordHash = await hashPassword(password);
    await this.ledger.write(actorOf(user), 'user.activate', async (repo) => {
      await repo.setPasswordHash(user.id, passwordHash);
      return { value: undefined, target: `user:${user.id}`, detail: subject(user) };
    });
    return this.signIn(user.username, password, { ...context, previousSecret: context.previousSecret });
  }

  /** Disables an account: its sessions and tokens end at once, and it cannot sign in until enabled. */
  async disable(actor: Actor, userId: string): Promise<SessionsEnded> {
    allow(actor, 'user.disable');
    if (userId === actor.userId) {
      throw new TalksError(422, 'you cannot disable your own account: ask another admin', 'id');
    }
    return this.ledger.write(actor, 'user.disable', async (repo, at) => {
      const user = await this.existing(repo, userId);
      await repo.setDisabled(user.id, at);
      const ended = await repo.revokeUserCredentials(user.id, at, ['session', 'token']);
      await repo.deleteUserDevices(user.id);
      return {
        value: {
          user: publicUser({ ...user, disabledAt: at }),
          sessionsEnded: ended.sessions,
          tokensEnded: ended.tokens,
        },
        target: `user:${user.id}`,
        detail: { ...subject(user), sessionsEnded: ended.sessions, tokensEnded: ended.tokens },
      };
    });
  }

  /** Enables a disabled account again (its confirmation, or the lack of it, is as it was). */
  async enable(actor: Actor, userId: string): Promise<TalksUser> {
    allow(actor, 'user.enable');
    return this.ledger.write(actor, 'user.enable', async (repo) => {
      const user = await this.existing(repo, userId);
      await repo.setDisabled(user.id, undefined);
      const { disabledAt: _was, ...enabled } = user;
      return { value: publicUser(enabled), target: `user:${user.id}`, detail: subject(user) };
    });
  }

  /** Ends every session and token of an account at once (their next use gets 401). */
  async endSessions(actor: Actor, userId: string): Promise<SessionsEnded> {
    allow(actor, 'user.end-sessions');
    return this.ledger.write(actor, 'user.end-sessions', async (repo, at) => {
      const user = await this.existing(repo, userId);
      const ended = await repo.revokeUserCredentials(user.id, at, ['session', 'token']);
      return {
        value: { user: publicUser(user), sessionsEnded: ended.sessions, tokensEnded: ended.tokens },
        target: `user:${user.id}`,
        detail: { ...subject(user), sessionsEnded: ended.sessions, tokensEnded: ended.tokens },
      };
    });
  }

  /**
   * Resets an account (admin): every session, token and known browser of it ends. An admin account gets the
   * new `password` given. Any other account is taken back to waiting for a second party, with no password at
   * all (an admin must not know one): its confirmer confirms it again and hands the person a new activation
   * code. On the store (`local`: the demo, the CLI) the account gets `password` and stays confirmed.
   */
  async resetPassword(
    actor: Actor,
    userId: string,
    password: string | undefined,
    options: { local?: boolean } = {},
  ): Promise<SessionsEnded> {
    allow(actor, 'user.reset-password');
    const user = await this.ledger.read((repo) => this.existing(repo, userId));
    const withdraw = !options.local && needsConfirmation(user.role);
    if (withdraw && password !== undefined) {
      throw new TalksError(
        422,
        `password: an admin does not choose the password of a ${user.role}: the reset account waits for ${confirmerOf(user)}, who is given an activation code for the person`,
        'password',
      );
    }
    if (!withdraw && password === undefined) throw new TalksError(422, 'password: required', 'password');
    if (password !== undefined) checkPasswordStrength(password, user);
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    return this.ledger.write(actor, 'user.reset-password', async (repo, at) => {
      if (passwordHash) await repo.setPasswordHash(user.id, passwordHash);
      else await repo.withdrawAccess(user.id);
      const ended = await repo.revokeUserCredentials(user.id, at, ['session', 'token']);
      await repo.deleteUserDevices(user.id);
      const after = await this.existing(repo, user.id);
      return {
        value: { user: publicUser(after), sessionsEnded: ended.sessions, tokensEnded: ended.tokens },
        target: `user:${user.id}`,
        detail: {
          ...subject(user),
          confirmationWithdrawn: withdraw,
          sessionsEnded: ended.sessions,
          tokensEnded: ended.tokens,
        },
      };
    });
  }

  /**
   * Changes the caller's own password, given the current one: the caller's other sessions and every token
   * end (someone who learnt the old password may have made them), and so does every known browser but this.
   */
  async changePassword(
    caller: TalksCaller,
    currentPassword: string,
    newPassword: string,
  ): Promise<SessionsEnded> {
    allow(caller.actor, 'password.change');
    const user = await this.ledger.read((repo) => this.existing(repo, caller.actor.userId));
    if (!(await verifyPassword(currentPassword, user.passwordHash ?? ''))) {
      throw new TalksError(403, 'currentPassword: the current password is wrong', 'currentPassword');
    }
    if (currentPassword === newPassword) {
      throw new TalksError(422, 'newPassword: the new password is the current one', 'newPassword');
    }
    checkPasswordStrength(newPassword, user, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    return this.ledger.write(caller.actor, 'password.change', async (repo, at) => {
      await repo.setPasswordHash(user.id, passwordHash);
      const keep = caller.via === 'session' ? caller.credentialId : undefined;
      const ended = await repo.revokeUserCredentials(user.id, at, ['session', 'token'], keep);
      return {
        value: { user: publicUser(user), sessionsEnded: ended.sessions, tokensEnded: ended.tokens },
        target: `user:${user.id}`,
        detail: { ...subject(user), sessionsEnded: ended.sessions, tokensEnded: ended.tokens },
      };
    });
  }

  private async existing(repo: TalksRepository, userId: string): Promise<TalksUserRecord> {
    const user = await repo.userById(userId);
    if (!user) throw new TalksError(404, `no account "${userId}"`, 'id');
    return user;
  }

  // Sign-in and sessions

  /**
   * Signs in with a password and starts a new session (a fresh secret every time, so a session id planted
   * before sign-in is worthless; the cookie the browser sent is revoked). The answer to a wrong password and
   * to an unknown name is the same, and so is its cost. Failed attempts from browsers the account has never
   * signed in from slow further ones (exponentially, per name and per address, never a lock-out); a browser
   * with a device cookie of this account is held only to its own failures, so others' guesses never keep the
   * owner out. A pending or disabled account is told so only after its right password.
   */
  async signIn(username: string, password: string, context: SignInContext): Promise<SignedIn> {
    const name = username.trim().toLowerCase();
    const deviceHash = context.deviceSecret ? nodeSha256(context.deviceSecret) : undefined;
    const [found, device] = await this.ledger.read(async (repo) => [
      await repo.userByName(name),
      deviceHash ? await repo.deviceBySecret(deviceHash) : undefined,
    ]);
    const trusted =
      found !== undefined &&
      device !== undefined &&
      device.userId === found.id &&
      Date.parse(device.expiresAt) > this.ledger.nowMs();
    // One attempt at a time per name and per address (or per device) in this process. Across servers the
    // throttle counts an attempt as a failure as it lets it through (taken back when the password is right),
    // so attempts sent at once to several servers cannot all pass before the first failure is counted.
    const keys = trusted ? [`device:${deviceHash}`] : [`account:${name}`, `address:${context.address}`];
    const user = await this.oneSignInAtATime(keys, async () => {
      const attempt = trusted ? undefined : await this.countAttemptOrRefuse(name, context.address);
      const matches = found?.passwordHash
        ? await verifyPassword(password, found.passwordHash)
        : (await verifyPassword(password, await dummyPasswordHash())) && false;
      if (!found || !matches) {
        if (attempt) await this.throttle.fail(attempt);
        else if (deviceHash) await this.failDevice(deviceHash);
        throw new TalksError(401, 'wrong username or password');
      }
      if (attempt) await this.throttle.succeed(attempt);
      if (found.disabledAt !== undefined) {
        throw new TalksError(403, 'this account is disabled: ask the talks administrator to enable it');
      }
      if (found.confirmedAt === undefined) {
        throw new TalksError(
          403,
          `this account waits for confirmation by ${confirmerOf(found)}; it has no access until then`,
        );
      }
      return found;
    });
    const secret = randomBytes(32).toString('base64url');
    const deviceSecret = randomBytes(32).toString('base64url');
    const createdAt = this.ledger.now();
    const credential: TalksCredentialRecord = {
      id: newId('s'),
      kind: 'session',
      secretHash: nodeSha256(secret),
      userId: user.id,
      label: 'web session',
      createdAt,
      expiresAt: new Date(Date.parse(createdAt) + talksSessionHours * 3_600_000).toISOString(),
    };
    const previous = context.previousSecret
      ? await this.ledger.read((repo) => repo.credentialBySecret(nodeSha256(context.previousSecret!)))
      : undefined;
    await this.ledger.write(actorOf(user), 'session.start', async (repo, at) => {
      if (previous?.credential.kind === 'session') await repo.revokeCredential(previous.credential.id, at);
      await repo.addCredential(credential);
      // The device cookie is renewed at each sign-in; the one it replaces stops counting.
      if (trusted && deviceHash) await repo.deleteDevice(deviceHash);
      await repo.addDevice({
        secretHash: nodeSha256(deviceSecret),
        userId: user.id,
        createdAt: at,
        expiresAt: new Date(Date.parse(at) + talksDeviceDays * 86_400_000).toISOString(),
        failures: 0,
      });
      return { value: undefined, target: `session:${credential.id}`, detail: { knownBrowser: trusted } };
    });
    return {
      secret,
      deviceSecret,
      session: { user: publicUser(user), expiresAt: credential.expiresAt, via: 'session' },
    };
  }

  /**
   * Counts an attempt on `name` from `address` as a failure (taken back if it turns out right), or refuses it
   * with 429 while a counter holds it back.
   */
  private async countAttemptOrRefuse(name: string, address: string): Promise<CountedAttempt> {
    const wait = await this.throttle.attempt(name, address);
    if (wait.attempt) return wait.attempt;
    const what =
      wait.by === 'address'
        ? 'from this address'
        : 'for this account from browsers it has not signed in with before';
    throw new TalksError(
      429,
      `too many failed sign-ins ${what}: try again in ${wait.seconds} s (a browser that signed in to the account before is not held back)`,
      undefined,
      undefined,
      wait.seconds,
    );
  }

  /** Counts a failure against a device; past the limit the device is forgotten (it is then held like any other). */
  private async failDevice(deviceHash: string): Promise<void> {
    await this.ledger.read(async (repo) => {
      if ((await repo.failDevice(deviceHash)) >= this.deviceFailures) await repo.deleteDevice(deviceHash);
    });
  }

  /** The sign-in attempt last queued per account name, per address and per device. */
  private readonly signInTurns = new Map<string, Promise<unknown>>();

  /** Runs `work` after every attempt queued before on any of `keys` has settled. */
  private async oneSignInAtATime<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const before = keys.map((key) => this.signInTurns.get(key));
    const turn = Promise.allSettled(before).then(work);
    const settled = turn.catch(() => undefined);
    for (const key of keys) this.signInTurns.set(key, settled);
    try {
      return await turn;
    } finally {
      for (const key of keys) if (this.signInTurns.get(key) === settled) this.signInTurns.delete(key);
    }
  }

  /**
   * The caller a session or token secret stands for; 401 when it is unknown, expired or revoked, or when its
   * account is disabled or waits for confirmation.
   */
  async authenticate(secret: string): Promise<TalksCaller> {
    const found = await this.ledger.read((repo) => repo.credentialBySecret(nodeSha256(secret)));
    const what = secret.startsWith('lst_') ? 'token' : 'session';
    if (!found) throw new TalksError(401, `not signed in: the ${what} is not known; sign in again`);
    const { credential, user } = found;
    if (credential.revokedAt !== undefined) {
      throw new TalksError(
        401,
        `this ${credential.kind} was ended at ${credential.revokedAt}; sign in again`,
      );
    }
    if (Date.parse(credential.expiresAt) <= this.ledger.nowMs()) {
      throw new TalksError(401, `this ${credential.kind} expired at ${credential.expiresAt}; sign in again`);
    }
    if (user.disabledAt !== undefined) {
      throw new TalksError(401, 'this account is disabled: ask the talks administrator to enable it');
    }
    if (user.confirmedAt === undefined) {
      throw new TalksError(401, `this account waits for confirmation by ${confirmerOf(user)}`);
    }
    return {
      actor: actorOf(user),
      user: publicUser(user),
      credentialId: credential.id,
      via: credential.kind,
      expiresAt: credential.expiresAt,
    };
  }

  session(caller: TalksCaller): SessionInfo {
    allow(caller.actor, 'session.read');
    return { user: caller.user, expiresAt: caller.expiresAt, via: caller.via };
  }

  /** Ends the caller's session (or revokes the token used): the next request with it gets 401. */
  async signOut(caller: TalksCaller): Promise<void> {
    allow(caller.actor, 'session.end');
    await this.ledger.write(caller.actor, 'session.end', async (repo, at) => {
      await repo.revokeCredential(caller.credentialId, at);
      return { value: undefined, target: `${caller.via}:${caller.credentialId}` };
    });
  }

  // API tokens

  /**
   * A new API token for the actor; the secret is returned once. A token is made only by its owner (a token
   * acts as its owner, so one made for someone else would let its maker read as them): `userId`, if given,
   * must be the actor's own.
   */
  async createToken(
    actor: Actor,
    input: { label: string; expiresInDays: number; userId?: string | undefined },
  ): Promise<CreatedToken> {
    const owner = input.userId ?? actor.userId;
    allow(actor, 'token.create', { kind: 'token', ownerUserId: owner });
    return this.issueToken(actor, owner, input);
  }

  /**
   * A token for the account `username`, made on the store (`lockstep talks tokens create --user`) by someone
   * who proves to be its owner with the account's password: the local administrator cannot mint one alone.
   */
  async createTokenWithPassword(
    username: string,
    password: string,
    input: { label: string; expiresInDays: number },
  ): Promise<CreatedToken> {
    const user = await this.ledger.read((repo) => repo.userByName(username.trim().toLowerCase()));
    const matches = user?.passwordHash
      ? await verifyPassword(password, user.passwordHash)
      : (await verifyPassword(password, await dummyPasswordHash())) && false;
    if (!user || !matches) throw new TalksError(403, `wrong password for "${username}"`, 'user');
    if (user.disabledAt !== undefined || user.confirmedAt === undefined) {
      throw new TalksError(
        403,
        `the account "${user.username}" is ${statusOf(user)}: it can have no token`,
        'user',
      );
    }
    return this.issueToken(actorOf(user), user.id, input);
  }

  private issueToken(
    actor: Actor,
    owner: string,
    input: { label: string; expiresInDays: number },
  ): Promise<CreatedToken> {
    const secret = `lst_${randomBytes(32).toString('base64url')}`;
    return this.ledger.write(actor, 'token.create', async (repo, at) => {
      const user = await repo.userById(owner);
      if (!user) throw new TalksError(404, `no user "${owner}"`, 'userId');
      const token: TalksCredentialRecord = {
        id: newId('t'),
        kind: 'token',
        secretHash: nodeSha256(secret),
        userId: owner,
        label: input.label,
        createdAt: at,
        expiresAt: new Date(Date.parse(at) + input.expiresInDays * 86_400_000).toISOString(),
      };
      await repo.addCredential(token);
      return {
        value: { token: publicToken(token), secret },
        target: `token:${token.id}`,
        detail: {
          owner: user.id,
          ownerUsername: user.username,
          label: token.label,
          expiresAt: token.expiresAt,
        },
      };
    });
  }

  /** The actor's tokens; every token for an admin. */
  async listTokens(actor: Actor): Promise<ApiToken[]> {
    allow(actor, 'token.list', { kind: 'token', ownerUserId: actor.userId });
    const tokens = await this.ledger.read((repo) =>
      repo.listTokens(actor.role === 'admin' ? undefined : actor.userId),
    );
    return tokens.map(publicToken);
  }

  /** Revokes a token at once: its next use gets 401. */
  async revokeToken(actor: Actor, id: string): Promise<ApiToken> {
    return this.ledger.write(actor, 'token.revoke', async (repo, at) => {
      const token = await repo.credentialById(id);
      if (token?.kind !== 'token') throw new TalksError(404, `no token "${id}"`, 'id');
      const decision = authorize(actor, 'token.revoke', { kind: 'token', ownerUserId: token.userId });
      if (!decision.allowed) throw refusalOf(actor, 'token.revoke', decision);
      await repo.revokeCredential(id, at);
      const owner = await repo.userById(token.userId);
      return {
        value: publicToken({ ...token, revokedAt: token.revokedAt ?? at }),
        target: `token:${id}`,
        detail: { owner: token.userId, ownerUsername: owner?.username ?? null, label: token.label },
      };
    });
  }

  /** The policy's view of token `id` (whose it is), or undefined when there is no such token. */
  async tokenPolicyResource(id: string): Promise<PolicyResource | undefined> {
    const token = await this.ledger.read((repo) => repo.credentialById(id));
    return token?.kind === 'token' ? { kind: 'token', ownerUserId: token.userId } : undefined;
  }
}
