import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { recordedState } from '../support/db';
import { xlsxFile, zipFile } from '../support/files';
import { objectiveIds } from '../support/roadmap';

/**
 * The hostile-input corpus: each case goes through the real HTTP app (API or importer) and must get
 * a clear 4xx — never a 500 — and leave the database exactly as it was.
 */
let t: TestApp;
let admin: string;
let ids: { documents: number; percent: number; count: number; milestone: number; dgos: number };
const XSS = '<script>alert(1)</script><img src=http://127.0.0.1:9/x.png>';

beforeAll(async () => {
  t = await startTestApp({ env: { MAX_UPLOAD_BYTES: '200000' } });
  admin = await t.login();
  ids = {
    documents: (await objectiveIds(t, admin, '1-1')).indicators[0],
    percent: (await objectiveIds(t, admin, '12-1')).indicators[0],
    count: (await objectiveIds(t, admin, '4-2')).indicators[0],
    milestone: (await objectiveIds(t, admin, '8-1')).milestones[0],
    dgos: (await objectiveIds(t, admin, '15-4')).indicators[0],
  };
  await request(t.http)
    .post(`/api/v1/indicators/${ids.documents}/measurements`)
    .set('Authorization', `Bearer ${admin}`)
    .send({ value: 1, observedAt: '2024-01-31', source: 'seed' })
    .expect(201);
  await request(t.http).post('/api/v1/reviews').set('Authorization', `Bearer ${admin}`).send({ period: '2025-Q1' }).expect(201);
});
afterAll(async () => t.close());

type Case = { name: string; send: () => request.Test; status: number | number[]; message?: RegExp };
// Messages are checked in English here (French is the default: tests/api/messages.test.ts).
const auth = () => ({ Authorization: `Bearer ${admin}`, 'Accept-Language': 'en' });
const json = (method: 'post' | 'put' | 'patch', url: string, body: string) =>
  request(t.http)[method](url).set(auth()).set('Content-Type', 'application/json').send(body);
const record = (body: unknown) =>
  request(t.http)
    .post(`/api/v1/indicators/${ids.documents}/measurements`)
    .set(auth())
    .send(body as object);
const upload = (content: Buffer | string, name: string, dryRun = false) =>
  request(t.http)
    .post(`/api/v1/imports?dryRun=${dryRun}`)
    .set(auth())
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
const good = { value: 5, observedAt: '2024-02-29', source: 's' };
const csvHeader = 'indicatorId,value,observedAt,source\n';
const REVIEW_UPDATE = '/api/v1/reviews/2025-Q1/objectives/1-1';

const cases: Case[] = [
  // Malformed and mistyped JSON
  { name: 'malformed JSON', send: () => json('post', `/api/v1/indicators/1/measurements`, '{"value": 1,'), status: 400 },
  { name: 'JSON that is an array', send: () => json('post', `/api/v1/indicators/1/measurements`, '[1,2]'), status: 400 },
  { name: 'JSON that is a string', send: () => json('post', `/api/v1/indicators/1/measurements`, '"hello"'), status: 400 },
  {
    name: 'value as a string',
    send: () => record({ ...good, value: '5' }),
    status: 400,
    message: /"code":"validation.not_a_number","field":"value","message":"Value: enter a number/,
  },
  { name: 'value as a boolean', send: () => record({ ...good, value: true }), status: 400 },
  { name: 'value as an object', send: () => record({ ...good, value: { $gt: 0 } }), status: 400 },
  { name: 'value NaN (as text)', send: () => record({ ...good, value: 'NaN' }), status: 400 },
  {
    name: 'value 1e309 (Infinity)',
    send: () => json('post', `/api/v1/indicators/1/measurements`, '{"value":1e309,"observedAt":"2024-02-29","source":"s"}'),
    status: 400,
  },
  {
    name: 'value -Infinity',
    send: () => json('post', `/api/v1/indicators/1/measurements`, '{"value":-1e400,"observedAt":"2024-02-29","source":"s"}'),
    status: 400,
  },
  { name: 'huge number', send: () => record({ ...good, value: 1e300 }), status: 400 },
  { name: 'huge string', send: () => record({ ...good, source: 'x'.repeat(90_000) }), status: 400 },
  { name: 'payload over 100 kB', send: () => record({ ...good, comment: 'x'.repeat(150_000) }), status: 413 },
  {
    name: 'negative count',
    send: () =>
      request(t.http)
        .post(`/api/v1/indicators/${ids.count}/measurements`)
        .set(auth())
        .send({ ...good, value: -1 }),
    status: 400,
    message: /cannot be negative/,
  },
  {
    name: 'percentage over 100',
    send: () =>
      request(t.http)
        .post(`/api/v1/indicators/${ids.percent}/measurements`)
        .set(auth())
        .send({ ...good, value: 100.5 }),
    status: 400,
    message: /between 0 and 100/,
  },
  { name: 'impossible date', send: () => record({ ...good, observedAt: '2023-02-29' }), status: 400 },
  { name: 'date in the future', send: () => record({ ...good, observedAt: '2031-01-01' }), status: 400, message: /in the future/ },
  { name: 'date with a time', send: () => record({ ...good, observedAt: '2024-02-29T10:00:00Z' }), status: 400 },
  { name: 'unknown field', send: () => record({ ...good, recordedBy: 1 }), status: 400, message: /"code":"validation.unknown_field","field":"recordedBy"/ },
  {
    name: '__proto__ key',
    send: () => json('post', `/api/v1/indicators/1/measurements`, '{"value":5,"observedAt":"2024-02-29","source":"s","__proto__":{"isAdmin":true}}'),
    status: 400,
  },
  {
    name: 'constructor key',
    send: () => json('post', `/api/v1/indicators/1/measurements`, '{"value":5,"observedAt":"2024-02-29","source":"s","constructor":{"prototype":{"x":1}}}'),
    status: 400,
  },
  { name: 'nested prototype key', send: () => json('patch', `/api/v1/milestones/1`, '{"state":"in_progress","comment":{"__proto__":{}}}'), status: 400 },
  // SQL fragments where only ids, codes and dates belong
  { name: 'SQL in an objective code', send: () => request(t.http).get("/api/v1/objectives/1-1' OR '1'='1").set(auth()), status: 404 },
  {
    name: 'SQL in an indicator id',
    send: () => request(t.http).post('/api/v1/indicators/1;DROP TABLE measurements/measurements').set(auth()).send(good),
    status: 400,
  },
  { name: 'SQL in asOf', send: () => request(t.http).get("/api/v1/status?asOf=2024-01-01' OR 1=1--").set(auth()), status: 400 },
  { name: 'SQL in a body acronym', send: () => request(t.http).get("/api/v1/bodies/CNAM'%3B%20DELETE%20FROM%20users--/objectives").set(auth()), status: 404 },
  { name: 'SQL in an export format', send: () => request(t.http).get("/api/v1/exports/status?format=csv' UNION SELECT").set(auth()), status: 400 },
  // Unknown ids everywhere
  { name: 'unknown indicator', send: () => request(t.http).post('/api/v1/indicators/987654/measurements').set(auth()).send(good), status: 404 },
  {
    name: 'unknown measurement to correct',
    send: () => request(t.http).post('/api/v1/measurements/987654/corrections').set(auth()).send({ value: 1, reason: 'typo' }),
    status: 404,
  },
  { name: 'unknown milestone', send: () => request(t.http).patch('/api/v1/milestones/987654').set(auth()).send({ state: 'in_progress' }), status: 404 },
  { name: 'unknown user', send: () => request(t.http).patch('/api/v1/users/987654').set(auth()).send({ name: 'x' }), status: 404 },
  { name: 'unknown token', send: () => request(t.http).delete('/api/v1/auth/tokens/987654').set(auth()), status: 404 },
  {
    name: 'baseline of an unknown indicator',
    send: () => request(t.http).put('/api/v1/indicators/987654/baseline').set(auth()).send({ value: 1, date: '2022-12-31' }),
    status: 404,
  },
  // Path traversal in report ids
  { name: 'report id with ../', send: () => request(t.http).get('/api/v1/reports/..%2F..%2F..%2Fetc%2Fpasswd').set(auth()), status: 404 },
  { name: 'report id with an absolute path', send: () => request(t.http).get('/api/v1/reports/%2Fetc%2Fpasswd').set(auth()), status: 404 },
  {
    name: 'report scope with ../',
    send: () => request(t.http).post('/api/v1/reports').set(auth()).send({ kind: 'body', scope: '../../etc', period: '2025-Q1', format: 'html' }),
    status: 400,
  },
  // Spreadsheets
  { name: 'CSV with wrong columns', send: () => upload('indicator,amount,when\n1,2,2024-01-01\n', 'v.csv'), status: 422, message: /problem/ },
  {
    name: 'CSV in Windows-1252',
    send: () => upload(Buffer.from(`${csvHeader}1,5,2024-01-31,Sant\xe9\n`, 'latin1'), 'v.csv'),
    status: 400,
    message: /not UTF-8/,
  },
  {
    name: 'CSV with a duplicated row',
    send: () => upload(`${csvHeader}ID,5,2024-03-31,s\nID,5,2024-03-31,s\n`.replace(/ID/g, String(1)), 'v.csv'),
    status: 422,
  },
  { name: 'CSV with a formula in a value', send: () => upload(`${csvHeader}1,=SUM(A1:A9),2024-03-31,s\n`, 'v.csv'), status: 422 },
  { name: 'CSV with HTML in the source', send: () => upload(`${csvHeader}1,abc,2024-03-31,${XSS}\n`, 'v.csv'), status: 422 },
  { name: 'CSV for an objective of another body (editor)', send: () => upload(`${csvHeader}DGOS,5,2024-03-31,s\n`, 'v.csv'), status: 422 },
  { name: 'XLSX with a formula cell', send: () => null as never, status: 422 },
  { name: 'truncated XLSX', send: () => null as never, status: 400 },
  {
    name: 'XLSX zip bomb',
    send: () => upload(zipFile([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(150_000_000), declaredSize: 1000 }]), 'bomb.xlsx'),
    status: [400, 413],
  },
  {
    name: 'oversized upload (limit enforced while streaming)',
    send: () => upload(`${csvHeader}${'1,5,2024-03-31,s\n'.repeat(20_000)}`, 'big.csv'),
    status: 413,
  },
  { name: 'an executable renamed .csv', send: () => upload(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), 'tool.csv'), status: 400 },
  { name: 'a PDF upload', send: () => upload('%PDF-1.7', 'x.pdf'), status: 400 },
  { name: 'path traversal in an upload file name', send: () => upload('not,a,valid\n', '../../../etc/passwd.csv'), status: 422 },
  { name: 'an empty upload', send: () => upload(Buffer.alloc(0), 'empty.csv'), status: 400 },
  // The review
  {
    name: 'review: huge commentary section',
    send: () => json('put', REVIEW_UPDATE, JSON.stringify({ progress: 'x'.repeat(50_000) })),
    status: 400,
    message: /at most 4,?000/,
  },
  { name: 'review: confidence as a number', send: () => json('put', REVIEW_UPDATE, '{"confidence": 3}'), status: 400, message: /Confidence rating: choose/ },
  { name: 'review: a section as a list', send: () => json('put', REVIEW_UPDATE, '{"progress": ["a", "b"]}'), status: 400, message: /enter text/ },
  { name: 'review: version as text', send: () => json('put', REVIEW_UPDATE, '{"progress": "a", "version": "1"}'), status: 400 },
  { name: 'review: prototype key in an update', send: () => json('put', REVIEW_UPDATE, '{"progress": "a", "__proto__": {"state": "validated"}}'), status: 400 },
  {
    name: 'review: state set by hand',
    send: () => json('put', REVIEW_UPDATE, '{"progress": "a", "state": "validated"}'),
    status: 400,
    message: /not accepted/,
  },
  {
    name: 'review: unknown objective code',
    send: () => json('put', '/api/v1/reviews/2025-Q1/objectives/99-1', '{"progress": "a"}'),
    status: 404,
    message: /No objective has code ..99-1/,
  },
  {
    name: 'review: period never opened',
    send: () => json('put', '/api/v1/reviews/2019-Q1/objectives/1-1', '{"progress": "a"}'),
    status: 404,
    message: /No review/,
  },
  {
    name: 'review: path traversal in the period',
    send: () => json('put', '/api/v1/reviews/..%2F..%2Fetc%2Fpasswd/objectives/1-1', '{"progress": "a"}'),
    status: 400,
    message: /is not a period/,
  },
  {
    name: 'review: SQL in the period',
    send: () => json('post', '/api/v1/reviews', `{"period": "2025-Q1' OR '1'='1"}`),
    status: 400,
    message: /is not a period/,
  },
  { name: 'review: period as an object', send: () => json('post', '/api/v1/reviews', '{"period": {"id": "2025-Q1"}}'), status: 400 },
  { name: 'review: impossible deadline', send: () => json('post', '/api/v1/reviews', '{"period": "2025-Q2", "deadline": "2025-06-31"}'), status: 400 },
  { name: 'review: return reason as a number', send: () => json('post', `${REVIEW_UPDATE}/return`, '{"reason": 42}'), status: 400 },
  { name: 'review: huge contribution', send: () => json('post', `${REVIEW_UPDATE}/contributions`, JSON.stringify({ text: 'x'.repeat(20_000) })), status: 400 },
  { name: 'close: force as a string', send: () => json('post', '/api/v1/reviews/2025-Q1/close', '{"force": "yes"}'), status: 400, message: /true or false/ },
  { name: 'close: unknown field', send: () => json('post', '/api/v1/reviews/2025-Q1/close', '{"force": true, "state": "closed"}'), status: 400 },
  { name: 'close: not validated, not forced', send: () => json('post', '/api/v1/reviews/2025-Q1/close', '{}'), status: 409, message: /not validated/ },
  {
    name: 'close: path traversal in the period',
    send: () => json('post', '/api/v1/reviews/..%2F..%2Fetc%2Fpasswd/close', '{"force": true}'),
    status: 400,
    message: /is not a period/,
  },
  { name: 'publication: render in an unknown format', send: () => json('post', '/api/v1/reviews/2025-Q1/publication/render?format=docx', '{}'), status: 400 },
  { name: 'status: a period and a date', send: () => request(t.http).get('/api/v1/status?period=2025-Q1&asOf=2025-03-31').set(auth()), status: 400 },
  { name: 'status: SQL in the period', send: () => request(t.http).get(`/api/v1/status?period=2025-Q1' OR '1'='1`).set(auth()), status: 400 },
  { name: 'status: a period not published', send: () => request(t.http).get('/api/v1/status?period=2025-Q1').set(auth()), status: 404 },
  // One's own mail settings and the outbox
  { name: 'mail settings: a language we do not write', send: () => json('patch', '/api/v1/auth/me', '{"lang": "de"}'), status: 400 },
  { name: 'mail settings: reminders as a string', send: () => json('patch', '/api/v1/auth/me', '{"remindersEnabled": "no"}'), status: 400 },
  { name: 'mail settings: a role slipped in', send: () => json('patch', '/api/v1/auth/me', '{"lang": "fr", "role": "admin"}'), status: 400 },
  { name: 'mail settings: prototype key', send: () => json('patch', '/api/v1/auth/me', '{"lang": "fr", "__proto__": {"role": "admin"}}'), status: 400 },
  { name: 'outbox: unknown state filter', send: () => request(t.http).get('/api/v1/outbox?state=lost').set(auth()), status: 400 },
  { name: 'outbox: id that is not a number', send: () => request(t.http).get('/api/v1/outbox/..%2F1').set(auth()), status: [400, 404] },
  { name: 'outbox: unknown id', send: () => request(t.http).get('/api/v1/outbox/999999').set(auth()), status: 404 },
];

describe('bad input', () => {
  it('covers at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s → clear 4xx, nothing written',
    async (name, c) => {
      let send = c.send;
      if (name === 'XLSX with a formula cell') {
        const file = await xlsxFile([
          ['indicatorId', 'value', 'observedAt', 'source'],
          [ids.documents, { formula: '1+1', result: 2 } as ExcelJS.CellValue, '2024-03-31', 's'],
        ]);
        send = () => upload(file, 'f.xlsx');
      }
      if (name === 'truncated XLSX') {
        const file = await xlsxFile([
          ['indicatorId', 'value', 'observedAt', 'source'],
          [ids.documents, 5, '2024-03-31', 's'],
        ]);
        send = () => upload(file.subarray(0, file.length - 300), 't.xlsx');
      }
      if (name === 'CSV for an objective of another body (editor)') {
        const cnam = await t.userToken('editor', ['CNAM']);
        send = () =>
          request(t.http)
            .post('/api/v1/imports?dryRun=false')
            .set('Authorization', `Bearer ${cnam}`)
            .attach('file', Buffer.from(`${csvHeader}${ids.dgos},5,2024-03-31,s\n`), 'v.csv');
      }
      const before = await recordedState(t.database);
      const res = await send();
      const expected = Array.isArray(c.status) ? c.status : [c.status];
      expect(expected, `${name}: got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toContain(res.status);
      expect(res.status).toBeLessThan(500);
      const text = typeof res.body === 'object' ? JSON.stringify(res.body) : res.text;
      expect(text.length).toBeGreaterThan(0);
      if (c.message) expect(text).toMatch(c.message);
      if (name === 'CSV for an objective of another body (editor)') {
        // The user made there is the only write: the import itself wrote nothing.
        const after = await recordedState(t.database);
        expect(after.measurements).toBe(before.measurements);
        expect(after.imports).toBe(before.imports);
        return;
      }
      expect(await recordedState(t.database)).toEqual(before);
    },
    60_000,
  );
});

describe('text that looks like code', () => {
  it('is stored as written and escaped wherever it is shown: API, exports, pages, reports', async () => {
    const sql = "'); DROP TABLE measurements; --";
    const res = await request(t.http)
      .post(`/api/v1/indicators/${ids.documents}/measurements`)
      .set(auth())
      .send({ value: 7, observedAt: '2024-05-31', source: sql, comment: XSS })
      .expect(201);
    expect(res.body).toMatchObject({ source: sql, comment: XSS });
    const csv = await request(t.http).get('/api/v1/exports/measurements?format=csv').set(auth()).expect(200);
    expect(csv.text).toContain(`,'); DROP TABLE measurements; --,`); // an English CSV (Accept-Language: en)
    expect(csv.text).toContain(XSS); // text in a CSV cell; a spreadsheet shows it as text
    const milestone = await request(t.http)
      .patch(`/api/v1/milestones/${ids.milestone}`)
      .set(auth())
      .send({ state: 'in_progress', comment: XSS, evidence: `Note: ${XSS}` })
      .expect(200);
    expect(milestone.body.history[0].comment).toBe(XSS);
    // The web page shows both as text.
    const agent = request.agent(t.http);
    const login = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
    await agent.post('/login').type('form').send({ _csrf: csrf, email: 'admin@test.local', password: 'admin-password-123' }).expect(303);
    for (const path of ['/objectives/1-1', '/objectives/8-1']) {
      const page = await agent.get(path).expect(200);
      expect(page.text).not.toContain('<script>alert(1)');
      expect(page.text).not.toContain('<img src=http://127.0.0.1:9');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    const report = await request(t.http)
      .post('/api/v1/reports')
      .set(auth())
      .send({ kind: 'objective', scope: '1-1', period: '2025-06', format: 'html' })
      .expect(201);
    const html = await request(t.http).get(report.body.url).set(auth()).expect(200);
    expect(html.text).not.toContain('<script>alert(1)');
    expect(html.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const count = await request(t.http).get('/health').expect(200);
    expect(count.body.database.status).toBe('ok');
  });
});
