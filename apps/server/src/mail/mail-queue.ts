import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { OutboxRepository, RoadmapRepository, UserRecord, UsersRepository } from '@app/persistence';
import type { MailTemplate } from '@app/presentation';
import type { MailRecipient } from '@app/review';
import { MailComposer, MailData } from './mail-composer';

export type Person = MailRecipient & { name: string };

/**
 * Queues mails: rendered in the recipient's language and written to the outbox in the caller's
 * transaction, once per key (`<template>:<occasion>:<user id>`), however often the caller runs.
 */
@Injectable()
export class MailQueue {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly composer: MailComposer,
    private readonly users: UsersRepository,
    private readonly roadmap: RoadmapRepository,
    private readonly clock: Clock,
  ) {}

  /** Everyone who could receive mail, as the rules of @app/review read them (disabled ones included: the rules skip them). */
  async people(): Promise<Person[]> {
    return (await this.users.list()).map(toPerson);
  }

  async person(id: number): Promise<Person | undefined> {
    const u = await this.users.findById(id);
    return u && toPerson(u);
  }

  /** An objective's code, title (in `lang`) and lead body. */
  objective(code: string, lang: 'fr' | 'en'): { id: number; code: string; title: string; leadBody: string } | undefined {
    const o = this.roadmap.structure(lang).objectivesByCode.get(code);
    return o && { id: o.id, code: o.code, title: o.title, leadBody: o.leadBody };
  }

  /** For each of `bodies`, the objectives it leads (in `lang`), restricted to `only` when given; bodies without any are left out. */
  objectivesByBody(bodies: readonly string[], lang: 'fr' | 'en', only?: ReadonlyMap<string, readonly string[]>): MailData['objectivesByBody'] {
    const s = this.roadmap.structure(lang);
    return [...bodies]
      .sort()
      .map((body) => ({
        body,
        objectives: s.objectives
          .filter((o) => o.leadBody === body && (!only || only.get(body)?.includes(o.code)))
          .map((o) => ({ code: o.code, title: o.title })),
      }))
      .filter((b) => b.objectives.length > 0);
  }

  /** Queues one mail; false when a mail with this key was queued already. Rendering is synchronous: a unit of work awaits only the insert. */
  async queue(template: MailTemplate, occasion: string, to: Person, data: MailData): Promise<boolean> {
    const mail = this.composer.compose(template, to.lang, { name: to.name, email: to.email }, data);
    return this.outbox.enqueue(
      { key: `${template}:${occasion}:${to.id}`, template, userId: to.id, toAddress: to.email, lang: to.lang, ...mail },
      this.clock.now().toISOString(),
    );
  }
}

function toPerson(u: UserRecord): Person {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    bodies: u.bodies,
    disabled: !!u.disabledAt,
    remindersEnabled: u.remindersEnabled,
    lang: u.lang,
  };
}
