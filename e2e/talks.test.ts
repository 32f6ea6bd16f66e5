import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outputDir, workbenchSession } from './workbench-session.ts';

const session = workbenchSession('talks');
const password = 'e2e-password-long-enough';
const xss = '<img src=x onerror="window.__xss=1">';

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

/** A browser context of its own (its own cookies), signed in through the sign-in page. */
async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser!.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(session.url('/talks'));
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return { context, page };
}

describe('the Talks pages in Chromium', () => {
  it('creates the first admin on the first-run page', async () => {
    const page = await session.browser!.newPage();
    await page.goto(session.url('/talks'));
    const form = page.getByRole('form', { name: 'Create the first admin' });
    await form.getByLabel('Username').fill('admin');
    await form.getByLabel('Name shown').fill('Administrator');
    await form.getByLabel('Password (12 characters or more)').fill(password);
    await form.getByLabel('Password again').fill(password);
    await form.getByRole('button', { name: 'Create the first admin' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await page.close();
    const admin = await api('/session', { username: 'admin', password });
    expect(admin.status).toBe(200);
    for (const [username, role, delegation] of [
      ['coordinator', 'coordinator'],
      ['us.head', 'head', 'us'],
      ['iran.head', 'head', 'iran'],
    ]) {
      const made = await api(
        '/users',
        { username, displayName: `${username} (e2e)`, role, ...(delegation ? { delegation } : {}), password },
        admin.cookie,
      );
      expect(made.status).toBe(201);
    }
  });

  it('shows a paper relayed from Iran to the US in its relayed form only, in separate browser contexts', async () => {
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
    const version = iran.page.getByRole('form', { name: 'New version' });
    await version.getByLabel('New version').fill('SECOND DRAFT: fallback position, never sent.');
    await version.getByRole('button', { name: 'Save version 2 as a draft' }).click();
    await iran.page.getByText('SECOND DRAFT').first().waitFor();

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

    // The US sees the relay: the edited text, the coordinator, the note; not the original, the draft or the author.
    await us.page.reload();
    const received = us.page.getByTestId('received-relay');
    await received.waitFor();
    expect(await received.textContent()).toContain('EDITED BY THE COORDINATOR');
    expect(await received.textContent()).toContain('author not disclosed');
    const usInbox = ((await us.page.textContent('main')) ?? '').toLowerCase();
    for (const hidden of ['original wording', 'second draft', 'iranian position', 'iran', '<img']) {
      expect(usInbox).not.toContain(hidden);
    }
    await us.page.screenshot({ path: join(outputDir, 'talks-us-inbox.png'), fullPage: true });
    await received.getByRole('link').click();
    await us.page.getByRole('heading', { name: 'Views relayed by the coordinator' }).first().waitFor();
    const usText = (await us.page.textContent('main')) ?? '';
    for (const hidden of ['ORIGINAL WORDING', 'SECOND DRAFT', 'Iranian position', 'iran']) {
      expect(usText.toLowerCase()).not.toContain(hidden.toLowerCase());
    }
    expect(await us.page.getByTestId('received-relay').textContent()).toContain('author not disclosed');
    await us.page.screenshot({ path: join(outputDir, 'talks-us-relay.png'), fullPage: true });

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

    // A session that ends (here: its cookie is gone) sends the user to sign-in, and back to the same page.
    await iran.context.clearCookies();
    await iran.page.goto(session.url('/talks/progress'));
    const again = iran.page.getByRole('form', { name: 'Sign in' });
    await again.waitFor();
    expect(new URL(iran.page.url()).pathname).toBe('/talks/sign-in');
    await again.getByLabel('Username').fill('iran.head');
    await again.getByLabel('Password').fill(password);
    await again.getByRole('button', { name: 'Sign in' }).click();
    await iran.page.getByTestId('progress-table').waitFor();
    expect(new URL(iran.page.url()).pathname).toBe('/talks/progress');

    // A delegation's own inbox after sign-out asks for sign-in again.
    await us.page.getByRole('button', { name: 'Sign out' }).click();
    await us.page.getByRole('form', { name: 'Sign in' }).waitFor();
    for (const party of [iran, coordinator, us]) await party.context.close();
  }, 90_000);

  it('shows the admin the accounts and the audit log, which verifies, and no paper', async () => {
    const { context, page } = await signedIn('admin');
    const users = page.getByTestId('users');
    await users.waitFor();
    expect(await users.textContent()).toMatch(/iran\.head.*head.*Iran/);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const verdict = page.getByTestId('audit-verification');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/^\d+ entries verified/);
    const entries = (await page.getByTestId('audit-entries').textContent()) ?? '';
    expect(entries).toContain('document.relay');
    expect(entries).toContain('document.read');
    expect(await page.textContent('main')).not.toContain('EDITED BY THE COORDINATOR');
    await context.close();
  });

  it('shows the coordinator the text with brackets, records agreement, and charts progress', async () => {
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
    ] as const) {
      const form = clause.getByRole('form', { name: 'Add an alternative' });
      await form.getByLabel('Wording').fill(wording);
      await form.getByLabel('Proposed by').selectOption(proposer);
      await form.getByRole('button', { name: 'Add to the text' }).click();
      await clause.getByText(wording).waitFor();
    }
    expect(await clause.locator('.bracket').count()).toBe(4);

    // Someone else changes the clause first: the stale write is refused, its reason shown, the text reloaded.
    const chair = await api('/session', { username: 'coordinator', password });
    const { texts } = (await get('/texts', chair.cookie)) as {
      texts: { group: string; clauses: { id: string; version: number }[] }[];
    };
    const stale = texts.find((t) => t.group === 'sequencing')!.clauses[0]!;
    const elsewhere = await api(
      `/texts/sequencing/clauses/${stale.id}/alternatives`,
      { text: 'A third way, added elsewhere.', proposer: 'coordinator', expectedVersion: stale.version },
      chair.cookie,
    );
    expect(elsewhere.status).toBe(201);
    const both = clause.locator('li', { hasText: 'Both sides act in agreed phases.' });
    await both.getByRole('button', { name: 'Agree ad ref.' }).click();
    const conflict = page.getByRole('alert');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('The page now shows the current version');
    await clause.getByText('A third way, added elsewhere.').waitFor();
    expect(await clause.locator('.bracket').count()).toBe(6);
    await both.getByRole('button', { name: 'Agree ad ref.' }).click();
    await page.getByText('agreed ad referendum', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'Progress' }).click();
    await page.getByTestId('progress-chart').waitFor();
    expect(await page.getByTestId('progress-table').textContent()).toMatch(/Sequencing0110 %100 %0 %/);
    await page.screenshot({ path: join(outputDir, 'talks-progress.png'), fullPage: true });
    await context.close();
  }, 60_000);
});
