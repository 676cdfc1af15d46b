import type { Lang } from '@app/presentation';
import type { RoadmapStructure } from '@app/persistence';
import type { ObjectiveStatusView, StatusSnapshot } from '@app/snapshots';
import type { Status, StatusCounts } from '@app/status';
import { COMMENTARY_SECTIONS, type CommentarySection, type Confidence } from '@app/review';
import type { PublishedSnapshot } from '../publishing/publishing.service';

/**
 * What the public view shows of a published period, in one language: only what closing froze in
 * review_publications (statuses as of the period's end, the values counted then, the updates as
 * validated) plus the roadmap's own texts. Nothing here names a person: the mapping picks fields
 * one by one, so whatever the snapshot holds besides (recorded values' comments, previous reports)
 * never reaches the public.
 */
export interface PublicPublication {
  period: string;
  publishedAt: string;
  /** The period's last day: the statuses are as of this date. */
  asOf: string;
  lang: Lang;
  roadmap: { objectives: number; counts: StatusCounts };
  focusAreas: PublicFocusArea[];
  objectives: PublicObjective[];
}

export interface PublicFocusArea {
  number: number;
  title: string;
  subtitle: string;
  lang: Lang;
  counts: StatusCounts;
  priorities: { number: number; title: string; lang: Lang; objectives: PublicObjectiveSummary[] }[];
}

export interface PublicObjectiveSummary {
  code: string;
  title: string;
  lang: Lang;
  leadBody: string;
  status: Status;
}

export interface PublicObjective extends PublicObjectiveSummary {
  focusArea: number;
  priority: number;
  kind: 'CONTINUATION' | 'DEVELOPMENT' | null;
  description: string | null;
  summary: string;
  contributingBodies: string[];
  indicators: PublicIndicator[];
  milestones: PublicMilestone[];
  /** The lead body's update of the period, as validated; null when none was validated. */
  commentary: PublicCommentary | null;
}

export interface PublicIndicator {
  id: number;
  key: string;
  name: string;
  lang: Lang;
  unit: string;
  frequency: string;
  status: Status;
  baseline: { date: string; value: number } | null;
  latest: { date: string; value: number } | null;
  targets: { value: number; exclusive: boolean; dueDate: string; expected: number | null; status: Status; sourceText: string }[];
  /** The values counted at closing, oldest first. */
  values: { date: string; value: number }[];
}

export interface PublicMilestone {
  key: string;
  title: string;
  lang: Lang;
  dueDate: string;
  state: string;
  completedOn: string | null;
  status: Status;
}

export interface PublicCommentary {
  confidence: Confidence | null;
  revisedAfterValidation: boolean;
  sections: { section: CommentarySection; text: string }[];
}

/** The public view of a publication in one language (the snapshot holds each language's statuses). */
export function publicPublication(snapshot: PublishedSnapshot, structure: RoadmapStructure, lang: Lang): PublicPublication {
  const inputs = snapshot.reports[lang];
  const status: StatusSnapshot = inputs.snapshot;
  const byCode = new Map(status.objectives.map((o) => [o.code, o]));
  // Only the validated updates: the snapshot keeps nothing else for a closed period, and this says so again.
  const commentaries = new Map(snapshot.review.updates.filter((u) => u.state === 'validated').map((u) => [u.objectiveCode, u]));
  const objectives = status.objectives.map((o) => publicObjective(o, structure, inputs.series, commentaries.get(o.code)));
  const summary = (o: ObjectiveStatusView): PublicObjectiveSummary => ({ code: o.code, title: o.title, lang: o.lang, leadBody: o.leadBody, status: o.status });
  return {
    period: snapshot.period,
    publishedAt: snapshot.publishedAt,
    asOf: snapshot.asOf,
    lang,
    roadmap: status.roadmap,
    focusAreas: inputs.roadmap.focusAreas.map((f) => ({
      number: f.number,
      title: f.title,
      subtitle: f.subtitle,
      lang: f.lang,
      counts: status.focusAreas.find((x) => x.number === f.number)?.counts ?? ({} as StatusCounts),
      priorities: f.priorities.map((p) => ({
        number: p.number,
        title: p.title,
        lang: p.lang,
        objectives: status.objectives.filter((o) => o.priority === p.number && byCode.has(o.code)).map(summary),
      })),
    })),
    objectives,
  };
}

function publicObjective(
  o: ObjectiveStatusView,
  structure: RoadmapStructure,
  series: PublishedSnapshot['reports'][Lang]['series'],
  update: PublishedSnapshot['review']['updates'][number] | undefined,
): PublicObjective {
  const row = structure.objectivesByCode.get(o.code);
  return {
    code: o.code,
    title: o.title,
    lang: o.lang,
    leadBody: o.leadBody,
    status: o.status,
    focusArea: o.focusArea,
    priority: o.priority,
    kind: row?.kind ?? null,
    description: row?.description ?? null,
    summary: row?.summary ?? '',
    contributingBodies: o.contributingBodies,
    indicators: o.indicators.map((i, k) => ({
      id: i.id,
      key: i.key,
      name: i.name,
      lang: i.lang,
      unit: i.unit,
      frequency: i.frequency,
      status: i.status,
      // As on the staff page: a lone value is not also shown as its own baseline (there is none yet).
      baseline:
        i.baseline && !(i.baseline.origin === 'first_measurement' && i.baseline.date === i.latest?.date)
          ? { date: i.baseline.date, value: i.baseline.value }
          : null,
      latest: i.latest ? { date: i.latest.date, value: i.latest.value } : null,
      targets: i.targets.map((t, j) => ({
        value: t.value,
        exclusive: t.exclusive,
        dueDate: t.dueDate,
        expected: t.expected,
        status: t.status,
        sourceText: row?.indicators[k]?.targets[j]?.sourceText ?? '',
      })),
      values: (series[i.id] ?? []).map((p) => ({ date: p.date, value: p.value })),
    })),
    milestones: o.milestones.map((m) => ({
      key: m.key,
      title: m.title,
      lang: m.lang,
      dueDate: m.dueDate,
      state: m.state,
      completedOn: m.completedOn,
      status: m.status,
    })),
    commentary: update
      ? {
          confidence: update.content.confidence,
          revisedAfterValidation: update.revisedAfterValidation,
          sections: COMMENTARY_SECTIONS.filter((s) => !!update.content[s]).map((s) => ({ section: s, text: update.content[s]! })),
        }
      : null,
  };
}
