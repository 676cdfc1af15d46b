import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/app';
import { countRows, recordedState } from '../support/db';
import { ReviewPagesService } from '../../apps/server/src/web/review-pages.service';

/**
 * The review's web pages on the real app (supertest, sessions signed in through the sign-in form):
 * who sees which page, the forms of /revue and of an update's page going through ReviewsService
 * (save, submit, return, validate, revise, contribute), refused forms keeping what was typed, CSRF,
 * and commentary text escaped wherever it is shown. DGOS leads 15-4; DNS contributes to it.
 */
let t: TestApp;
const PASSWORD = 'a-long-enough-password';
const PAGE = '/revue/2025-Q4/15-4';
type Agent = ReturnType<typeof request.agent>;
const agents: Record<string, Agent> = {};

async function webAgent(email: string, password = PASSWORD): Promise<Agent> {
  const agent = request.agent(t.http);
  const login = await agent.get('/login');
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(login.text), email, password })
    .expect(303);
  return agent;
}
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/** Posts a form of a page with that page's CSRF token. */
async function post(who: string, path: string, form: Record<string, string>) {
  const page = await agents[who].get(path);
  return agents[who]
    .post(path)
    .type('form')
    .send({ _csrf: csrfOf(page.text), ...form });
}
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1];

beforeAll(async () => {
  t = await startTestApp({ now: '2026-01-05T10:00:00.000Z' });
  const admin = await t.login();
  for (const [email, name, role, bodies] of [
    ['validatrice@dns.fr', 'Valérie Validatrice', 'validator', []],
    ['redacteur@dgos.fr', 'Denis Dgos', 'editor', ['DGOS']],
    ['redactrice@dns.fr', 'Nadia Dns', 'editor', ['DNS']],
    ['agent@cnam.fr', 'Agent Cnam', 'editor', ['CNAM']],
    ['lecteur@dns.fr', 'Léo Lecteur', 'viewer', []],
  ] as const) {
    await request(t.http).post('/api/v1/users').set('Authorization', `Bearer ${admin}`).send({ email, name, password: PASSWORD, role, bodies }).expect(201);
  }
  agents.admin = await webAgent(ADMIN.email, ADMIN.password);
  agents.validator = await webAgent('validatrice@dns.fr');
  agents.dgos = await webAgent('redacteur@dgos.fr');
  agents.dns = await webAgent('redactrice@dns.fr');
  agents.cnam = await webAgent('agent@cnam.fr');
  agents.viewer = await webAgent('lecteur@dns.fr');
}, 60_000);
afterAll(async () => t?.close());

describe('/revue before any review is open', () => {
  it('sends someone not signed in to the sign-in page', async () => {
    const res = await request(t.http).get('/revue').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Frevue');
  });

  it('is in the navigation of every signed-in user, and says no review is open', async () => {
    for (const who of ['admin', 'validator', 'dgos', 'viewer']) {
      const res = await agents[who].get('/revue').expect(200);
      expect(res.text).toContain('<a class="fr-nav__link" href="/revue" aria-current="page">Revue</a>');
      expect(res.text).toContain('<h1>Ma revue</h1>');
      expect(res.text).toContain('Aucune revue n’est ouverte pour le moment.');
    }
    expect((await agents.dgos.get('/').expect(200)).text).toContain('href="/revue" >Revue</a>');
  });

  it('offers the opening form to admins only, with the period due suggested', async () => {
    const admin = (await agents.admin.get('/revue').expect(200)).text;
    expect(admin).toContain('Ouvrir une revue');
    expect(admin).toMatch(/id="open-period" name="period" type="text" value="2025-Q4"/);
    expect((await agents.dgos.get('/revue').expect(200)).text).not.toContain('Ouvrir une revue');
    const validator = (await agents.validator.get('/revue').expect(200)).text;
    expect(validator).toContain('href="/revue/validation"');
    expect(validator).toContain('Aucun point de situation n’attend de validation.');
    expect((await agents.dgos.get('/revue').expect(200)).text).not.toContain('href="/revue/validation"');
  });

  it('answers 404 for a period not opened or an objective not known, 400 for what is not a period', async () => {
    const res = await agents.dgos.get(PAGE).expect(404);
    expect(res.text).toContain('Page non trouvée');
    await agents.dgos.get('/revue/2025-Q4').expect(404);
    const bad = await agents.dgos.get('/revue/trimestre-4').expect(400);
    expect(bad.text).toContain('trimestre-4');
  });

  it('says the days left, the last day, or how late', () => {
    const pages = t.app.get(ReviewPagesService);
    expect(pages.timing(12, 'fr')).toEqual({ text: '12 jours restants', late: false });
    expect(pages.timing(1, 'fr')).toEqual({ text: '1 jour restant', late: false });
    expect(pages.timing(0, 'fr')).toEqual({ text: 'dernier jour aujourd’hui', late: false });
    expect(pages.timing(-1, 'fr')).toEqual({ text: 'en retard de 1 jour', late: true });
    expect(pages.timing(-3, 'en')).toEqual({ text: '3 days late', late: true });
  });
});

describe('opening a period from /revue', () => {
  it('refuses a form without its CSRF token, and writes nothing', async () => {
    const before = await recordedState(t.database);
    const res = await agents.admin.post('/revue').type('form').send({ form: 'open', period: '2025-Q4' }).expect(403);
    expect(res.text).toContain('Formulaire expiré');
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('refuses a non-admin (403) and writes nothing', async () => {
    const before = await recordedState(t.database);
    await post('dgos', '/revue', { form: 'open', period: '2025-Q4' }).then((r) => expect(r.status).toBe(403));
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('shows every problem, linked to its field, and keeps what was typed', async () => {
    const before = await recordedState(t.database);
    const res = await post('admin', '/revue', { form: 'open', period: '2025-Q9', deadline: '2025-13-40' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<title>Erreur');
    expect(res.text).toContain('href="#open-period"');
    expect(res.text).toContain('href="#open-deadline"');
    expect(res.text).toMatch(/id="open-period" name="period" type="text" value="2025-Q9"/);
    expect(res.text).toMatch(/id="open-deadline" name="deadline" type="date" value="2025-13-40"/);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('opens the period and lands on its overview', async () => {
    const res = await post('admin', '/revue', { form: 'open', period: '2025-Q4', deadline: '2026-01-20' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/revue/2025-Q4?done=opened');
    expect(await countRows(t.database, 'review_periods', "period = '2025-Q4' AND deadline = '2026-01-20'")).toBe(1);
    const page = await agents.admin.get(res.headers.location).expect(200);
    expect(page.text).toContain('La revue est ouverte.');
    expect(page.text).toContain('Vue d’ensemble\u00a0: 4e trimestre 2025'.replace('4e', page.text.match(/(4\S*) trimestre 2025/)![1]));
  });

  it('says so when the period is already open', async () => {
    const res = await post('admin', '/revue', { form: 'open', period: '2025-Q4' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('déjà ouverte');
    expect(res.text).toContain('href="#open-period"');
  });
});

describe('Ma revue once 2025-Q4 is open', () => {
  it('lists the objectives DGOS leads, each with its state, computed status and rating, progress and days left', async () => {
    const res = await agents.dgos.get('/revue').expect(200);
    expect(res.text).toContain('Objectifs pilotés par DGOS');
    expect(res.text).toMatch(/<strong>0 sur \d+ transmis<\/strong> \(DGOS\)/);
    expect(res.text).toContain('15 jours restants');
    expect(res.text).toContain(`href="${PAGE}"`);
    expect(res.text).toContain('Non commencé');
  });

  it('lists, for DNS, the objectives it contributes to with a link to add a contribution', async () => {
    const res = await agents.dns.get('/revue').expect(200);
    expect(res.text).toContain('Objectifs auxquels DNS contribue');
    expect(res.text).toContain(`href="${PAGE}#contributions"`);
  });
});

describe("an objective's update page", () => {
  it('offers DGOS the rating (four levels with their hints), five commentary sections with counters, save and submit', async () => {
    const res = await agents.dgos.get(PAGE).expect(200);
    const html = res.text;
    for (const level of ['secured', 'watch', 'difficulties', 'compromised'])
      expect(html).toContain(`id="update-confidence-${level}" name="confidence" value="${level}"`);
    expect(html).toContain('l’objectif ne sera pas tenu sans décision');
    for (const s of ['progress', 'difficulties', 'nextSteps', 'decisionsNeeded', 'dataNote']) expect(html).toContain(`id="update-${s}" name="${s}"`);
    expect(html).toContain('0 caractères sur 4\u202f000');
    expect(html).toContain('Enregistrer le brouillon');
    expect(html).toContain('Transmettre pour validation');
    expect(html).toMatch(/name="form" value="record-\d+"/);
    expect(html).not.toContain('name="form" value="validate"');
  });

  it('records a value and a milestone progress from the page, through the objective page forms, and comes back', async () => {
    const page = (await agents.dgos.get(PAGE).expect(200)).text;
    const indicator = /name="form" value="record-(\d+)"/.exec(page)![1];
    const milestone = /name="form" value="milestone-(\d+)"/.exec(page)![1];
    expect(page).toContain(`<input type="hidden" name="back" value="${PAGE}">`);
    const record = await agents.dgos
      .post('/objectives/15-4')
      .type('form')
      .send({ _csrf: csrfOf(page), form: `record-${indicator}`, back: PAGE, value: '1,5', observedAt: '2025-12-31', source: 'DGOS, enquête' });
    expect(record.status).toBe(303);
    expect(record.headers.location).toBe(`${PAGE}?done=recorded#records`);
    const after = (await agents.dgos.get(`${PAGE}?done=recorded`).expect(200)).text;
    expect(after).toContain('Valeur enregistrée.');
    expect(after).toMatch(/<td>31 décembre 2025<\/td><td>1,5\s?%<\/td><td>Denis Dgos<\/td>/);
    const progress = await agents.dgos
      .post('/objectives/15-4')
      .type('form')
      .send({ _csrf: csrfOf(page), form: `milestone-${milestone}`, back: PAGE, state: 'in_progress' });
    expect(progress.headers.location).toBe(`${PAGE}?done=milestone#milestones`);
    // Anywhere else than this update's page is not followed: the objective page, as before.
    const elsewhere = await agents.dgos
      .post('/objectives/15-4')
      .type('form')
      .send({ _csrf: csrfOf(page), form: `milestone-${milestone}`, back: 'https://example.org/revue/2025-Q4/15-4', state: 'in_progress' });
    expect(elsewhere.headers.location).toBe(`/objectives/15-4?saved=1#milestone-${milestone}`);
  });

  it('shows a viewer the page without any form but the sign-out', async () => {
    const html = (await agents.viewer.get(PAGE).expect(200)).text;
    expect(html).not.toContain('name="form" value="update"');
    expect(html).not.toContain('name="form" value="contribution"');
    expect(html).toContain('Seuls les rédacteurs de DGOS rédigent ce point de situation.');
  });

  it('refuses another body’s editor (403) and writes nothing', async () => {
    const before = await recordedState(t.database);
    const res = await post('cnam', PAGE, { form: 'update', action: 'save', progress: 'x', version: '0' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('rédigé par son pilote, DGOS');
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('answers 404 to a form it does not have, 404 on an objective not known', async () => {
    const before = await recordedState(t.database);
    expect((await post('dgos', PAGE, { form: 'delete' })).status).toBe(404);
    const page = await agents.dgos.get(PAGE);
    expect(
      (
        await agents.dgos
          .post('/revue/2025-Q4/99-9')
          .type('form')
          .send({ _csrf: csrfOf(page.text), form: 'update' })
      ).status,
    ).toBe(404);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('refuses a form without CSRF token', async () => {
    const before = await recordedState(t.database);
    await agents.dgos.post(PAGE).type('form').send({ form: 'update', action: 'save', progress: 'x' }).expect(403);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('refuses a section over 4 000 characters, naming it, keeping every text typed', async () => {
    const before = await recordedState(t.database);
    const res = await post('dgos', PAGE, { form: 'update', action: 'save', version: '0', progress: 'a'.repeat(4001), nextSteps: 'Déployer en mars' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('href="#update-progress"');
    expect(res.text).toContain('4\u202f001 caractères sur 4\u202f000\u00a0: 1 de trop');
    expect(res.text).toContain('>Déployer en mars</textarea>');
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('saves a draft with hostile text, and shows it back as text', async () => {
    const res = await post('dgos', PAGE, {
      form: 'update',
      action: 'save',
      version: '0',
      confidence: 'watch',
      difficulties: '<script>alert(1)</script> **retard** du marché',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${PAGE}?done=saved`);
    const html = (await agents.dgos.get(res.headers.location).expect(200)).text;
    expect(html).toContain('Brouillon enregistré.');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; **retard** du marché</textarea>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toMatch(/id="update-confidence-watch" name="confidence" value="watch" checked/);
    expect(versionOf(html)).toBe('1');
  });

  it('refuses to submit without the progress made: the draft is kept, the error links to its field', async () => {
    const res = await post('dgos', PAGE, { form: 'update', action: 'submit', version: '1', confidence: 'watch', difficulties: 'Retard du marché' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('href="#update-progress"');
    expect(res.text).toContain('dites en quelques lignes ce qui a avancé');
    // Saved as a draft on the way: the form goes on from the new version.
    expect(versionOf(res.text)).toBe('2');
    expect(await countRows(t.database, 'objective_updates', "state = 'draft'")).toBe(1);
  });

  it('says when someone else saved in between (stale version), keeping the text typed', async () => {
    const before = await recordedState(t.database);
    const res = await post('dgos', PAGE, { form: 'update', action: 'save', version: '1', progress: 'Mon texte' });
    expect(res.status).toBe(409);
    // In the summary at the top, and in the form itself (it belongs to no field).
    expect(res.text.match(/a été modifié entre-temps/g)).toHaveLength(2);
    expect(res.text).toContain('>Mon texte</textarea>');
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('submits: the update leaves the editor’s hands and enters the validation queue', async () => {
    const res = await post('dgos', PAGE, {
      form: 'update',
      action: 'submit',
      version: '2',
      confidence: 'difficulties',
      progress: 'Le **connecteur** est livré.\n\n- étape 1\n- étape 2',
      decisionsNeeded: 'Arbitrage du COMEX sur le financement',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${PAGE}?done=submitted`);
    const html = (await agents.dgos.get(PAGE).expect(200)).text;
    expect(html).not.toContain('name="form" value="update"');
    expect(html).toContain('en attente de validation');
    expect(html).toContain('<strong>connecteur</strong>');
    expect(html).toContain('<li>étape 1</li>');
    expect((await agents.validator.get('/revue').expect(200)).text).toContain('1 point de situation attend une validation');
    const queue = (await agents.validator.get('/revue/validation').expect(200)).text;
    expect(queue).toContain(`href="${PAGE}"`);
    expect(queue).toContain('Denis Dgos');
    expect(queue).toContain('En difficulté');
  });

  it('keeps the validation queue from editors and viewers (403)', async () => {
    await agents.dgos.get('/revue/validation').expect(403);
    await agents.viewer.get('/revue/validation').expect(403);
  });

  it('refuses a return without a reason, on its field', async () => {
    const before = await recordedState(t.database);
    const res = await post('validator', PAGE, { form: 'return', reason: '  ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('href="#return-reason"');
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('refuses validation by an editor (403)', async () => {
    const before = await recordedState(t.database);
    const res = await post('dgos', PAGE, { form: 'validate' });
    expect(res.status).toBe(403);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('returns it with a reason the editor then reads at the top, with who and when', async () => {
    const res = await post('validator', PAGE, { form: 'return', reason: 'Précisez <b>qui</b> arbitre, et quand.' });
    expect(res.status).toBe(303);
    const html = (await agents.dgos.get(PAGE).expect(200)).text;
    expect(html).toContain('Point de situation renvoyé');
    expect(html).toContain('Renvoyé par Valérie Validatrice le 5 janvier 2026');
    expect(html).toContain('Précisez &lt;b&gt;qui&lt;/b&gt; arbitre, et quand.');
    expect(html).toContain('name="form" value="update"');
    expect(html).toContain('Transmis → Renvoyé');
  });

  it('lets DNS add a signed contribution, refusing an empty one', async () => {
    const empty = await post('dns', PAGE, { form: 'contribution', text: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('href="#contribution-text"');
    const res = await post('dns', PAGE, { form: 'contribution', text: 'La DNS <i>finance</i> le connecteur.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${PAGE}?done=contributed#contributions`);
    const html = (await agents.dgos.get(PAGE).expect(200)).text;
    expect(html).toContain('DNS, par Nadia Dns');
    expect(html).toContain('La DNS &lt;i&gt;finance&lt;/i&gt; le connecteur.');
  });

  it('resubmits after the fix, and a validator validates it', async () => {
    const page = (await agents.dgos.get(PAGE).expect(200)).text;
    const res = await post('dgos', PAGE, {
      form: 'update',
      action: 'submit',
      version: versionOf(page)!,
      confidence: 'difficulties',
      progress: 'Le **connecteur** est livré.',
      decisionsNeeded: 'Le COMEX arbitre le financement en février.',
    });
    expect(res.status).toBe(303);
    const own = (await agents.validator.get(PAGE).expect(200)).text;
    expect(own).toContain('name="form" value="validate"');
    expect((await post('validator', PAGE, { form: 'validate' })).status).toBe(303);
    const html = (await agents.dgos.get(`${PAGE}?done=validated`).expect(200)).text;
    expect(html).toContain('Point de situation validé.');
    expect(html).toContain('Validé par Valérie Validatrice');
    expect(await countRows(t.database, 'objective_updates', "state = 'validated'")).toBe(1);
  });

  it('asks for the reason of a revision after validation, then marks it revised', async () => {
    const page = (await agents.dgos.get(PAGE).expect(200)).text;
    expect(page).toContain('Motif de la révision');
    expect(page).toContain('Enregistrer la révision');
    const form = {
      form: 'update',
      action: 'save',
      version: versionOf(page)!,
      confidence: 'difficulties',
      progress: 'Le connecteur est livré et déployé.',
      difficulties: '<script>alert(1)</script> **retard** du marché',
    };
    const before = await recordedState(t.database);
    const refused = await post('dgos', PAGE, form);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#update-reason"');
    expect(refused.text).toContain('>Le connecteur est livré et déployé.</textarea>');
    expect(await recordedState(t.database)).toEqual(before);
    const res = await post('dgos', PAGE, { ...form, reason: 'Déploiement confirmé le 3 janvier' });
    expect(res.status).toBe(303);
    const html = (await agents.dgos.get(res.headers.location).expect(200)).text;
    expect(html).toContain('Révisé après validation');
    expect(html).toContain('Déploiement confirmé le 3 janvier');
  });

  it('asks, on the objective page, the reason for a new value dated in the validated period, then records it as a revision', async () => {
    const page = (await agents.dgos.get('/objectives/15-4').expect(200)).text;
    const indicator = /name="form" value="record-(\d+)"/.exec(page)![1];
    const form = { _csrf: csrfOf(page), form: `record-${indicator}`, value: '1,7', observedAt: '2025-11-30', source: 'DGOS, enquête' };
    const before = await recordedState(t.database);
    const refused = await agents.dgos.post('/objectives/15-4').type('form').send(form);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`href="#record-${indicator}-reason"`);
    expect(refused.text).toMatch(/appartient à la période 4ᵉ trimestre 2025|appartient à la période 2025-Q4/);
    expect(refused.text).toContain('value="DGOS, enquête"');
    expect(await recordedState(t.database)).toEqual(before);
    const res = await agents.dgos
      .post('/objectives/15-4')
      .type('form')
      .send({ ...form, reason: 'Chiffre de novembre reçu après la validation' });
    expect(res.status).toBe(303);
    const update = (await agents.dgos.get(PAGE).expect(200)).text;
    expect(update).toContain('Chiffre de novembre reçu après la validation');
  });
});

describe('the overview and the objective page', () => {
  it('draws the bodies × objectives grid with each state written, a legend, completeness and the table', async () => {
    const html = (await agents.viewer.get('/revue/2025-Q4').expect(200)).text;
    expect(html).toContain('Points de situation par organisme pilote');
    expect(html).toMatch(
      /class="fdr-review-cell fdr-review-cell--validated" href="\/revue\/2025-Q4\/15-4"><span class="fdr-code">15-4<\/span> <span class="fdr-review-cell__state">Validé<\/span>/,
    );
    expect(html).toContain('Légende');
    expect(html).toContain('Complétude par organisme');
    expect(html).toContain('Tableau des points de situation');
    expect(html).toMatch(/<th scope="row">DGOS<\/th><td>1 \/ \d+<\/td>/);
  });

  it('shows the validated commentary on the objective page, rendered and escaped', async () => {
    const html = (await agents.viewer.get('/objectives/15-4').expect(200)).text;
    expect(html).toContain('Points de situation');
    expect(html).toMatch(/<a class="fr-link" href="\/revue\/2025-Q4\/15-4">Point de situation en cours\u00a0: 4\S* trimestre 2025<\/a>/);
    expect(html).toContain('4e trimestre 2025'.replace('4e', html.match(/(4\S*) trimestre 2025/)![1]));
    expect(html).toContain('Le connecteur est livré et déployé.');
    expect(html).toContain('Validé par Valérie Validatrice');
    expect(html).toContain('En difficulté');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; <strong>retard</strong> du marché');
  });

  it('offers admins the closing form, refused while updates are not validated unless closing anyway', async () => {
    const page = (await agents.admin.get('/revue/2025-Q4').expect(200)).text;
    expect(page).toContain('Clôturer la revue');
    expect(page).toMatch(/64 points de situation sur 65 ne sont pas validés\./);
    expect(page).toContain('id="close-force" name="force" value="true"');
    expect((await agents.admin.get('/revue').expect(200)).text).toContain('href="/revue/2025-Q4#close"');
    expect((await agents.validator.get('/revue/2025-Q4').expect(200)).text).not.toContain('name="form" value="close"');
    const before = await recordedState(t.database);
    expect((await post('validator', '/revue/2025-Q4', { form: 'close', force: 'true' })).status).toBe(403);
    const refused = await post('admin', '/revue/2025-Q4', { form: 'close' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('64 points de situation ne sont pas validés');
    expect(refused.text).toContain('clôturez quand même');
    expect(await recordedState(t.database)).toEqual(before);
    expect(await countRows(t.database, 'review_periods', "state = 'closed'")).toBe(0);
  });

  it('reads in English with ?lang=en', async () => {
    const html = (await agents.viewer.get('/revue/2025-Q4?lang=en').expect(200)).text;
    expect(html).toContain('Overview: Q4 2025');
    expect(html).toContain('Updates by lead body');
    const home = (await agents.viewer.get('/revue?lang=en').expect(200)).text;
    expect(home).toContain('<h1>My review</h1>');
    await agents.viewer.get('/revue?lang=fr').expect(200);
  });

  it('lists the review pages in the site map', async () => {
    const html = (await agents.validator.get('/plan-du-site').expect(200)).text;
    expect(html).toContain('<a href="/revue">Ma revue</a>');
    expect(html).toContain('<a href="/revue/validation">File de validation</a>');
  });
});

describe('with PUBLIC_READ=true', () => {
  it('still sends someone not signed in from the review pages to the sign-in page', async () => {
    const open = await startTestApp({ env: { PUBLIC_READ: 'true' } });
    try {
      await request(open.http).get('/roadmap').expect(200);
      for (const path of ['/revue', '/revue/validation', '/revue/2025-Q4', '/revue/2025-Q4/15-4']) {
        const res = await request(open.http).get(path).expect(303);
        expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
    } finally {
      await open.close();
    }
  });
});
