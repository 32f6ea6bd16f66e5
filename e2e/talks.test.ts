import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { outputDir, workbenchSession } from './workbench-session.ts';

/** The page's window, for the computed style of an element (the tests are typed without the DOM library). */
type Styled = { getComputedStyle(element: unknown): { direction: string } };

const session = workbenchSession('talks');
/** Passes the server's strength check (zxcvbn 3 of 4); the weak one is refused with its reason. */
const password = 'amber kettle violin orbit 73';
const weakPassword = 'password1234';
const xss = '<img src=x onerror="window.__xss=1">';

/** Every activation code a confirmer was shown, by username: none may ever appear on an admin's page. */
const activationCodes = new Map<string, string[]>();
/** Content-Security-Policy violations and uncaught page errors, from every page of every context. */
const cspViolations: string[] = [];
const pageErrors: string[] = [];

async function get(path: string, cookie: string): Promise<unknown> {
  const response = await fetch(session.url(`/api/talks${path}`), { headers: { cookie } });
  expect(response.status).toBe(200);
  return response.json();
}

async function api(path: string, body: unknown, cookie?: string) {
  const response = await fetch(session.url(`/api/talks${path}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(outputDir, `talks-${name}.png`), fullPage: true });

/**
 * A browser context of its own (its own cookies) whose pages report CSP violations (Chromium logs them to the
 * console; the `securitypolicyviolation` event is logged too, in case a build of Chromium does not) and
 * uncaught errors.
 */
async function browserContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser!.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/content.security.policy/i.test(message.text()))
      cspViolations.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return { context, page };
}

/** A browser context signed in through the sign-in page. */
async function signedIn(username: string, withPassword = password) {
  const party = await browserContext();
  await party.page.goto(session.url('/talks'));
  await signInOn(party.page, username, withPassword);
  return party;
}

async function signInOn(page: Page, username: string, withPassword = password): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(withPassword);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Fills and submits the activation page; returns once signed in. */
async function activate(page: Page, username: string, code: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Activate your account' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Activation code').fill(code);
  await form.getByLabel('Your new password', { exact: true }).fill(password);
  await form.getByLabel('Your new password again').fill(password);
  await form.getByRole('button', { name: 'Set my password and sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  expect(await page.getByTestId('signed-in-as').textContent()).toContain(`${username} (e2e)`);
}

/** Confirms `username` on the coordinator's or a head's Account page; returns the activation code shown. */
async function confirmOn(page: Page, username: string): Promise<string> {
  const pending = page.getByTestId('pending-accounts');
  await pending.getByRole('button', { name: `Confirm ${username}` }).click();
  const notice = page.getByTestId('confirmed-account').filter({ hasText: username });
  const code = (await notice.getByTestId('activation-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  activationCodes.set(username, [...(activationCodes.get(username) ?? []), code]);
  return code;
}

/** Whether an admin's page shows any activation code a confirmer was given (it never may). */
async function expectNoActivationCode(page: Page): Promise<void> {
  const text = (await page.textContent('main')) ?? '';
  for (const [username, codes] of activationCodes) {
    for (const code of codes) expect(text, `${username}'s activation code`).not.toContain(code);
  }
}

const accountRow = (page: Page, username: string) => page.getByTestId(`account-${username}`);

afterAll(() => {
  expect(cspViolations).toEqual([]);
  expect(pageErrors).toEqual([]);
});

describe('the Talks pages in Chromium', () => {
  it('onboards through the pages: first admin, pending accounts, the first coordinator, confirmations, activation', async () => {
    // The server prints the console code just after its address: wait for the line.
    await expect.poll(() => session.server!.consoleCode()).toBeDefined();
    const firstCode = session.server!.consoleCode();
    expect(firstCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    // The first admin, on the first-run page with the console code; every answer carries the CSP.
    const admin = await browserContext();
    const response = await admin.page.goto(session.url('/talks'));
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const first = admin.page.getByRole('form', { name: 'Create the first admin' });
    await first.getByLabel('Console code').fill('AAAAA-BBBBB');
    await first.getByLabel('Username').fill('admin');
    await first.getByLabel('Name shown').fill('Administrator');
    await first.getByLabel('Password', { exact: true }).fill(password);
    await first.getByLabel('Password again').fill(password);
    await first.getByRole('button', { name: 'Create the first admin' }).click();
    expect(await first.getByRole('alert').textContent()).toMatch(/setupCode: wrong code/);
    expect(await first.getByLabel('Console code').getAttribute('aria-invalid')).toBe('true');
    await first.getByLabel('Console code').fill(firstCode!.toLowerCase());
    await first.getByLabel('Password', { exact: true }).fill(weakPassword);
    await first.getByLabel('Password again').fill(weakPassword);
    await first.getByRole('button', { name: 'Create the first admin' }).click();
    await first.getByRole('alert').filter({ hasText: 'too easy to guess' }).waitFor();
    expect(await first.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot(admin.page, 'first-run');
    await first.getByLabel('Password', { exact: true }).fill(password);
    await first.getByLabel('Password again').fill(password);
    await first.getByRole('button', { name: 'Create the first admin' }).click();
    await admin.page.getByTestId('signed-in-as').waitFor();

    // The admin makes the coordinator and two heads: no password field, pending, and who confirms them.
    const newAccount = admin.page.getByRole('form', { name: 'New account' });
    for (const [username, role, delegation] of [
      ['coordinator', 'coordinator'],
      ['us.head', 'head', 'us'],
      ['iran.head', 'head', 'iran'],
    ] as const) {
      await newAccount.getByLabel('Username').fill(username);
      await newAccount.getByLabel('Name shown').fill(`${username} (e2e)`);
      await newAccount.getByLabel('Role').selectOption(role);
      if (delegation) await newAccount.getByLabel('Delegation').selectOption(delegation);
      expect(await newAccount.getByLabel('Password', { exact: true }).count()).toBe(0);
      expect(await newAccount.getByTestId('who-confirms').textContent()).toContain(
        role === 'coordinator' ? 'console code' : 'the coordinator',
      );
      await newAccount.getByRole('button', { name: 'Create the account' }).click();
      await newAccount
        .getByTestId('account-created')
        .filter({ hasText: `Created ${username}: pending` })
        .waitFor();
    }
    await newAccount.getByLabel('Role').selectOption('admin');
    expect(await newAccount.getByLabel('Password', { exact: true }).count()).toBe(1);
    for (const username of ['coordinator', 'us.head', 'iran.head']) {
      await accountRow(admin.page, username).filter({ hasText: 'pending' }).waitFor();
    }

    // Making the first coordinator printed a new console code: confirmed on the admin page (this machine).
    await expect.poll(() => session.server!.consoleCode()).not.toBe(firstCode);
    const confirmFirst = admin.page.getByRole('form', { name: 'Confirm the first coordinator' });
    await confirmFirst.getByLabel('Console code').fill(session.server!.consoleCode()!);
    await shot(admin.page, 'admin-accounts');
    await confirmFirst.getByRole('button', { name: 'Confirm coordinator' }).click();
    // The coordinator's activation code is printed on the server's console, never shown to the admin.
    await admin.page
      .getByTestId('confirmed-account')
      .filter({ hasText: "printed on the server's console" })
      .waitFor();
    expect(await admin.page.getByTestId('activation-code').count()).toBe(0);
    await expect.poll(() => session.server!.activationCode()).toBeDefined();
    const coordinatorCode = session.server!.activationCode()!;
    expect(coordinatorCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(await admin.page.textContent('body')).not.toContain(coordinatorCode);
    await shot(admin.page, 'first-coordinator');
    await accountRow(admin.page, 'coordinator').filter({ hasText: 'activation' }).waitFor();

    // The coordinator activates from the sign-in page's link, refused a weak password first.
    const coordinator = await browserContext();
    await coordinator.page.goto(session.url('/talks'));
    await coordinator.page.getByRole('link', { name: 'Activate your account' }).click();
    const activation = coordinator.page.getByRole('form', { name: 'Activate your account' });
    await activation.getByLabel('Username').fill('coordinator');
    await activation.getByLabel('Activation code').fill(coordinatorCode);
    await activation.getByLabel('Your new password', { exact: true }).fill(weakPassword);
    await activation.getByLabel('Your new password again').fill(weakPassword);
    await activation.getByRole('button', { name: 'Set my password and sign in' }).click();
    await activation.getByRole('alert').filter({ hasText: 'password: too easy to guess' }).waitFor();
    await shot(coordinator.page, 'activate');
    await activate(coordinator.page, 'coordinator', coordinatorCode);
    activationCodes.set('coordinator', [coordinatorCode]);

    // The coordinator confirms the delegations' first heads on its Account page, shown each code once.
    await coordinator.page.getByRole('link', { name: 'Your account' }).click();
    const usCode = await confirmOn(coordinator.page, 'us.head');
    const iranCode = await confirmOn(coordinator.page, 'iran.head');
    expect(usCode).not.toBe(iranCode);
    await coordinator.page.getByText('No account waits for your confirmation.').waitFor();
    await shot(coordinator.page, 'account-confirmations');
    const usLink = await coordinator.page
      .getByTestId('confirmed-account')
      .filter({ hasText: 'us.head' })
      .getByRole('link')
      .getAttribute('href');
    expect(usLink).toMatch(/\/talks\/activate\?username=us\.head$/);

    // The heads activate: the link the coordinator handed on fills in the username.
    for (const [username, code] of [
      ['us.head', usCode],
      ['iran.head', iranCode],
    ] as const) {
      const head = await browserContext();
      await head.page.goto(session.url(`/talks/activate?username=${username}`));
      expect(await head.page.getByLabel('Username').inputValue()).toBe(username);
      await activate(head.page, username, code);
      await head.context.close();
    }

    // The admin sees every account active, and no activation code, even after the notice it was shown once.
    await admin.page.reload();
    for (const username of ['coordinator', 'us.head', 'iran.head']) {
      await accountRow(admin.page, username).filter({ hasText: 'active' }).waitFor();
    }
    expect(await accountRow(admin.page, 'us.head').textContent()).toContain('confirmed by coordinator');
    await expectNoActivationCode(admin.page);
    const adminSession = await api('/session', { username: 'admin', password });
    const listed = JSON.stringify(await get('/users', adminSession.cookie));
    expect(listed).not.toContain('activationCode');
    for (const code of [coordinatorCode, usCode, iranCode]) expect(listed).not.toContain(code);
    for (const party of [admin, coordinator]) await party.context.close();
  }, 180_000);

  it('shows a paper relayed from Iran to the US in its relayed form only, on the relay page', async () => {
    const iran = await signedIn('iran.head');
    const coordinator = await signedIn('coordinator');
    const us = await signedIn('us.head');

    // Iran writes a paper, a second (draft) version, and sends the first version.
    await iran.page.getByText('Write a new non-paper').click();
    const newPaper = iran.page.getByRole('form', { name: 'New non-paper' });
    await newPaper.getByLabel('Title').fill(`Iranian position ${xss}`);
    await newPaper.getByLabel('Text').fill('ORIGINAL WORDING: all sanctions since 2018, verified first.');
    await newPaper.getByRole('button', { name: 'Save as a draft' }).click();
    await iran.page.getByRole('button', { name: 'Send version 1 to the coordinator' }).click();
    await iran.page
      .getByText(/sent \d/)
      .first()
      .waitFor();
    const paperId = new URL(iran.page.url()).pathname.split('/').at(-1)!;
    const version = iran.page.getByRole('form', { name: 'New version' });
    await version.getByLabel('New version').fill('SECOND DRAFT: fallback position, never sent.');
    await version.getByRole('button', { name: 'Save version 2 as a draft' }).click();
    await iran.page.getByText('SECOND DRAFT').first().waitFor();

    // Iran watches its inbox, and the US its own, while the coordinator works: neither reloads.
    await iran.page.goto(session.url('/talks'));
    await iran.page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor();
    await us.page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor();

    // The coordinator sees the sent version, not the draft, and relays an edited text to the US.
    await coordinator.page.reload();
    await coordinator.page.getByRole('link', { name: /Iranian position/ }).click();
    await coordinator.page.getByRole('form', { name: 'Relay' }).waitFor();
    expect(await coordinator.page.textContent('main')).not.toContain('SECOND DRAFT');
    const relay = coordinator.page.getByRole('form', { name: 'Relay' });
    await relay.getByLabel('United States').check();
    await relay.getByLabel('Title as relayed').fill('Views relayed by the coordinator');
    await relay
      .getByLabel(/Text as relayed/)
      .fill('EDITED BY THE COORDINATOR: one delegation asks for verification.');
    await relay.getByLabel('Covering note').fill('For the sanctions group');
    await relay.getByRole('button', { name: 'Relay' }).click();
    await coordinator.page.getByTestId('relay').waitFor();
    expect(await coordinator.page.getByTestId('relay').textContent()).toContain('edited');
    const relayedAt = Date.now();

    // The US inbox shows the relay within a second, without a reload, and says what changed.
    const received = us.page.getByTestId('received-relay');
    await received.waitFor({ timeout: 1000 });
    expect(Date.now() - relayedAt).toBeLessThan(1000);
    expect(await received.textContent()).toContain('New');
    expect(await us.page.getByTestId('live-changes').textContent()).toContain('A relay reached your inbox');
    // Iran, whose paper it was, is told nothing of the relay.
    await iran.page.waitForTimeout(500);
    expect(await iran.page.getByTestId('live-changes').textContent()).not.toContain('relay');
    expect(await iran.page.getByTestId('received-relay').count()).toBe(0);
    // The coordinator's own page lists it, worded for the one who made it.
    await coordinator.page
      .getByTestId('live-changes')
      .getByText('A relay was made by the coordinator’s office')
      .waitFor({ timeout: 2000 });
    await shot(coordinator.page, 'coordinator-paper');
    // The US sees the relay: the edited text, the coordinator, the note; not the original, the draft or the author.
    expect(await received.textContent()).toContain('EDITED BY THE COORDINATOR');
    expect(await received.textContent()).toContain('author not disclosed');
    const usInbox = ((await us.page.textContent('main')) ?? '').toLowerCase();
    for (const hidden of ['original wording', 'second draft', 'iranian position', 'iran', '<img']) {
      expect(usInbox).not.toContain(hidden);
    }
    await shot(us.page, 'us-inbox');

    // The relay page: the relayed form only, and nothing that names the paper it came from.
    await received.getByRole('link').click();
    await us.page.getByRole('heading', { name: 'Views relayed by the coordinator' }).waitFor();
    expect(new URL(us.page.url()).pathname).toMatch(/^\/talks\/relays\/[\w-]+$/);
    const relayPage = us.page.getByTestId('received-relay');
    expect(await relayPage.textContent()).toContain('author not disclosed');
    expect(await relayPage.textContent()).toContain('Covering note: For the sanctions group');
    const usText = (await us.page.content()).toLowerCase();
    for (const hidden of ['ORIGINAL WORDING', 'SECOND DRAFT', 'Iranian position', 'iran', paperId]) {
      expect(usText).not.toContain(hidden.toLowerCase());
    }
    await shot(us.page, 'us-relay');
    // The paper itself is no recipient's to open: 404, as if it did not exist.
    await us.page.goto(session.url(`/talks/documents/${paperId}`));
    await us.page.getByText('No such paper, or none you may see.').waitFor();
    await us.page.goto(session.url('/talks/relays/r_nosuchrelay'));
    await us.page.getByText('No such relay, or none that reached you.').waitFor();

    // The title with HTML in it is shown as text to its author, and nothing in it ran.
    await iran.page.goto(session.url('/talks'));
    await iran.page.getByRole('link', { name: /Iranian position/ }).waitFor();
    expect(await iran.page.textContent('main')).toContain(xss);
    expect(await iran.page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await iran.page.locator('main img').count()).toBe(0);
    await coordinator.page.goto(session.url('/talks'));
    await coordinator.page.getByRole('link', { name: /Iranian position/ }).waitFor();
    expect(await coordinator.page.textContent('main')).toContain(xss);
    expect(await coordinator.page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await coordinator.page.locator('main img').count()).toBe(0);
    // Iran keeps a private note on its paper; the coordinator, who reads the paper, never sees it.
    await iran.page.goto(session.url(`/talks/documents/${paperId}`));
    const notes = iran.page.getByTestId('notes-panel');
    await notes.getByLabel('New note').fill('IRAN PRIVATE NOTE: hold the line on verification.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByTestId('note').filter({ hasText: 'IRAN PRIVATE NOTE' }).waitFor();
    await coordinator.page.goto(session.url(`/talks/documents/${paperId}`));
    await coordinator.page.getByTestId('notes-panel').getByText('No note yet.').waitFor();
    expect(await coordinator.page.content()).not.toContain('IRAN PRIVATE NOTE');

    // A session that ends (here: its cookie is gone) sends the user to sign-in, and back to the same page.
    await iran.context.clearCookies();
    await iran.page.goto(session.url('/talks/progress'));
    await iran.page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(new URL(iran.page.url()).pathname).toBe('/talks/sign-in');
    await shot(iran.page, 'sign-in');
    await signInOn(iran.page, 'iran.head');
    await iran.page.getByTestId('progress-table').waitFor();
    expect(new URL(iran.page.url()).pathname).toBe('/talks/progress');

    // A delegation's own inbox after sign-out asks for sign-in again.
    await us.page.getByRole('button', { name: 'Sign out' }).click();
    await us.page.getByRole('form', { name: 'Sign in' }).waitFor();
    for (const party of [iran, coordinator, us]) await party.context.close();
  }, 90_000);

  it('lets the admin verify and sign the audit log, with no paper and no activation code in sight', async () => {
    const { context, page } = await signedIn('admin');
    expect(await page.getByTestId('users').textContent()).toMatch(/iran\.head.*head.*Iran.*active/);
    await expect.poll(async () => page.getByRole('link', { name: 'Inbox' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Audit log' }).click();

    await page.getByRole('button', { name: 'Sign a checkpoint' }).click();
    const signed = page.getByTestId('checkpoint');
    await signed.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      signed.getByRole('link', { name: /^Download lockstep-audit-checkpoint-\d+\.json$/ }).click(),
    ]);
    const checkpoint = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<string, unknown>;
    expect(checkpoint).toMatchObject({ format: 'lockstep-audit-checkpoint/1' });
    expect(download.suggestedFilename()).toBe(`lockstep-audit-checkpoint-${checkpoint.seq}.json`);

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const verdict = page.getByTestId('audit-verification');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/^\d+ entries verified/);
    const checkpoints = (await page.getByTestId('audit-checkpoints').textContent()) ?? '';
    expect(checkpoints).toContain(String(checkpoint.keyId));
    expect(checkpoints).toContain('holds');
    expect(checkpoints).not.toMatch(/bad-signature|rolled-back|rewritten|unknown-key|malformed/);
    await page.getByTestId('audit-entries').getByText('audit.checkpoint').first().waitFor();
    // Older entries, 50 at a time, back to the accounts' confirmation and activation.
    const actions = ['document.relay', 'document.read', 'relay.read', 'user.confirm', 'user.activate'];
    const older = page.getByRole('button', { name: 'Show 50 older entries' });
    let entries = (await page.getByTestId('audit-entries').textContent()) ?? '';
    while (!actions.every((a) => entries.includes(a)) && (await older.count()) > 0) {
      const shown = await page.getByTestId('audit-entries').locator('tbody tr').count();
      await older.click();
      await expect
        .poll(() => page.getByTestId('audit-entries').locator('tbody tr').count())
        .toBeGreaterThan(shown);
      entries = (await page.getByTestId('audit-entries').textContent()) ?? '';
    }
    for (const action of actions) expect(entries).toContain(action);
    const seen = (await page.textContent('main')) ?? '';
    for (const paper of [
      'EDITED BY THE COORDINATOR',
      'ORIGINAL WORDING',
      'Views relayed',
      'Iranian position',
    ]) {
      expect(seen).not.toContain(paper);
    }
    await expectNoActivationCode(page);
    await shot(page, 'admin-audit');

    // The admin's tokens panel lists everyone's tokens, to revoke any, but makes only the admin's own.
    const us = await api('/session', { username: 'us.head', password });
    expect((await api('/tokens', { label: 'us laptop', expiresInDays: 30 }, us.cookie)).status).toBe(201);
    await page.getByRole('link', { name: 'Your account' }).click();
    const tokenForm = page.getByRole('form', { name: 'New API token' });
    expect(await tokenForm.getByRole('combobox').count()).toBe(0);
    await tokenForm.getByLabel('Label').fill('admin laptop');
    await tokenForm.getByRole('button', { name: 'Create a token' }).click();
    await page.getByTestId('token-secret').waitFor();
    const tokens = page.getByTestId('tokens');
    await tokens.getByText('admin laptop').waitFor();
    expect(await tokens.textContent()).toMatch(/you\s*admin laptop/);
    const usToken = tokens.locator('tr', { hasText: 'us laptop' });
    expect(await usToken.textContent()).toContain('us.head');
    await usToken.getByRole('button', { name: 'Revoke' }).click();
    await usToken.getByText(/^revoked /).waitFor();
    const adminSession = await api('/session', { username: 'admin', password });
    const users = (await get('/users', adminSession.cookie)) as { users: { id: string; username: string }[] };
    const usId = users.users.find((u) => u.username === 'us.head')!.id;
    const forUs = await api(
      '/tokens',
      { label: 'as the US', expiresInDays: 1, userId: usId },
      adminSession.cookie,
    );
    expect(forUs.status).toBe(403);
    await shot(page, 'admin-account');
    await context.close();
  }, 60_000);

  it('lets the admin disable, enable and reset an account, saying what each ended; the reset account is confirmed again', async () => {
    const admin = await signedIn('admin');
    const us = await signedIn('us.head');
    const row = accountRow(admin.page, 'us.head');

    // Disabled: the US head's session ends at once, and signing in says why it fails.
    await row.getByRole('button', { name: 'Disable' }).click();
    const disable = admin.page.getByRole('form', { name: 'Disable us.head' });
    expect(await disable.textContent()).toContain('ends their web sessions and API tokens at once');
    await disable.getByRole('button', { name: 'Disable us.head' }).click();
    const outcome = admin.page.getByTestId('account-outcome');
    expect(await outcome.textContent()).toMatch(
      /^Disabled us\.head\. [1-9]\d* web sessions? and 0 API tokens ended\.$/,
    );
    await row.filter({ hasText: 'disabled' }).waitFor();
    await shot(admin.page, 'admin-disabled');
    await us.page.goto(session.url('/talks/progress'));
    const signIn = us.page.getByRole('form', { name: 'Sign in' });
    await signIn.getByLabel('Username').fill('us.head');
    await signIn.getByLabel('Password').fill(password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await signIn.getByRole('alert').filter({ hasText: 'this account is disabled' }).waitFor();

    // Enabled again: the head signs in and is back where it was sent away from.
    await row.getByRole('button', { name: 'Enable' }).click();
    await outcome.filter({ hasText: 'Enabled us.head: they can sign in again.' }).waitFor();
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await us.page.getByTestId('progress-table').waitFor();

    // End sessions: the head's page goes back to sign-in on its next request.
    await row.getByRole('button', { name: 'End sessions' }).click();
    await admin.page.getByRole('button', { name: 'End us.head’s sessions' }).click();
    expect(await outcome.textContent()).toMatch(
      /^Ended us\.head’s sessions\. [1-9]\d* web sessions? and 0 API tokens ended\.$/,
    );
    await us.page.getByRole('link', { name: 'Rounds' }).click();
    await us.page.getByRole('form', { name: 'Sign in' }).waitFor();

    // Reset: back to pending with no password; the coordinator confirms it again and hands on a new code.
    await row.getByRole('button', { name: 'Reset' }).click();
    const reset = admin.page.getByRole('form', { name: 'Reset us.head' });
    expect(await reset.textContent()).toContain('You never set or see their password');
    await shot(admin.page, 'admin-reset');
    await reset.getByRole('button', { name: 'Reset us.head' }).click();
    expect(await outcome.textContent()).toMatch(/^Reset us\.head: now pending, waiting for the coordinator/);
    await row.filter({ hasText: 'pending' }).waitFor();
    const coordinator = await signedIn('coordinator');
    await coordinator.page.getByRole('link', { name: 'Your account' }).click();
    const newCode = await confirmOn(coordinator.page, 'us.head');
    expect(activationCodes.get('us.head')).toHaveLength(2);
    await us.page.goto(session.url('/talks/activate?username=us.head'));
    await activate(us.page, 'us.head', newCode);
    await admin.page.reload();
    await row.filter({ hasText: 'active' }).waitFor();
    await expectNoActivationCode(admin.page);
    for (const party of [admin, us, coordinator]) await party.context.close();
  }, 90_000);

  it('changes a password on the Account page, saying that the other sessions and every token ended', async () => {
    const iran = await signedIn('iran.head');
    const elsewhere = await api('/session', { username: 'iran.head', password });
    expect(elsewhere.status).toBe(200);
    await iran.page.getByRole('link', { name: 'Your account' }).click();
    await iran.page.getByText('No account waits for your confirmation.').waitFor();
    const tokenForm = iran.page.getByRole('form', { name: 'New API token' });
    await tokenForm.getByLabel('Label').fill('laptop');
    await tokenForm.getByRole('button', { name: 'Create a token' }).click();
    const secret = (await iran.page.getByTestId('token-secret').locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^lst_/);

    const change = iran.page.getByRole('form', { name: 'Change password' });
    const newPassword = 'saffron lantern glacier piano 19';
    await change.getByLabel('Current password').fill('not the password at all');
    await change.getByLabel('New password', { exact: true }).fill(newPassword);
    await change.getByLabel('New password again').fill(newPassword);
    await change.getByRole('button', { name: 'Change password' }).click();
    await change.getByRole('alert').filter({ hasText: 'the current password is wrong' }).waitFor();
    expect(await change.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await change.getByLabel('Current password').fill(password);
    await change.getByLabel('New password', { exact: true }).fill(weakPassword);
    await change.getByLabel('New password again').fill(weakPassword);
    await change.getByRole('button', { name: 'Change password' }).click();
    await change.getByRole('alert').filter({ hasText: 'newPassword: too easy to guess' }).waitFor();
    await change.getByLabel('New password', { exact: true }).fill(newPassword);
    await change.getByLabel('New password again').fill(newPassword);
    await change.getByRole('button', { name: 'Change password' }).click();
    const changed = iran.page.getByTestId('password-changed');
    await changed.waitFor();
    expect(await changed.textContent()).toMatch(/[1-9]\d* other web sessions? and 1 API token ended\./);
    await iran.page
      .getByTestId('tokens')
      .getByText(/^revoked /)
      .waitFor();
    await shot(iran.page, 'account-password-changed');

    // The other session and the token stop working; this browser stays signed in; the new password works.
    const withToken = await fetch(session.url('/api/talks/session'), {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(withToken.status).toBe(401);
    const other = await fetch(session.url('/api/talks/session'), { headers: { cookie: elsewhere.cookie } });
    expect(other.status).toBe(401);
    await iran.page.getByRole('link', { name: 'Progress' }).click();
    await iran.page.getByTestId('progress-table').waitFor();
    expect((await api('/session', { username: 'iran.head', password: newPassword })).status).toBe(200);
    await iran.context.close();
  }, 60_000);

  it('shows the coordinator the text with brackets, records agreement, charts progress, and verifies the log', async () => {
    const { context, page } = await signedIn('coordinator');
    await page.getByRole('link', { name: 'Sequencing' }).last().click();
    const add = page.getByRole('form', { name: 'Add a clause' });
    await add.getByLabel('Title').fill('Order of the first steps');
    await add.getByLabel('Refers to').selectOption('sanctions-designations');
    await add.getByLabel('Referenced ids').fill('IRAN, 7384');
    await add.getByRole('button', { name: 'Add an open clause' }).click();
    const clause = page.getByTestId('clause');
    await clause.waitFor();
    // A referenced OFAC entry number opens that entity in the Sanctions area.
    expect(await clause.getByRole('link', { name: '7384' }).getAttribute('href')).toBe(
      '/sanctions/entity/7384',
    );
    // The form stays open after adding, for the next alternative.
    await clause.getByText('Add an alternative').click();
    for (const [wording, proposer] of [
      ['The United States acts first.', 'iran'],
      ['Both sides act in agreed phases.', 'us'],
      ['ایالات متحده نخست گام برمی‌دارد.', 'iran'],
    ] as const) {
      const form = clause.getByRole('form', { name: 'Add an alternative' });
      await form.getByLabel('Wording').fill(wording);
      await form.getByLabel('Proposed by').selectOption(proposer);
      await form.getByRole('button', { name: 'Add to the text' }).click();
      await clause.getByText(wording).waitFor();
    }
    expect(await clause.locator('.bracket').count()).toBe(6);
    // Wording in Persian reads right to left inside its brackets, whatever the page's direction.
    expect(
      await clause
        .getByText('ایالات متحده نخست گام برمی‌دارد.')
        .evaluate((wording) => (globalThis as unknown as Styled).getComputedStyle(wording).direction),
    ).toBe('rtl');
    expect(
      await clause
        .getByText('Both sides act in agreed phases.')
        .evaluate((wording) => (globalThis as unknown as Styled).getComputedStyle(wording).direction),
    ).toBe('ltr');

    // Someone else changes the clause: the open page shows it at once, without a reload, and says what changed.
    const chair = await api('/session', { username: 'coordinator', password });
    const { texts } = (await get('/texts', chair.cookie)) as {
      texts: { group: string; clauses: { id: string; version: number }[] }[];
    };
    const changed = texts.find((t) => t.group === 'sequencing')!.clauses[0]!;
    const elsewhere = await api(
      `/texts/sequencing/clauses/${changed.id}/alternatives`,
      { text: 'A third way, added elsewhere.', proposer: 'coordinator', expectedVersion: changed.version },
      chair.cookie,
    );
    expect(elsewhere.status).toBe(201);
    await clause.getByText('A third way, added elsewhere.').waitFor({ timeout: 2000 });
    expect(await clause.locator('.bracket').count()).toBe(8);
    expect(await page.getByTestId('live-changes').textContent()).toContain(
      `Sequencing: an alternative added to clause ${changed.id}`,
    );
    // The write the page then makes is on the version it now shows: accepted.
    const both = clause.locator('li', { hasText: 'Both sides act in agreed phases.' });
    await both.getByRole('button', { name: 'Agree ad ref.' }).click();
    await page.getByText('agreed ad referendum', { exact: true }).first().waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('link', { name: 'Progress' }).click();
    await page.getByTestId('progress-chart').waitFor();
    expect(await page.getByTestId('progress-table').textContent()).toMatch(/Sequencing0110 %100 %0 %/);
    await shot(page, 'progress');

    // The coordinator may verify the log and sign a checkpoint, but reads no entry of it.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    expect(await page.getByTestId('audit-verification').textContent()).toMatch(/^\d+ entries verified/);
    await page.getByRole('button', { name: 'Sign a checkpoint' }).click();
    await page.getByTestId('checkpoint').waitFor();
    expect(await page.getByTestId('audit-entries').count()).toBe(0);
    await shot(page, 'coordinator-audit');
    await context.close();
  }, 60_000);
});
