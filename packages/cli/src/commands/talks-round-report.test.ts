import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor, localAdmin, Workbench } from '@lockstep/app';
import { buildServer } from '@lockstep/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../run-main.testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-round-report-'));
const password = 'a-long-enough-password';
let workbench: Workbench;
let server: Awaited<ReturnType<typeof buildServer>>;
let url: string;
const tokenFile = join(dir, 'token.txt');
const report = (...argv: string[]) =>
  runMain(['talks', 'rounds', 'report', ...argv, '--server', url, '--token-file', tokenFile], '');

beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  const user = await workbench.talks.accounts.createUser(
    localAdmin,
    { username: 'coordinator', displayName: 'Coordinator', role: 'coordinator', password },
    { local: true },
  );
  const coordinator: Actor = { userId: user.id, role: 'coordinator' };
  const token = await workbench.talks.accounts.createTokenWithPassword('coordinator', password, {
    label: 'test',
    expiresInDays: 1,
  });
  writeFileSync(tokenFile, token.secret);
  await workbench.talks.texts.addClause(coordinator, 'sequencing', {
    title: 'First steps',
    weight: 1,
    references: [],
    expectedVersion: 1,
  });
  const opened = await workbench.talks.rounds.openRound(coordinator, { expectedVersion: 1 });
  const closed = await workbench.talks.rounds.closeRound(coordinator, { expectedVersion: opened.version });
  await workbench.talks.rounds.openRound(coordinator, { expectedVersion: closed.version });
  server = await buildServer({ workbench });
  await server.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await workbench?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lockstep talks rounds report', () => {
  it('writes the PDF and HTML to a file, or prints the HTML or JSON', async () => {
    const pdf = join(dir, 'round-1.pdf');
    const written = await report('1', '--format', 'pdf', '--out', pdf);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^Wrote .*round-1\.pdf: the report of round 1 as pdf \(\d+ bytes\)\.\n$/);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const html = join(dir, 'round-1.html');
    expect((await report('1', '--format', 'html', '--out', html)).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('Round 1 report');
    const printed = await report('1', '--format', 'html');
    expect(printed.stdout).toMatch(/^<!doctype html>/);
    expect(printed.stdout).toContain('First steps');
    const json = JSON.parse((await report('1', '--format', 'json')).stdout);
    expect(json).toMatchObject({ round: 1, reader: { role: 'coordinator' } });
  });

  it('refuses an open or unknown round, a bad number or format, and a PDF to stdout (exit 2)', async () => {
    const open = await report('2', '--format', 'html');
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(
      'round 2 is still open: its report is drawn when it closes; the closed round is 1',
    );
    const missing = await report('7', '--format', 'pdf', '--out', join(dir, 'x.pdf'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no round 7; the closed round is 1');
    const number = await report('one', '--format', 'pdf', '--out', join(dir, 'x.pdf'));
    expect(number.code).toBe(2);
    expect(number.stderr).toContain('N: "one" is not a round number');
    const format = await report('1', '--format', 'docx');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format: "docx" is not a report format; give html, pdf or json');
    const stdout = await report('1', '--format', 'pdf');
    expect(stdout.code).toBe(2);
    expect(stdout.stderr).toContain('--out: give the file to write the PDF to');
  });
});
