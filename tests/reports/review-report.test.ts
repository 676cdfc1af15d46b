import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { ReviewPeople } from '../support/review';
import { objectiveIds } from '../support/roadmap';
import { tempDir } from '../support/temp';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const tmp = tempDir('fdr-review-report-');
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** One text per page, spaces normalised (non-breaking ones included). */
const pdfPages = (pdf: Buffer, name: string) => {
  const file = tmp.path(name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((p) => p.replace(/\s+/g, ' '));
};

/**
 * The 2026-Q4 review still open on 20 January 2027 (deadline 15 January), through the review API:
 * 1-1 validated, 4-2 submitted late, 2-1 a draft, 13-1 returned; a 2026-Q3 update revised after
 * validation in November.
 */
async function seedReview(t: TestApp) {
  const people = new ReviewPeople(t);
  await people.add('DNS', 'editor', ['DNS']);
  await people.add('CNAM', 'editor', ['CNAM']);
  await people.add('DGOS', 'editor', ['DGOS']);
  await people.add('validator', 'validator');
  const open = async (period: string) =>
    request(t.http)
      .post('/api/v1/reviews')
      .set(await people.as('admin'))
      .send({ period })
      .expect(201);

  t.clock.set('2026-10-05T09:00:00.000Z');
  await open('2026-Q3');
  const thirdPlaces = (await objectiveIds(t, await t.login(), '5-1')).indicators[0];
  const counted = await request(t.http)
    .post(`/api/v1/indicators/${thirdPlaces}/measurements`)
    .set(await people.as('DNS'))
    .send({ value: 12, observedAt: '2026-09-30', source: 'DNS' })
    .expect(201);
  await people.update('2026-Q3', '5-1', 'DNS', { confidence: 'watch', progress: 'Étude lancée.' }, 'validated');
  t.clock.set('2026-11-10T09:00:00.000Z');
  await request(t.http)
    .put('/api/v1/reviews/2026-Q3/objectives/5-1')
    .set(await people.as('DNS'))
    .send({ progress: 'Étude lancée, calendrier décalé.', reason: 'calendrier de l’étude décalé par le prestataire' })
    .expect(200);
  // A value of the validated period corrected: a revision too.
  t.clock.set('2026-11-12T09:00:00.000Z');
  await request(t.http)
    .post(`/api/v1/measurements/${counted.body.id}/corrections`)
    .set(await people.as('DNS'))
    .send({ value: 14, reason: 'deux tiers-lieux oubliés' })
    .expect(201);

  t.clock.set('2027-01-05T09:00:00.000Z');
  await open('2026-Q4');
  // 1-1's December value, recorded during the collection.
  t.clock.set('2027-01-10T09:00:00.000Z');
  const documents = (await objectiveIds(t, await t.login(), '1-1')).indicators[0];
  await request(t.http)
    .post(`/api/v1/indicators/${documents}/measurements`)
    .set(await people.as('DNS'))
    .send({ value: 380_000_000, observedAt: '2026-12-31', source: 'CNAM' })
    .expect(201);
  t.clock.set('2027-01-12T09:00:00.000Z');
  await people.update(
    '2026-Q4',
    '1-1',
    'DNS',
    {
      confidence: 'secured',
      progress: 'Objectif **dépassé** : 410 millions de documents.\n\n- relance des éditeurs\n- campagne nationale',
      decisionsNeeded: 'Arbitrer le financement 2027 des éditeurs ([note DNS](https://esante.gouv.fr/note)).',
    },
    'validated',
  );
  t.clock.set('2027-01-14T09:00:00.000Z');
  await people.update('2026-Q4', '13-1', 'DGOS', { confidence: 'watch', progress: 'Marché notifié.' }, 'submitted');
  await request(t.http)
    .post('/api/v1/reviews/2026-Q4/objectives/13-1/return')
    .set(await people.as('validator'))
    .send({ reason: 'Précisez le calendrier de déploiement.' })
    .expect(200);
  t.clock.set('2027-01-17T09:00:00.000Z');
  await people.update(
    '2026-Q4',
    '4-2',
    'DNS',
    {
      confidence: 'compromised',
      progress: 'Recrutement des conseillers gelé.',
      difficulties: '<img src=x onerror=alert(1)> [piège](javascript:alert(1))',
      decisionsNeeded: 'Dégel des crédits France services par la DGCL.',
    },
    'submitted',
  );
  await people.update('2026-Q4', '2-1', 'CNAM', { confidence: 'difficulties', progress: 'Notifications repoussées au T2.' }, 'draft');
  t.clock.set('2027-01-20T09:00:00.000Z');
}

describe('the report of a review period still open (on demand)', () => {
  let t: TestApp;
  let pages: string[];
  let text: string;
  let html: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-10-01T09:00:00.000Z' });
    // 1-1's documents: two yearly values, short of the 400 million due at the end of 2026.
    const documents = (await objectiveIds(t, await t.login(), '1-1')).indicators[0];
    for (const [value, observedAt] of [
      [250_000_000, '2024-12-31'],
      [300_000_000, '2025-12-31'],
      [330_000_000, '2026-09-30'],
    ] as const) {
      await request(t.http)
        .post(`/api/v1/indicators/${documents}/measurements`)
        .set(auth(await t.login()))
        .send({ value, observedAt, source: 'CNAM' })
        .expect(201);
    }
    await seedReview(t);
    const admin = await t.login();
    const pdf = await request(t.http).post('/api/v1/reports').set(auth(admin)).send({ kind: 'roadmap', period: '2026-Q4', format: 'pdf' }).expect(201);
    const file = await request(t.http).get(pdf.body.url).set(auth(admin)).buffer(true).parse(binary).expect(200);
    pages = pdfPages(file.body, 'review.pdf');
    text = pages.join(' ');
    // Kept for people to look at (pdftoppm -png -r 60 test-results/review-report/report-2026-Q4.pdf).
    const out = join('test-results', 'review-report');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'report-2026-Q4.pdf'), file.body);
    const page = await request(t.http).post('/api/v1/reports').set(auth(admin)).send({ kind: 'roadmap', period: '2026-Q4', format: 'html' }).expect(201);
    html = (await request(t.http).get(page.body.url).set(auth(admin)).buffer(true).parse(binary).expect(200)).body.toString('utf8');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    tmp.cleanup();
  });

  it('opens, after the cover, with the page a director reads first', () => {
    const first = pages[1];
    expect(first).toMatch(/^ ?Rapport d'avancement · Feuille de route complète · 4ᵉ trimestre 2026 L’essentiel de la période/);
    expect(first).toMatch(/Revue « 4ᵉ trimestre 2026 » en cours \(date limite de collecte : 15 janvier 2027\)/);
    expect(first).toContain('les valeurs saisies pendant la collecte sont comptées');
  });

  it('lists the decisions needed, with objective and lead body', () => {
    const decisions = text.slice(text.indexOf('Décisions attendues'), text.indexOf('Objectifs en difficulté ou compromis selon leur pilote'));
    expect(decisions).toContain('1-1');
    expect(decisions).toContain('Arbitrer le financement 2027 des éditeurs (note DNS).');
    expect(decisions).toContain('4-2');
    expect(decisions).toContain('Dégel des crédits France services par la DGCL.');
    expect(decisions).toMatch(/1-1 Alimenter Mon espace santé · Pilote : DNS/);
  });

  it('lists the objectives rated compromised or in difficulty, compromised first, beside their computed status', () => {
    const rated = text.slice(
      text.indexOf('Objectifs en difficulté ou compromis selon leur pilote'),
      text.indexOf('Jalons manqués pendant la période ou menacés'),
    );
    expect(rated).toMatch(/4-2 .* Compromis .* 2-1 .* En difficulté/);
    expect(rated).not.toContain('1-1');
    expect(rated).toContain('Statut calculé');
  });

  it('lists missed and threatened milestones, and the completeness per body: on time, late, missing', () => {
    const late = text.slice(text.indexOf('Jalons manqués pendant la période ou menacés'), text.indexOf('Complétude de la revue'));
    // Due on 31 December 2026 (the as-of date), not started: threatened. Those missed in earlier periods are counted, not listed.
    expect(late).toMatch(/13-3 Lancer un groupe de travail du CNS sur le transport sanitaire DNS 31 décembre 2026/);
    expect(late).toContain('non commencé, échéance à la date du rapport');
    expect(late).not.toContain('31 mai 2023');
    expect(late).toMatch(/Au total, \d+ jalons sont en retard \(échéance dépassée sans être réalisés\)/);
    expect(text).toContain('Complétude de la revue Date limite de collecte : 15 janvier 2027');
    const table = html.slice(
      html.indexOf('<table class="compact completeness">'),
      html.indexOf('</table>', html.indexOf('<table class="compact completeness">')),
    );
    const completeness = table
      .replace(/<\/tr>/g, '\n')
      .replace(/<[^>]+>/g, ' ')
      .replace(/ +/g, ' ');
    // DNS leads 1-1 (submitted on 12 January, on time, validated) and 4-2 (submitted on the 17th, late); 27 others missing past the deadline.
    expect(completeness).toMatch(/DNS 29 2 1 1 1 2-2, 2-3, [\d, -]+ En retard/);
    // CNAM: 2-1 a draft, nothing submitted.
    expect(completeness).toMatch(/CNAM 10 0 0 0 0 1-2, 1-3, 1-4, 2-1, [\d, -]+ En retard/);
  });

  it("opens each objective's section with its rating and commentary, marked with the update's state", () => {
    for (const state of ['Validé', 'Transmis', 'Brouillon', 'Renvoyé']) expect(text).toContain(`État du point de situation : ${state}`);
    const head = (code: string) => {
      const row = html.slice(html.search(new RegExp(`<tr class="objective">\\s*<td class="code">${code}</td>`)));
      return row
        .slice(row.indexOf('<p class="update-head">'), row.indexOf('</p>', row.indexOf('<p class="update-head">')))
        .replace(/<[^>]+>/g, '')
        .replace(/[ \n]+/g, ' ');
    };
    expect(head('1-1')).toBe('Appréciation du pilote\u00a0: Maîtrisé État du point de situation\u00a0: Validé');
    expect(head('4-2')).toBe('Appréciation du pilote\u00a0: Compromis État du point de situation\u00a0: Transmis');
    expect(head('2-1')).toBe('Appréciation du pilote\u00a0: En difficulté État du point de situation\u00a0: Brouillon');
    expect(head('13-1')).toBe('Appréciation du pilote\u00a0: À surveiller État du point de situation\u00a0: Renvoyé');
    // The objective table says which status is computed, beside the body's rating.
    expect(html).toContain('<th scope="col" class="col-status">Statut calculé</th>');
    expect(text).toContain('Avancées de la période');
    expect(text).toContain('relance des éditeurs');
    expect(text).toContain('Pas encore de point de situation pour cette période.');
    // The commentary as typed (no typography added), its list a list.
    expect(html.replace(/\n\s+/g, '\n')).toContain(
      '<p>Objectif <strong>dépassé</strong> : 410 millions de documents.</p>\n<ul>\n<li>relance des éditeurs</li>',
    );
    expect(html).toContain('<a href="https://esante.gouv.fr/note" rel="noopener noreferrer">note DNS</a>');
  });

  it('counts the values recorded during the collection, after the period ended', () => {
    expect(text).toMatch(/Dernière valeur : 380 000 000 documents\/an \(31 décembre 2026\)/);
  });

  it('says under each numeric target with values where the current pace leads', () => {
    expect(text).toMatch(/400 000 000 documents\/an · échéance 31 décembre 2026 .*Au rythme actuel, cible atteinte en \S+ \d{4} : \d+ mois de retard/);
  });

  it('escapes the markup of a commentary: no tag, no javascript: link', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; [piège](javascript:alert(1))');
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(text).toContain('<img src=x onerror=alert(1)> [piège](javascript:alert(1))');
  });

  it('lists the revisions made after validation since the previous report in the changes', () => {
    const changes = text.slice(text.indexOf('Évolutions depuis le rapport précédent'));
    expect(changes).toMatch(
      /Révisions après validation .*5-1 3ᵉ trimestre 2026 Point de situation révisé 10 novembre 2026 à 10 h 00 calendrier de l’étude décalé par le prestataire 5-1 3ᵉ trimestre 2026 Valeur de la période corrigée 12 novembre 2026 à 10 h 00 deux tiers-lieux oubliés/,
    );
  });

  it('reads in English in an English report', async () => {
    const admin = await t.login();
    const page = await request(t.http)
      .post('/api/v1/reports')
      .set(auth(admin))
      .send({ kind: 'objective', scope: '4-2', period: '2026-Q4', format: 'html', lang: 'en' })
      .expect(201);
    const en = (await request(t.http).get(page.body.url).set(auth(admin)).buffer(true).parse(binary).expect(200)).body.toString('utf8');
    expect(en).toContain('The period at a glance');
    expect(en).toContain('Lead body’s confidence: <span class="badge badge--confidence-compromised"');
    expect(en).toContain('State of the update: Submitted');
    expect(en).toContain('Completeness of the review');
    expect(en).not.toMatch(/Appréciation|Brouillon|Transmis/);
  });
});
