import { and, eq, isNull, notInArray } from 'drizzle-orm';
import type { RoadmapData } from '@app/roadmap';
import type { Tables } from '@db/schema';
import { changedRows, Database, Db } from './database';

export interface SyncSummary {
  inserted: number;
  updated: number;
  retired: number;
}

/**
 * Writes the roadmap data file into the database in one transaction. Rows are matched by their
 * natural keys (acronym, number, code, indicator/milestone key, target position), so a second run
 * with the same file changes nothing, and a changed file updates titles (English and French), bodies,
 * targets and declared baselines in place.
 * Indicators and milestones that left the file are retired, not deleted: measurements and milestone
 * updates recorded against them stay in the database.
 */
export async function syncRoadmap(database: Database, data: RoadmapData, now: () => string = () => new Date().toISOString()): Promise<SyncSummary> {
  const summary: SyncSummary = { inserted: 0, updated: 0, retired: 0 };

  /** Inserts or updates one row; counts only real changes. */
  async function upsert(
    existing: { id: number } | undefined,
    wanted: Record<string, unknown>,
    insert: () => Promise<{ id: number }[]>,
    update: (id: number) => Promise<unknown>,
  ): Promise<number> {
    if (!existing) {
      summary.inserted++;
      const [row] = await insert();
      return row.id;
    }
    const changed = Object.entries(wanted).some(([k, v]) => !sameValue((existing as Record<string, unknown>)[k], v));
    if (changed) {
      await update(existing.id);
      summary.updated++;
    }
    return existing.id;
  }

  await database.transaction(async () => {
    // The transaction's handle (read inside the unit of work).
    const { db: tx, t } = database;
    const bodyIds = new Map<string, number>();
    for (const b of data.bodies) {
      const [row] = await tx.select().from(t.bodies).where(eq(t.bodies.acronym, b.acronym)).limit(1);
      const wanted = { acronym: b.acronym, name: b.name, englishName: b.englishName, inGlossary: b.inGlossary };
      const id = await upsert(
        row,
        wanted,
        () => tx.insert(t.bodies).values(wanted).returning({ id: t.bodies.id }),
        (id) => tx.update(t.bodies).set(wanted).where(eq(t.bodies.id, id)),
      );
      bodyIds.set(b.acronym, id);
    }

    const liveObjectiveIds: number[] = [];
    for (const fa of data.focusAreas) {
      const [faRow] = await tx.select().from(t.focusAreas).where(eq(t.focusAreas.number, fa.number)).limit(1);
      const faWanted = { number: fa.number, title: fa.title, subtitle: fa.subtitle, titleFr: fa.fr?.title ?? null, subtitleFr: fa.fr?.subtitle ?? null };
      const focusAreaId = await upsert(
        faRow,
        faWanted,
        () => tx.insert(t.focusAreas).values(faWanted).returning({ id: t.focusAreas.id }),
        (id) => tx.update(t.focusAreas).set(faWanted).where(eq(t.focusAreas.id, id)),
      );

      for (const p of fa.priorities) {
        const [pRow] = await tx.select().from(t.priorities).where(eq(t.priorities.number, p.number)).limit(1);
        const pWanted = { number: p.number, focusAreaId, title: p.title, titleFr: p.fr?.title ?? null };
        const priorityId = await upsert(
          pRow,
          pWanted,
          () => tx.insert(t.priorities).values(pWanted).returning({ id: t.priorities.id }),
          (id) => tx.update(t.priorities).set(pWanted).where(eq(t.priorities.id, id)),
        );

        for (const [position, o] of p.objectives.entries()) {
          const [oRow] = await tx.select().from(t.objectives).where(eq(t.objectives.code, o.code)).limit(1);
          const oWanted = {
            code: o.code,
            priorityId,
            position,
            title: o.title,
            kind: o.kind,
            description: o.description,
            summary: o.summary,
            titleFr: o.fr?.title ?? null,
            descriptionFr: o.fr?.description ?? null,
            summaryFr: o.fr?.summary ?? null,
            leadBodyId: bodyIds.get(o.leadBody)!,
            retiredAt: null,
          };
          const objectiveId = await upsert(
            oRow,
            oWanted,
            () => tx.insert(t.objectives).values(oWanted).returning({ id: t.objectives.id }),
            (id) => tx.update(t.objectives).set(oWanted).where(eq(t.objectives.id, id)),
          );
          liveObjectiveIds.push(objectiveId);
          await syncContributors(
            tx,
            objectiveId,
            o.contributingBodies.map((a) => bodyIds.get(a)!),
          );

          const liveIndicatorIds: number[] = [];
          for (const [indPosition, ind] of o.indicators.entries()) {
            const [iRow] = await tx
              .select()
              .from(t.indicators)
              .where(and(eq(t.indicators.objectiveId, objectiveId), eq(t.indicators.key, ind.key)))
              .limit(1);
            const iWanted = {
              objectiveId,
              key: ind.key,
              position: indPosition,
              name: ind.name,
              unit: ind.unit,
              direction: ind.direction,
              frequency: ind.frequency,
              method: ind.method,
              nameFr: ind.fr?.name ?? null,
              baselineValue: ind.baseline?.value ?? null,
              baselineDate: ind.baseline?.date ?? null,
              baselineSource: ind.baseline?.source ?? null,
              territorialLevels: ind.territories?.levels ?? null,
              nationalRule: ind.territories?.national ?? null,
              denominatorName: ind.territories?.denominator?.name ?? null,
              denominatorNameFr: ind.territories?.denominator?.fr.name ?? null,
              retiredAt: null,
            };
            const indicatorId = await upsert(
              iRow,
              iWanted,
              () => tx.insert(t.indicators).values(iWanted).returning({ id: t.indicators.id }),
              (id) => tx.update(t.indicators).set(iWanted).where(eq(t.indicators.id, id)),
            );
            liveIndicatorIds.push(indicatorId);

            for (const [tPosition, tg] of ind.targets.entries()) {
              const [tRow] = await tx
                .select()
                .from(t.targets)
                .where(and(eq(t.targets.indicatorId, indicatorId), eq(t.targets.position, tPosition)))
                .limit(1);
              const tWanted = {
                indicatorId,
                position: tPosition,
                value: tg.value,
                exclusive: tg.exclusive,
                valueText: tg.valueText,
                due: tg.due,
                dueDate: tg.dueDate,
                sourceText: tg.source,
                valueTextFr: tg.fr?.valueText ?? null,
                dueFr: tg.fr?.due ?? null,
                sourceTextFr: tg.fr?.source ?? null,
                retiredAt: null,
              };
              await upsert(
                tRow,
                tWanted,
                () => tx.insert(t.targets).values(tWanted).returning({ id: t.targets.id }),
                (id) => tx.update(t.targets).set(tWanted).where(eq(t.targets.id, id)),
              );
            }
            const retiredTargets = await tx
              .update(t.targets)
              .set({ retiredAt: now() })
              .where(
                and(
                  eq(t.targets.indicatorId, indicatorId),
                  isNull(t.targets.retiredAt),
                  notInArray(
                    t.targets.position,
                    ind.targets.map((_, i) => i),
                  ),
                ),
              );
            summary.retired += changedRows(retiredTargets);
          }
          summary.retired += await retireMissing(tx, t.indicators, objectiveId, liveIndicatorIds, now);

          const liveMilestoneIds: number[] = [];
          for (const [mPosition, m] of o.milestones.entries()) {
            const [mRow] = await tx
              .select()
              .from(t.milestones)
              .where(and(eq(t.milestones.objectiveId, objectiveId), eq(t.milestones.key, m.key)))
              .limit(1);
            const mWanted = {
              objectiveId,
              key: m.key,
              position: mPosition,
              title: m.title,
              due: m.due,
              dueDate: m.dueDate,
              sourceText: m.source,
              titleFr: m.fr?.title ?? null,
              dueFr: m.fr?.due ?? null,
              sourceTextFr: m.fr?.source ?? null,
              retiredAt: null,
            };
            liveMilestoneIds.push(
              await upsert(
                mRow,
                mWanted,
                () => tx.insert(t.milestones).values(mWanted).returning({ id: t.milestones.id }),
                (id) => tx.update(t.milestones).set(mWanted).where(eq(t.milestones.id, id)),
              ),
            );
          }
          summary.retired += await retireMissing(tx, t.milestones, objectiveId, liveMilestoneIds, now);
        }
      }
    }
    const stale = await tx
      .update(t.objectives)
      .set({ retiredAt: now() })
      .where(and(isNull(t.objectives.retiredAt), notInArray(t.objectives.id, liveObjectiveIds.length ? liveObjectiveIds : [-1])));
    summary.retired += changedRows(stale);
  });
  return summary;

  async function syncContributors(tx: Db, objectiveId: number, bodyIdsInOrder: number[]): Promise<void> {
    const { t } = database;
    const current = await tx
      .select()
      .from(t.objectiveContributors)
      .where(eq(t.objectiveContributors.objectiveId, objectiveId))
      .orderBy(t.objectiveContributors.position, t.objectiveContributors.bodyId);
    const same = current.length === bodyIdsInOrder.length && current.every((c, i) => c.bodyId === bodyIdsInOrder[i] && c.position === i);
    if (same) return;
    // The contributor list is pure roadmap data (nothing is recorded against it): replace it whole.
    await tx.delete(t.objectiveContributors).where(eq(t.objectiveContributors.objectiveId, objectiveId));
    if (bodyIdsInOrder.length) {
      await tx.insert(t.objectiveContributors).values(bodyIdsInOrder.map((bodyId, position) => ({ objectiveId, bodyId, position })));
    }
    if (current.length) summary.updated++;
    else summary.inserted++;
  }
}

async function retireMissing(
  tx: Db,
  table: Tables['indicators'] | Tables['milestones'],
  objectiveId: number,
  liveIds: number[],
  now: () => string,
): Promise<number> {
  const result = await tx
    .update(table)
    .set({ retiredAt: now() })
    .where(and(eq(table.objectiveId, objectiveId), isNull(table.retiredAt), notInArray(table.id, liveIds.length ? liveIds : [-1])));
  return changedRows(result);
}

/** Column values compare by value; a JSON column's array (territorial levels) by its JSON text. */
function sameValue(stored: unknown, wanted: unknown): boolean {
  if (stored === wanted) return true;
  return typeof wanted === 'object' && wanted !== null && JSON.stringify(stored) === JSON.stringify(wanted);
}
