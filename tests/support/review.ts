import request from 'supertest';
import { parsePeriod } from '@app/common';
import { ReviewPeriodRecord, ReviewsRepository, RoadmapRepository, Transactor, UsersRepository } from '@app/persistence';
import { defaultDeadline, EMPTY_CONTENT, opensOn, UpdateContent, UpdateState } from '@app/review';
import { ADMIN, TestApp } from './app';

/**
 * Review rows written straight through the ReviewsRepository, inside a Transactor unit, as the review
 * service writes them: a period and objectives' updates with their event history. The publishing
 * tests use it to set up a review without going through the review API.
 */
export interface UpdateSeed {
  code: string;
  state: UpdateState;
  content: Partial<UpdateContent>;
  /** When it was submitted (and validated, for a validated one); default: the test clock's now. */
  submittedAt?: string;
  validatedAt?: string;
}

const repos = async (t: TestApp) => ({
  reviews: t.app.get(ReviewsRepository),
  roadmap: t.app.get(RoadmapRepository),
  tx: t.app.get(Transactor),
  adminId: (await t.app.get(UsersRepository).findByEmail(ADMIN.email))!.id,
});

export async function openReviewPeriod(t: TestApp, period: string, deadline?: string): Promise<ReviewPeriodRecord> {
  const { reviews, tx, adminId } = await repos(t);
  const p = parsePeriod(period);
  return tx.run(() =>
    reviews.insertPeriod({
      period: p.id,
      granularity: p.kind,
      startDate: p.start,
      endDate: p.end,
      opensOn: opensOn(p),
      deadline: deadline ?? defaultDeadline(p, 15),
      state: 'open',
      openedAt: t.clock.now().toISOString(),
      openedBy: adminId,
    }),
  );
}

/** Writes an update in the given state, with the events that took it there (save, submit, validate). */
export async function seedUpdate(t: TestApp, period: string, seed: UpdateSeed): Promise<void> {
  const { reviews, roadmap, tx, adminId } = await repos(t);
  const row = (await reviews.findPeriod(period))!;
  const objectiveId = roadmap.structure().objectivesByCode.get(seed.code)!.id;
  const content: UpdateContent = { ...EMPTY_CONTENT, ...seed.content };
  const now = t.clock.now().toISOString();
  const submittedAt = seed.state === 'draft' ? null : (seed.submittedAt ?? now);
  const validatedAt = seed.state === 'validated' ? (seed.validatedAt ?? submittedAt) : null;
  await tx.run(async () => {
    const u = await reviews.insertUpdate({
      reviewPeriodId: row.id,
      objectiveId,
      state: seed.state,
      ...content,
      version: 1,
      createdBy: adminId,
      createdAt: now,
      updatedBy: adminId,
      updatedAt: now,
      submittedBy: submittedAt ? adminId : null,
      submittedAt,
      validatedBy: validatedAt ? adminId : null,
      validatedAt,
    });
    const event = (action: 'save' | 'submit' | 'validate' | 'return', fromState: string | null, toState: string, at: string) =>
      reviews.insertEvent({ updateId: u.id, action, fromState, toState, reason: null, content, userId: adminId, at });
    await event('save', null, 'draft', now);
    if (submittedAt) await event('submit', 'draft', 'submitted', submittedAt);
    if (seed.state === 'returned') await event('return', 'submitted', 'returned', submittedAt!);
    if (validatedAt) await event('validate', 'submitted', 'validated', validatedAt);
  });
}

/**
 * Changes an update's row after validation. With a reason it is a revision (a `revise` event, marked
 * "revised after validation"); without one, a change no validation covers (a later draft), which
 * the published report must not show.
 */
export async function changeUpdate(t: TestApp, period: string, code: string, changes: Partial<UpdateContent>, reason: string | null): Promise<void> {
  const { reviews, roadmap, tx, adminId } = await repos(t);
  const row = (await reviews.findPeriod(period))!;
  const u = (await reviews.findUpdate(row.id, roadmap.structure().objectivesByCode.get(code)!.id))!;
  const now = t.clock.now().toISOString();
  const content: UpdateContent = {
    confidence: u.confidence,
    progress: u.progress,
    difficulties: u.difficulties,
    nextSteps: u.nextSteps,
    decisionsNeeded: u.decisionsNeeded,
    dataNote: u.dataNote,
    ...changes,
  };
  await tx.run(async () => {
    await reviews.changeUpdate(u.id, u.version, { ...content, updatedAt: now, ...(reason ? { revisedAfterValidationAt: now } : {}) });
    await reviews.insertEvent({
      updateId: u.id,
      action: reason ? 'revise' : 'save',
      fromState: u.state,
      toState: u.state,
      reason,
      content,
      userId: adminId,
      at: now,
    });
  });
}

/**
 * The same through the review API (review-core): people with known passwords, so a test that moves
 * the clock past a token's lifetime signs in again, and each step done by whom the rules want.
 */
export class ReviewPeople {
  private readonly passwords = new Map<string, string>();
  private static counter = 0;

  constructor(private readonly t: TestApp) {}

  /** Creates an editor for `body` (key: the body) or a validator (key: 'validator'). */
  async add(key: string, role: 'editor' | 'validator', bodies: string[] = []): Promise<void> {
    const n = ++ReviewPeople.counter;
    const email = `${key.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${n}@review.test`;
    const password = `review-password-${n}-xyz`;
    const res = await request(this.t.http)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${await this.t.login()}`)
      .send({ email, name: `${key} ${n}`, password, role, bodies });
    if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.passwords.set(key, `${email}\n${password}`);
  }

  /** Authorization headers for a fresh sign-in of `key` ('admin' for the administrator). */
  async as(key: string): Promise<{ Authorization: string }> {
    if (key === 'admin') return { Authorization: `Bearer ${await this.t.login()}` };
    const [email, password] = this.passwords.get(key)!.split('\n');
    return { Authorization: `Bearer ${await this.t.login(email, password)}` };
  }

  /** The lead body's editor saves the update, then submits it, then the validator validates it (as far as `to`). */
  async update(period: string, code: string, body: string, content: Partial<UpdateContent>, to: 'draft' | 'submitted' | 'validated'): Promise<void> {
    const url = `/api/v1/reviews/${period}/objectives/${code}`;
    await expectStatus(
      request(this.t.http)
        .put(url)
        .set(await this.as(body))
        .send(content),
      200,
    );
    if (to === 'draft') return;
    await expectStatus(
      request(this.t.http)
        .post(`${url}/submit`)
        .set(await this.as(body)),
      200,
    );
    if (to === 'submitted') return;
    await expectStatus(
      request(this.t.http)
        .post(`${url}/validate`)
        .set(await this.as('validator')),
      200,
    );
  }
}

async function expectStatus(req: request.Test, status: number): Promise<request.Response> {
  const res = await req;
  if (res.status !== status) throw new Error(`${req.url}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
