import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTalksTestServer, type TalksTestServer } from './talks-test-server.ts';

let t: TalksTestServer;
const c: Record<string, string> = {};

const get = (who: string, url: string) =>
  t.server.inject({ url: `/api/talks${url}`, headers: { cookie: c[who]! } });

beforeAll(async () => {
  t = await startTalksTestServer();
  for (const [name, role, delegation] of [
    ['coordinator', 'coordinator'],
    ['iran', 'head', 'iran'],
  ] as const) {
    await t.user(name, role, delegation);
    c[name] = await t.signIn(name);
  }
  c.admin = t.admin;
  const post = (url: string, payload: object) =>
    t.server.inject({
      method: 'POST',
      url: `/api/talks${url}`,
      headers: { cookie: c.coordinator! },
      payload,
    });
  await post('/texts/sanctions-lifting/clauses', { title: 'Scope of lifting', expectedVersion: 1 });
  await post('/rounds', { expectedVersion: 1 });
  await post('/rounds/close', { expectedVersion: 2 });
  await post('/rounds', { expectedVersion: 3 });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the round report over the API', () => {
  it('serves the HTML inline (a page the browser shows), the PDF and the JSON as files, never cached', async () => {
    const html = await get('iran', '/rounds/1/report?format=html');
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toBe('inline; filename="round-1-report.html"');
    expect(html.headers['cache-control']).toMatch(/no-store/);
    expect(html.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(html.body).toContain('As seen by Iran');
    expect(html.body).toContain('Scope of lifting');

    const pdf = await get('iran', '/rounds/1/report?format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="round-1-report.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const json = await get('coordinator', '/rounds/1/report');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toMatchObject({ round: 1, reader: { role: 'coordinator' } });
  });

  it('refuses an open round (409), a missing one (404), a bad format (400) and the admin (403)', async () => {
    const open = await get('iran', '/rounds/2/report?format=html');
    expect(open.statusCode).toBe(409);
    expect(open.json().error.message).toBe(
      'number: round 2 is still open: its report is drawn when it closes; the closed round is 1',
    );
    const missing = await get('iran', '/rounds/5/report?format=pdf');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('number: there is no round 5; the closed round is 1');
    const format = await get('iran', '/rounds/1/report?format=docx');
    expect(format.statusCode).toBe(400);
    expect(format.json().error.message).toMatch(/format must be json, html or pdf/);
    expect((await get('admin', '/rounds/1/report?format=html')).statusCode).toBe(403);
  });
});
