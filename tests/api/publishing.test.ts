import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AuditRepository, ReportsRepository, ReviewsRepository } from '@app/persistence';
import { startTestApp, TestApp } from '../support/app';
import { objectiveIds } from '../support/roadmap';
import { changeUpdate, openReviewPeriod, ReviewPeople, seedUpdate } from '../support/review';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const sha256 = (x: string | Buffer) => createHash('sha256').update(x).digest('hex');

/**
 * The 2026-Q4 review through the review API, to be closed on 20 January 2027 (after its deadline of
 * 15 January): 1-1's value for December, recorded in the collection window; 1-1 validated then revised
 * with a reason, 4-2 validated after the deadline, 2-1 a draft (DNS leads 1-1 and 4-2, CNAM 2-1).
 */
async function reviewedQuarter(t: TestApp) {
  const people = new ReviewPeople(t);
  await people.add('DNS', 'editor', ['DNS']);
  await people.add('CNAM', 'editor', ['CNAM']);
  await people.add('validator', 'validator');
  const documents = (await objectiveIds(t, await t.login(), '1-1')).indicators[0];
  await request(t.http)
    .post('/api/v1/reviews')
    .set(await people.as('admin'))
    .send({ period: '2026-Q4' })
    .expect(201);
  t.clock.set('2027-01-10T09:00:00.000Z');
  const recorded = await request(t.http)
    .post(`/api/v1/indicators/${documents}/measurements`)
    .set(await people.as('DNS'))
    .send({ value: 410_000_000, observedAt: '2026-12-31', source: 'CNAM' })
    .expect(201);
  t.clock.set('2027-01-12T09:00:00.000Z');
  await people.update(
    '2026-Q4',
    '1-1',
    'DNS',
    { confidence: 'secured', progress: 'Objectif atteint en décembre.', decisionsNeeded: 'Arbitrer le financement 2027 (DNS).' },
    'validated',
  );
  // Revised after validation, with a reason: the report publishes the revision.
  await request(t.http)
    .put('/api/v1/reviews/2026-Q4/objectives/1-1')
    .set(await people.as('DNS'))
    .send({ progress: 'Objectif **dépassé** en décembre.', reason: 'chiffre de décembre consolidé' })
    .expect(200);
  t.clock.set('2027-01-17T09:00:00.000Z');
  await people.update(
    '2026-Q4',
    '4-2',
    'DNS',
    { confidence: 'compromised', progress: 'Recrutement des conseillers gelé.', difficulties: '<script>alert(1)</script>' },
    'validated',
  );
  await people.update('2026-Q4', '2-1', 'CNAM', { confidence: 'watch', progress: 'Brouillon jamais transmis.' }, 'draft');
  t.clock.set('2027-01-20T09:00:00.000Z');
  return { documents, measurementId: recorded.body.id as number, people };
}

describe('closing a review period', () => {
  let t: TestApp;
  let admin: string;
  let ids: Awaited<ReturnType<typeof reviewedQuarter>>;
  let closed: request.Response;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-01-02T09:00:00.000Z' });
    ids = await reviewedQuarter(t);
    admin = await t.login();
  }, 120_000);
  afterAll(async () => t?.close());

  const periodRow = async () => (await t.app.get(ReviewsRepository).findPeriod('2026-Q4'))!;
  const unchanged = async () => {
    const row = await periodRow();
    expect(row.state).toBe('open');
    expect(row.closedAt).toBeNull();
    expect(await t.app.get(ReviewsRepository).findPublication(row.id)).toBeUndefined();
  };

  it('is for admins only: 403 for an editor or a viewer, nothing changed', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const token = await t.userToken(role, role === 'editor' ? ['CNAM'] : []);
      const res = await request(t.http).post('/api/v1/reviews/2026-Q4/close').set(auth(token)).send({ force: true }).expect(403);
      expect(res.body.code).toBe('permission.role_required');
    }
    await unchanged();
  });

  it('refuses bad input with a 400 saying what is wrong, and changes nothing', async () => {
    const notBoolean = await request(t.http).post('/api/v1/reviews/2026-Q4/close').set(auth(admin)).send({ force: 'yes' }).expect(400);
    expect(notBoolean.body.errors).toEqual([expect.objectContaining({ field: 'force', code: 'validation.not_a_boolean' })]);
    const unknown = await request(t.http).post('/api/v1/reviews/2026-Q4/close').set(auth(admin)).send({ forse: true }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'forse', code: 'validation.unknown_field' })]);
    const notAPeriod = await request(t.http).post('/api/v1/reviews/2026-Q9/close').set(auth(admin)).send({}).expect(400);
    expect(notAPeriod.body.errors[0]).toMatchObject({ field: 'period', code: 'period.invalid' });
    const noReview = await request(t.http).post('/api/v1/reviews/2019-Q1/close').set(auth(admin)).send({}).expect(404);
    expect(noReview.body.code).toBe('not_found.review_period');
    await request(t.http).get('/api/v1/reviews/2026-Q4/publication').set(auth(admin)).expect(404);
    await unchanged();
  });

  it('refuses (409) while updates are not validated, listing the objectives, and changes nothing', async () => {
    const res = await request(t.http).post('/api/v1/reviews/2026-Q4/close').set(auth(admin)).send({}).expect(409);
    expect(res.body.code).toBe('review.close_needs_validation');
    expect(res.body.message).toMatch(/^63 points de situation ne sont pas validés \(1-2, 1-3, .*2-1, .*18-4\)/);
    expect(res.body.message).not.toMatch(/\b1-1\b|\b4-2\b/);
    expect(res.body.message).toMatch(/«\sforce\s»/);
    await unchanged();
  });

  it('closes with force: the missing updates recorded, the snapshot frozen with its hash, the official reports made from it', async () => {
    closed = await request(t.http).post('/api/v1/reviews/2026-Q4/close').set(auth(admin)).send({ force: true }).expect(200);
    expect(closed.body).toMatchObject({ period: '2026-Q4', state: 'closed', closedAt: '2027-01-20T09:00:00.000Z', reportsPending: false });
    expect(closed.body.missingAtClosing).toHaveLength(63);
    expect(closed.body.missingAtClosing).toContain('2-1');
    expect(closed.body.reports.map((r: { lang: string; format: string }) => `${r.lang}/${r.format}`).sort()).toEqual([
      'en/html',
      'en/pdf',
      'fr/html',
      'fr/pdf',
    ]);

    const row = await periodRow();
    expect(row).toMatchObject({ state: 'closed', closedAt: '2027-01-20T09:00:00.000Z', missingAtClosing: closed.body.missingAtClosing });
    const publication = (await t.app.get(ReviewsRepository).findPublication(row.id))!;
    expect(publication.snapshotHash).toBe(closed.body.snapshotHash);
    expect(sha256(JSON.stringify(publication.snapshot))).toBe(publication.snapshotHash);
    const archived = (await t.app.get(ReportsRepository).findById(closed.body.reports[0].id))!;
    expect(archived).toMatchObject({ kind: 'roadmap', period: '2026-Q4', asOf: '2026-12-31', trigger: 'closing' });
    const audit = await t.app.get(AuditRepository).list({ action: 'review.close', limit: 10 });
    expect(audit).toEqual([expect.objectContaining({ entityType: 'review_period', entityId: '2026-Q4', before: { state: 'open' } })]);
    expect(audit[0].after).toMatchObject({ state: 'closed', force: true, snapshotHash: closed.body.snapshotHash });

    // Closing again: 409, nothing changes.
    const again = await request(t.http).post('/api/v1/reviews/2026-Q4/close').set(auth(admin)).send({ force: true }).expect(409);
    expect(again.body.code).toBe('review.already_closed');
  }, 180_000);

  it('prints the official report: the French PDF says what it is and lists the missing updates', async () => {
    const link = closed.body.reports.find((r: { lang: string; format: string }) => r.lang === 'fr' && r.format === 'pdf');
    const pdf = (await request(t.http).get(link.url).set(auth(admin)).buffer(true).parse(bufferParser).expect(200)).body as Buffer;
    // Kept for people to look at (pdftoppm -png -r 60 test-results/review-report/official-2026-Q4.pdf).
    mkdirSync(join('test-results', 'review-report'), { recursive: true });
    const file = join('test-results', 'review-report', 'official-2026-Q4.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Rapport officiel de la revue « 4ᵉ trimestre 2026 », publié le 20 janvier 2027 à 10 h 00 à partir des points de situation validés.');
    expect(text).toMatch(/Points de situation non validés à la clôture La période a été close sans leur validation/);
    expect(text).toContain('Pas de point de situation validé pour cette période.');
    expect(text).not.toContain('État du point de situation');
  });

  it('prints the English official report in English', async () => {
    const link = closed.body.reports.find((r: { lang: string; format: string }) => r.lang === 'en' && r.format === 'pdf');
    const pdf = (await request(t.http).get(link.url).set(auth(admin)).buffer(true).parse(bufferParser).expect(200)).body as Buffer;
    const file = join('test-results', 'review-report', 'official-2026-Q4.en.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Official report of the “Q4 2026” review, published on 20 January 2027 at 10:00 from the validated updates.');
    expect(text).not.toMatch(/Rapport officiel|Points de situation/);
  });

  it('publishes the validated updates only, the missing ones listed, the values of the collection window counted', async () => {
    const html = await officialHtml('fr');
    expect(html).toContain('Rapport officiel de la revue');
    // 1-1 as revised after validation (its latest revise event), marked so.
    expect(html).toContain('Objectif <strong>dépassé</strong> en décembre.');
    expect(html).not.toContain('Objectif atteint en décembre.');
    expect(html).toContain('<span class="mark mark--revised">Révisé après validation</span>');
    expect(html).toContain('Arbitrer le financement 2027 (DNS).');
    expect(html).not.toContain('Brouillon jamais transmis');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Points de situation non validés à la clôture');
    // 1-1's December value, recorded on 10 January (after the period, before closing), is in.
    expect(html).toContain('410\u202f000\u202f000');
    const summary = await request(t.http).get('/api/v1/reviews/2026-q4/publication').set(auth(admin)).expect(200);
    expect(summary.body).toMatchObject({
      period: '2026-Q4',
      publishedAt: '2027-01-20T09:00:00.000Z',
      snapshotHash: closed.body.snapshotHash,
      reportsPending: false,
    });
    expect(summary.body.objectives.find((o: { code: string }) => o.code === '4-2')).toMatchObject({ confidence: 'compromised', validated: true });
    expect(summary.body.objectives.find((o: { code: string }) => o.code === '2-1')).toMatchObject({ confidence: null, validated: false });
  });

  const officialHtml = async (lang: 'fr' | 'en') => {
    const link = closed.body.reports.find((r: { lang: string; format: string }) => r.lang === lang && r.format === 'html');
    const res = await request(t.http).get(link.url).set(auth(admin)).buffer(true).parse(textParser).expect(200);
    return res.body as string;
  };

  describe('after closing', () => {
    beforeAll(async () => {
      // Live data moves on: 1-1's December value corrected, a later draft of 1-1's update.
      t.clock.set('2027-02-03T09:00:00.000Z');
      admin = await t.login();
      await request(t.http)
        .post(`/api/v1/measurements/${ids.measurementId}/corrections`)
        .set(auth(admin))
        .send({ value: 455_000_000, reason: 'chiffre consolidé' })
        .expect(201);
      // Through the API, an update of a closed period no longer changes…
      const refused = await request(t.http)
        .put('/api/v1/reviews/2026-Q4/objectives/1-1')
        .set(await ids.people.as('DNS'))
        .send({ progress: 'Texte modifié après la clôture.', reason: 'après coup' })
        .expect(409);
      expect(refused.body.code).toBe('review.period_closed');
      // …and even a change made behind its back does not reach the published report.
      await changeUpdate(t, '2026-Q4', '1-1', { progress: 'Texte modifié après la clôture.' }, null);
    });

    it('renders the official report again from the snapshot: same data hash, byte-identical HTML', async () => {
      const archived = (await t.app
        .get(ReportsRepository)
        .findById(closed.body.reports.find((r: { lang: string; format: string }) => r.lang === 'fr' && r.format === 'html').id))!;
      const again = await request(t.http)
        .post('/api/v1/reviews/2026-Q4/publication/render?format=html')
        .set(auth(admin))
        .buffer(true)
        .parse(bufferParser)
        .expect(200);
      expect(again.headers['x-data-hash']).toBe(archived.dataHash);
      expect(Buffer.compare(again.body, archived.content)).toBe(0);
      expect(again.body.toString('utf8')).not.toContain('Texte modifié après la clôture');
      expect(again.body.toString('utf8')).not.toContain('455\u202f000\u202f000');
      const summary = await request(t.http).get('/api/v1/reviews/2026-Q4/publication').set(auth(admin)).expect(200);
      expect(summary.body.snapshotHash).toBe(closed.body.snapshotHash);
      const en = await request(t.http).post('/api/v1/reviews/2026-Q4/publication/render?format=html&lang=en').set(auth(admin)).expect(200);
      expect(en.text).toBe(await officialHtml('en'));
      // The English official report reads in English.
      expect(en.text).toContain('Official report of the “Q4 2026” review, published on 20 January 2027 at 10:00 from the validated updates.');
      expect(en.text).toContain('Updates not validated at closing');
      expect(en.text).not.toMatch(/Appréciation|L’essentiel|Rapport officiel|Points de situation/);
      const bad = await request(t.http).post('/api/v1/reviews/2026-Q4/publication/render?format=docx').set(auth(admin)).expect(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'format', code: 'validation.not_one_of' });
    });

    it('answers the status API with ?period= from the frozen snapshot, the live view otherwise', async () => {
      const published = await request(t.http).get('/api/v1/status?period=2026-Q4').set(auth(admin)).expect(200);
      expect(published.body.published).toEqual({ period: '2026-Q4', publishedAt: '2027-01-20T09:00:00.000Z' });
      expect(published.body.asOf).toBe('2026-12-31');
      const latestOf = (body: { objectives: { code: string; indicators: { id: number; latest: { value: number } | null }[] }[] }) =>
        body.objectives.find((o) => o.code === '1-1')!.indicators.find((i) => i.id === ids.documents)!.latest?.value;
      expect(latestOf(published.body)).toBe(410_000_000);
      const live = await request(t.http).get('/api/v1/status').set(auth(admin)).expect(200);
      expect(live.body.published).toBeUndefined();
      expect(latestOf(live.body)).toBe(455_000_000);
      const objective = await request(t.http).get('/api/v1/objectives/1-1?period=2026-Q4&lang=en').set(auth(admin)).expect(200);
      expect(objective.body).toMatchObject({ asOf: '2026-12-31', published: { period: '2026-Q4' } });
      expect(objective.body.indicators[0].latest.value).toBe(410_000_000);
    });

    it('refuses a bad ?period= with a clear 400, an unpublished one with a 404', async () => {
      const both = await request(t.http).get('/api/v1/status?period=2026-Q4&asOf=2026-12-31').set(auth(admin)).expect(400);
      expect(both.body.errors[0]).toMatchObject({ field: 'period', code: 'status.period_or_as_of' });
      const garbage = await request(t.http).get('/api/v1/status?period=2026-Q7').set(auth(admin)).expect(400);
      expect(garbage.body.errors[0]).toMatchObject({ field: 'period', code: 'period.invalid' });
      const open = await request(t.http).get('/api/v1/status?period=2026-Q3').set(auth(admin)).expect(404);
      expect(open.body.code).toBe('not_found.publication');
    });
  });
});

describe('closing when every update is validated, and a failed report made again', () => {
  let t: TestApp;
  let restarted: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-04-20T09:00:00.000Z', env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    await openReviewPeriod(t, '2026-Q1');
  }, 120_000);
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
  });

  it('closes without force; a Chromium failure leaves the period closed with its snapshot, and the next start makes the PDF', async () => {
    const admin = await t.login();
    const codes = (await request(t.http).get('/api/v1/status').set(auth(admin)).expect(200)).body.objectives.map((o: { code: string }) => o.code);
    for (const code of codes) await seedUpdate(t, '2026-Q1', { code, state: 'validated', content: { confidence: 'watch', progress: `Point ${code}.` } });
    const closed = await request(t.http).post('/api/v1/reviews/2026-Q1/close').set(auth(admin)).send({}).expect(200);
    expect(closed.body).toMatchObject({ state: 'closed', missingAtClosing: [], reportsPending: true });
    expect(closed.body.reports.map((r: { format: string }) => r.format)).toEqual(['html', 'html']);
    expect((await t.app.get(ReviewsRepository).findPeriod('2026-Q1'))!.state).toBe('closed');
    // Retrying while Chromium is still broken: still pending, nothing lost.
    const retried = await request(t.http).post('/api/v1/reviews/2026-Q1/publication/reports').set(auth(admin)).expect(200);
    expect(retried.body).toMatchObject({ reportsPending: true, snapshotHash: closed.body.snapshotHash });

    // Chromium repaired, the server restarts on the same database: the missing PDF is made at start, from the snapshot.
    restarted = await startTestApp({
      now: '2026-04-21T09:00:00.000Z',
      database: t.database,
      env: { SCHEDULER_ENABLED: 'true', REPORT_SCHEDULE_FORMAT: 'html' },
    });
    const reviews = restarted.app.get(ReviewsRepository);
    const row = (await reviews.findPeriod('2026-Q1'))!;
    const end = Date.now() + 90_000;
    while ((await reviews.findPublication(row.id))!.reportIds.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    const after = await request(restarted.http)
      .get('/api/v1/reviews/2026-Q1/publication')
      .set(auth(await restarted.login()))
      .expect(200);
    expect(after.body).toMatchObject({ reportsPending: false, snapshotHash: closed.body.snapshotHash });
    const pdf = after.body.reports.find((r: { format: string }) => r.format === 'pdf');
    expect(pdf.dataHash).toBe(after.body.reports.find((r: { lang: string; format: string }) => r.lang === 'fr' && r.format === 'html').dataHash);
  }, 180_000);
});

function textParser(res: any, cb: (err: Error | null, body: string) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
}
function bufferParser(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
