import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTalksTestServer, type TalksTestServer } from './talks-test-server.ts';

let t: TalksTestServer;
const c: Record<string, string> = {};

async function call(who: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await t.server.inject({
    method,
    url: `/api/talks${url}`,
    headers: { cookie: c[who]! },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return response;
}

beforeAll(async () => {
  t = await startTalksTestServer();
  for (const [name, role, delegation] of [
    ['coordinator', 'coordinator'],
    ['iran', 'head', 'iran'],
  ] as const) {
    await t.user(name, role, delegation);
    c[name] = await t.signIn(name);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the negotiating text as a document over the API', () => {
  it('previews and applies an import as the coordinator only', async () => {
    const text = '1. Scope [all sanctions since 2017] [nuclear-related sanctions]\n2. Oil exports';
    const refused = await call('iran', 'POST', '/texts/sanctions-lifting/import', { text, apply: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/coordinator/);

    const preview = await call('coordinator', 'POST', '/texts/sanctions-lifting/import', { text });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ applied: false, clauses: [{ id: 'sl-1' }, { id: 'sl-2' }] });
    expect((await call('coordinator', 'GET', '/texts/sanctions-lifting')).json().clauses).toEqual([]);

    const applied = await call('coordinator', 'POST', '/texts/sanctions-lifting/import', {
      text,
      apply: true,
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().text.clauses).toHaveLength(2);
    const again = await call('coordinator', 'POST', '/texts/sanctions-lifting/import', { text });
    expect(again.statusCode).toBe(409);
  });

  it('names the paragraph, the field or the accepted values on bad input (400)', async () => {
    const bad = await call('coordinator', 'POST', '/texts/nuclear-implementation/import', {
      text: '1. Enrichment [3.67\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(
      /^text, paragraph 1 \("1\. Enrichment \[3\.67"\): unbalanced bracket/,
    );
    const neither = await call('coordinator', 'POST', '/texts/nuclear-implementation/import', {
      apply: false,
    });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.message).toMatch(/give either text/);
    const format = await call('iran', 'GET', '/texts/sanctions-lifting/document?format=html');
    expect(format.statusCode).toBe(400);
    expect(format.body).toMatch(/docx or pdf/);
    const group = await call('iran', 'GET', '/texts/oil/document?format=docx');
    expect(group.statusCode).toBe(400);
    expect(group.body).toMatch(/sanctions-lifting/);
  });

  it('sends the text as a .docx or PDF file to a reader', async () => {
    const docx = await call('iran', 'GET', '/texts/sanctions-lifting/document?format=docx');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers['content-disposition']).toMatch(
      /^attachment; filename="sanctions-lifting-text-v\d+\.docx"$/,
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await call('iran', 'GET', '/texts/sanctions-lifting/document?format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
