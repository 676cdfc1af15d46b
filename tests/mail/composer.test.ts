import { describe, expect, it } from 'vitest';
import { loadConfig } from '@app/config';
import { MailComposer } from '../../apps/server/src/mail/mail-composer';

/** The mails' words: subjects per kind, language and period granularity, French typography, escaping. */
const composer = new MailComposer(loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: 'https://fdr.example.fr/' }));
const to = { name: 'Dominique <Admin>', email: 'd@x.fr' };
const objectivesByBody = [{ body: 'CNAM', objectives: [{ code: '1-2', title: 'Envoi des ordonnances' }] }];
const NB = '\u00a0';

describe('subjects', () => {
  it.each([
    [
      'review-opened',
      'fr',
      { period: '2026-Q4', deadline: '2027-01-15' },
      `Revue du 4ᵉ trimestre 2026${NB}: vos points de situation sont attendus d’ici le 15 janvier 2027`,
    ],
    [
      'review-opened',
      'fr',
      { period: '2026-11', deadline: '2026-12-01' },
      `Revue de novembre 2026${NB}: vos points de situation sont attendus d’ici le 1er décembre 2026`,
    ],
    [
      'review-opened',
      'fr',
      { period: '2026', deadline: '2027-01-15' },
      `Revue de l’année 2026${NB}: vos points de situation sont attendus d’ici le 15 janvier 2027`,
    ],
    ['review-opened', 'en', { period: '2026-H2', deadline: '2027-01-15' }, 'Review of H2 2026: your updates are due by 15 January 2027'],
    ['review-opened', 'en', { period: '2026', deadline: '2027-01-15' }, 'Review of 2026: your updates are due by 15 January 2027'],
    ['update-submitted', 'fr', { period: '2026-Q4', code: '1-2' }, `Point de situation à valider${NB}: objectif 1-2 (4ᵉ trimestre 2026)`],
    ['update-returned', 'en', { period: '2026-Q4', code: '1-2' }, 'Update returned: objective 1-2 (Q4 2026)'],
    ['update-validated', 'fr', { period: '2026-Q4', code: '1-2' }, `Point de situation validé${NB}: objectif 1-2 (4ᵉ trimestre 2026)`],
    [
      'deadline-near',
      'fr',
      { period: '2026-Q4', deadline: '2027-01-15', today: '2027-01-14', objectivesByBody },
      `Rappel${NB}: date limite dans 1 jour pour la revue du 4ᵉ trimestre 2026`,
    ],
    [
      'deadline-near',
      'en',
      { period: '2026-Q4', deadline: '2027-01-15', today: '2027-01-10', objectivesByBody },
      'Reminder: deadline in 5 days for the review of Q4 2026',
    ],
    [
      'deadline-day',
      'fr',
      { period: '2026-Q4', deadline: '2027-01-15', today: '2027-01-15', objectivesByBody },
      `Revue du 4ᵉ trimestre 2026${NB}: 1 point de situation en retard`,
    ],
    ['deadline-day', 'en', { period: '2026-Q4', deadline: '2027-01-15', today: '2027-01-15', objectivesByBody }, 'Review of Q4 2026: 1 update late'],
    [
      'weekly-digest',
      'fr',
      { body: 'CNAM', today: '2027-01-11', stale: [], milestonesDue: [], bodyPath: '/bodies/cnam' },
      `Synthèse de la semaine pour CNAM${NB}: indicateurs à actualiser et jalons à venir`,
    ],
  ] as const)('%s in %s (%j) → %s', (template, lang, data, subject) => {
    expect(composer.compose(template, lang, to, data).subject).toBe(subject);
  });
});

describe('bodies', () => {
  it('escape what people wrote in the HTML, keep it as written in the text, and link to PUBLIC_URL', () => {
    const m = composer.compose('update-returned', 'fr', to, {
      period: '2026-Q4',
      deadline: '2027-01-15',
      code: '1-2',
      title: 'T',
      by: 'V',
      reason: '<b>plus</b> & "moins"',
    });
    expect(m.html).toContain('Bonjour Dominique &lt;Admin&gt;,');
    expect(m.html).toContain('&lt;b&gt;plus&lt;/b&gt; &amp; &quot;moins&quot;');
    expect(m.html).not.toContain('<b>plus</b>');
    expect(m.text).toContain('<b>plus</b> & "moins"');
    expect(m.html).toContain('href="https://fdr.example.fr/revue"');
    expect(m.text).toContain(`Ouvrir « Ma revue »${NB}: https://fdr.example.fr/revue`.replace('« ', `«${NB}`).replace(' »', `${NB}»`));
    expect(m.text).toContain('Complétez-le puis transmettez-le de nouveau avant le 15 janvier 2027.');
  });

  it('say on the deadline day that it is today, and after it that it has passed', () => {
    const today = composer.compose('deadline-day', 'en', to, { period: '2026-Q4', deadline: '2027-01-15', today: '2027-01-15', objectivesByBody });
    const after = composer.compose('deadline-day', 'en', to, { period: '2026-Q4', deadline: '2027-01-15', today: '2027-01-18', objectivesByBody });
    expect(today.text).toContain('Today, 15 January 2027, is the collection deadline');
    expect(after.text).toContain('The collection deadline of the review of Q4 2026 was 15 January 2027.');
    expect(after.text).toContain('  - 1-2 — Envoi des ordonnances');
  });
});
