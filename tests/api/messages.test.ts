import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { recordedState } from '../support/db';
import { objectiveIds } from '../support/roadmap';

/**
 * Every refusal answers {statusCode, code, message, errors: [{code, field, message}]}: the code is
 * stable, the field is the API's name, the message is in the reader's language (`?lang=`, then
 * `Accept-Language`, French by default) and names the field by its label.
 */
let t: TestApp;
let admin: string;
let cnam: string;
let teleconsultation: number; // 12-1, percent, DGOS lead, CNAM contributes
let digitalBudget: number; // 15-4, percent, DGOS lead, DNS contributes

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const NBSP = '\u00a0';
const NNBSP = '\u202f';

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login();
  cnam = await t.userToken('editor', ['CNAM']);
  teleconsultation = (await objectiveIds(t, admin, '12-1')).indicators[0];
  digitalBudget = (await objectiveIds(t, admin, '15-4')).indicators[0];
});
afterAll(async () => t.close());

describe("a refused request, in the reader's language", () => {
  const bad = { value: '12', observedAt: '2031-02-30', source: '', unit: '%' };
  const send = (path = '') => request(t.http).post(`/api/v1/indicators/${teleconsultation}/measurements${path}`).set(auth(admin));

  it('is in French by default, every problem at once, with its code, its API field and its label', async () => {
    const before = await recordedState(t.database);
    const res = await send().send(bad).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'validation.failed',
      message: expect.stringMatching(new RegExp(`^Requête refusée${NBSP}: 4 problèmes à corriger\\. `)),
      errors: [
        { code: 'validation.unknown_field', field: 'unit', message: `«${NBSP}unit${NBSP}»${NBSP}: ce champ n’est pas accepté ici, retirez-le.` },
        {
          code: 'validation.not_a_number',
          field: 'value',
          message: `Valeur${NBSP}: saisissez un nombre, par exemple 1234,5 (dans l’API, un nombre JSON, pas une chaîne).`,
        },
        {
          code: 'validation.not_a_date',
          field: 'observedAt',
          message: `Date de la valeur${NBSP}: saisissez une date réelle au format AAAA-MM-JJ, par exemple 2025-03-31.`,
        },
        { code: 'validation.required', field: 'source', message: `Source${NBSP}: ce champ est obligatoire.` },
      ],
    });
    // The summary message repeats each problem, and never the API's field names.
    expect(res.body.message).toContain(`Date de la valeur${NBSP}: saisissez une date réelle`);
    expect(res.body.message).not.toMatch(/observedAt|should not exist|must be/);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('is in English with Accept-Language: en, and with ?lang=en, with the same codes and fields', async () => {
    const fr = await send().send(bad).expect(400);
    const header = await send().set('Accept-Language', 'de-DE,de;q=0.9,en;q=0.8').send(bad).expect(400);
    const query = await send('?lang=en').set('Accept-Language', 'fr-FR').send(bad).expect(400);
    for (const res of [header, query]) {
      expect(res.body.errors.map((e: any) => [e.code, e.field])).toEqual(fr.body.errors.map((e: any) => [e.code, e.field]));
      expect(res.body.message).toMatch(/^Request refused: 4 problems to fix\. /);
      expect(res.body.errors.map((e: any) => e.message)).toEqual([
        '"unit": this field is not accepted here, remove it.',
        'Value: enter a number, for example 1234.5 (in the API, a JSON number, not a string).',
        'Date of the value: enter a real date written YYYY-MM-DD, for example 2025-03-31.',
        'Source: this field is required.',
      ]);
    }
  });

  it('reports the rules that need the database with the field problems, at once', async () => {
    const res = await send()
      .send({ value: 140, observedAt: '2025-07-01', source: 'x'.repeat(301) })
      .expect(400);
    expect(res.body.errors).toEqual([
      { code: 'validation.too_long', field: 'source', message: `Source${NBSP}: saisissez au plus 300 caractères (il y en a 301).` },
      { code: 'value.percent_out_of_range', field: 'value', message: `Valeur${NBSP}: c’est un pourcentage, saisissez un nombre entre 0 et 100.` },
      { code: 'date.in_future', field: 'observedAt', message: `Date de la valeur${NBSP}: la date est dans le futur (nous sommes le 15 juin 2025).` },
    ]);
  });

  it('says who leads the objective when a body may not record for it (403), in both languages', async () => {
    const body = { value: 2, observedAt: '2024-12-31', source: 'CNAM' };
    const fr = await request(t.http).post(`/api/v1/indicators/${digitalBudget}/measurements`).set(auth(cnam)).send(body).expect(403);
    expect(fr.body).toEqual({
      statusCode: 403,
      code: 'permission.body_not_allowed',
      message: `Vous saisissez pour la CNAM${NNBSP}; l’objectif 15-4 est piloté par la DGOS (organismes${NBSP}: DGOS, DNS).`,
      errors: [{ code: 'permission.body_not_allowed', field: null, message: fr.body.message }],
    });
    const en = await request(t.http).post(`/api/v1/indicators/${digitalBudget}/measurements?lang=en`).set(auth(cnam)).send(body).expect(403);
    expect(en.body.message).toBe('You record for CNAM; objective 15-4 is led by DGOS (bodies: DGOS, DNS).');
  });

  it('says what to do instead on a conflict (409), in both languages, at the field concerned', async () => {
    const body = { value: 20, observedAt: '2024-06-30', source: 'CNAM' };
    const first = await request(t.http).post(`/api/v1/indicators/${teleconsultation}/measurements`).set(auth(cnam)).send(body).expect(201);
    const fr = await request(t.http).post(`/api/v1/indicators/${teleconsultation}/measurements`).set(auth(cnam)).send(body).expect(409);
    const id = first.body.id;
    expect(fr.body).toEqual({
      statusCode: 409,
      code: 'measurement.duplicate',
      message: `L’indicateur ${teleconsultation} a déjà une valeur au 30 juin 2024 (valeur ${id})${NBSP}: corrigez-la plutôt (POST /api/v1/measurements/${id}/corrections).`,
      errors: [
        {
          code: 'measurement.duplicate',
          field: 'observedAt',
          message: `Date de la valeur${NBSP}: l’indicateur ${teleconsultation} a déjà une valeur au 30 juin 2024 (valeur ${id})${NBSP}: corrigez-la plutôt (POST /api/v1/measurements/${id}/corrections).`,
        },
      ],
    });
    const en = await request(t.http)
      .post(`/api/v1/indicators/${teleconsultation}/measurements`)
      .set(auth(cnam))
      .set('Accept-Language', 'en')
      .send(body)
      .expect(409);
    expect(en.body.message).toBe(
      `Indicator ${teleconsultation} already has a value for 30 June 2024 (measurement ${id}): correct it instead (POST /api/v1/measurements/${id}/corrections).`,
    );
  });

  it('names an unknown address, a malformed body and a missing sign-in by their codes', async () => {
    const route = await request(t.http).get('/api/v1/nowhere').set(auth(admin)).expect(404);
    expect(route.body).toMatchObject({
      code: 'not_found.route',
      message: `Cette adresse n’existe pas${NBSP}: GET /api/v1/nowhere (la documentation de l’API est sur /api/docs).`,
    });
    const json = await send().set('Content-Type', 'application/json').send('{"value": 1,').expect(400);
    expect(json.body.errors).toEqual([{ code: 'request.invalid_json', field: null, message: 'Le corps de la requête n’est pas du JSON valide.' }]);
    const array = await send().set('Content-Type', 'application/json').send('[1,2]').expect(400);
    expect(array.body.errors).toEqual([
      { code: 'request.body_not_object', field: null, message: 'Le corps de la requête doit être un objet JSON, avec un champ par donnée.' },
    ]);
    const proto = await send('?lang=en').set('Content-Type', 'application/json').send('{"__proto__": {}}').expect(400);
    expect(proto.body.message).toBe('The key "__proto__" is not allowed in a request body.');
    const anonymous = await request(t.http).get('/api/v1/roadmap').set('Accept-Language', 'en').expect(401);
    expect(anonymous.body).toMatchObject({
      code: 'auth.sign_in_required',
      message: 'Sign in first: send "Authorization: Bearer <token>" (POST /api/v1/auth/login gives one).',
    });
  });
});

describe('an import dry run, in French', () => {
  it('gives every problem its code, its line and its field, and a message saying both', async () => {
    const file = [
      'Id indicateur;Valeur;Date;Source',
      `${teleconsultation};19;31/03/2024;Cnam`,
      `${teleconsultation};abc;30/06/2024;Cnam`,
      `${digitalBudget};2;31/12/2024;Cnam`,
      `${teleconsultation};150;31/12/2030;`,
    ].join('\n');
    const res = await request(t.http).post('/api/v1/imports?dryRun=true').set(auth(cnam)).attach('file', Buffer.from(file), 'valeurs.csv').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 4, valid: 1 });
    expect(res.body.problems).toEqual([
      {
        line: 3,
        field: 'value',
        code: 'import.cell.not_a_number',
        message: `Ligne 3, Valeur${NBSP}: «${NBSP}abc${NBSP}» n’est pas un nombre (par exemple 1234,5).`,
      },
      {
        line: 4,
        field: 'indicator',
        code: 'permission.body_not_allowed',
        message: `Ligne 4, Indicateur${NBSP}: vous saisissez pour la CNAM${NNBSP}; l’objectif 15-4 est piloté par la DGOS (organismes${NBSP}: DGOS, DNS).`,
      },
      {
        line: 5,
        field: 'value',
        code: 'value.percent_out_of_range',
        message: `Ligne 5, Valeur${NBSP}: c’est un pourcentage, saisissez un nombre entre 0 et 100.`,
      },
      {
        line: 5,
        field: 'observedAt',
        code: 'date.in_future',
        message: `Ligne 5, Date de la valeur${NBSP}: la date est dans le futur (nous sommes le 15 juin 2025).`,
      },
      {
        line: 5,
        field: 'source',
        code: 'import.source_required',
        message: `Ligne 5, Source${NBSP}: indiquez d’où vient le chiffre (la source est obligatoire).`,
      },
    ]);
  });
});

describe('a web form sent back with errors', () => {
  it("shows each problem next to its field in the page's language, from the same catalogue, values kept", async () => {
    const agent = request.agent(t.http);
    const login = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
    await agent.post('/login').type('form').send({ _csrf: csrf, email: 'admin@test.local', password: 'admin-password-123' }).expect(303);
    const page = await agent.get('/objectives/12-1').expect(200);
    const formCsrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const before = await recordedState(t.database);
    const res = await agent
      .post('/objectives/12-1')
      .type('form')
      .send({ _csrf: formCsrf, form: `record-${teleconsultation}`, value: '140', observedAt: '2030-01-31', source: '' })
      .expect(400);
    expect(await recordedState(t.database)).toEqual(before);
    const text = res.text.replace(/&#x27;/g, "'");
    expect(text).toContain(`Valeur${NBSP}: c’est un pourcentage, saisissez un nombre entre 0 et 100.`);
    expect(text).toContain(`Source${NBSP}: ce champ est obligatoire.`);
    expect(text).toContain(`Date de la valeur${NBSP}: la date est dans le futur (nous sommes le 15 juin 2025).`);
    expect(text).toContain('value="140"');
    // No API field name and no English sentence reaches the page.
    expect(text).not.toMatch(/observedAt :|must be|is required|should not exist|is in the future/);

    // A conflict shows at its field, saying what to do instead.
    const taken = await agent
      .post('/objectives/12-1')
      .type('form')
      .send({ _csrf: formCsrf, form: `record-${teleconsultation}`, value: '21', observedAt: '2024-06-30', source: 'Cnam' })
      .expect(409);
    expect(taken.text).toMatch(
      new RegExp(`Date de la valeur${NBSP}: l’indicateur \\d+ a déjà une valeur au 30 juin 2024 \\(valeur \\d+\\)${NBSP}: corrigez-la plutôt`),
    );

    // The report form, the import page and the sign-in page say theirs from the same catalogue.
    const reports = await agent.get('/reports').expect(200);
    const reportCsrf = /name="_csrf" value="([^"]+)"/.exec(reports.text)![1];
    const report = await agent
      .post('/reports')
      .type('form')
      .send({ _csrf: reportCsrf, kind: 'body', scopeBody: 'NOPE', period: '2025-Q7', format: 'pdf', lang: 'fr' })
      .expect(400);
    expect(report.text).toContain(`Période${NBSP}: «${NBSP}2025-Q7${NBSP}» n’est pas une période`);
    expect(report.text).toContain(`Périmètre${NBSP}: «${NBSP}NOPE${NBSP}» n’est pas le sigle d’un organisme`);

    const importPage = await agent.get('/import').expect(200);
    const importCsrf = /name="_csrf" value="([^"]+)"/.exec(importPage.text)![1];
    const noFile = await agent.post('/import').field('_csrf', importCsrf).expect(400);
    expect(noFile.text).toContain(`Fichier${NBSP}: choisissez un fichier CSV ou XLSX à vérifier.`);
    const refused = await agent.post('/import').field('_csrf', importCsrf).attach('file', Buffer.from('%PDF-1.7'), 'rapport.pdf').expect(400);
    expect(refused.text).toContain(`«${NBSP}rapport.pdf${NBSP}»${NBSP}: un fichier .pdf n’est pas accepté${NNBSP}; envoyez un fichier CSV ou XLSX.`);
    const signIn = await request(t.http).get('/login');
    const signInCsrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)![1];
    const cookies = signIn.headers['set-cookie'];
    const wrong = await request(t.http)
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({ _csrf: signInCsrf, email: 'admin@test.local', password: 'not-the-password' })
      .expect(401);
    expect(wrong.text).toContain('Adresse électronique ou mot de passe incorrect.');

    const en = await agent
      .post('/objectives/12-1?lang=en')
      .type('form')
      .send({ _csrf: formCsrf, form: `record-${teleconsultation}`, value: 'abc', observedAt: '2024-01-31', source: 's' })
      .expect(400);
    expect(en.text).toContain('Value: enter a number, for example 1234.5');
  });
});
