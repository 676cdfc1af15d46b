import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMENTARY_SECTIONS, CONFIDENCE_LEVELS } from '@app/review';
import { STATUS_ORDER } from '@app/status';
import type { PublicTerritorialValues, PublishedPeriod } from './public.service';
import type { PublicObjective, PublicPublication } from './published-view';

/**
 * The public API's answers (`/api/v1/public/…`): the same data as the public pages, from the last
 * published period's frozen snapshot, mapped field by field (no person's name, no draft).
 */
const STATUSES = [...STATUS_ORDER];

export class PublicReportLinkDto {
  @ApiProperty({ example: 'fr' }) lang: string;
  @ApiProperty({ enum: ['html', 'pdf'] }) format: string;
  @ApiProperty({ example: '/public/rapports/2f4c…', description: 'The official report’s file, open to anyone' }) url: string;
}

export class PublicOpenDataLinkDto {
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ example: '/api/v1/public/open-data/2026-Q4.csv' }) csv: string;
  @ApiProperty({ example: '/api/v1/public/open-data/2026-Q4.schema.json' }) schema: string;
}

export class PublicPeriodDto {
  @ApiProperty({ example: '2026-Q4', description: 'The last published review period' }) period: string;
  @ApiProperty({ format: 'date-time', description: 'When the delegation closed the period and published what was validated' }) publishedAt: string;
  @ApiProperty({ format: 'date', description: 'The period’s last day: statuses and values as of this date' }) asOf: string;
}

export class PublicCountsDto {
  @ApiProperty() objectives: number;
  @ApiProperty({ description: 'Objectives per status', example: { on_track: 12, at_risk: 3 }, type: 'object', additionalProperties: { type: 'number' } })
  counts: Record<string, number>;
}

export class PublicationDto extends PublicPeriodDto {
  @ApiProperty({ type: PublicCountsDto }) roadmap: PublicCountsDto;
  @ApiProperty({ type: [PublicReportLinkDto] }) reports: PublicReportLinkDto[];
  @ApiProperty({ type: PublicOpenDataLinkDto }) openData: PublicOpenDataLinkDto;
}

export class PublicObjectiveSummaryDto {
  @ApiProperty({ example: '1-1' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: string;
  @ApiProperty({ example: 'DNS' }) leadBody: string;
  @ApiProperty({ enum: STATUSES }) status: string;
}

export class PublicPriorityDto {
  @ApiProperty() number: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: string;
  @ApiProperty({ type: [PublicObjectiveSummaryDto] }) objectives: PublicObjectiveSummaryDto[];
}

export class PublicFocusAreaDto {
  @ApiProperty() number: number;
  @ApiProperty() title: string;
  @ApiProperty() subtitle: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) counts: Record<string, number>;
  @ApiProperty({ type: [PublicPriorityDto] }) priorities: PublicPriorityDto[];
}

export class PublicRoadmapDto extends PublicPeriodDto {
  @ApiProperty({ type: [PublicFocusAreaDto] }) focusAreas: PublicFocusAreaDto[];
}

class PublicPointDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() value: number;
}

class PublicTargetDto {
  @ApiProperty() value: number;
  @ApiProperty({ description: '"More than": reached only when exceeded' }) exclusive: boolean;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiPropertyOptional({ nullable: true, description: 'What the trajectory expects as of the period’s end' }) expected: number | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ description: 'The roadmap’s sentence' }) sourceText: string;
}

class PublicTerritoryValueDto {
  @ApiProperty({ example: '84', description: 'The territory’s official code (national geographic code)' }) code: string;
  @ApiProperty() value: number;
  @ApiProperty({ format: 'date' }) observedAt: string;
}

class PublicTerritorialValuesDto {
  @ApiProperty({ enum: ['region', 'departement'] }) level: string;
  @ApiProperty({ type: [PublicTerritoryValueDto], description: 'Each territory’s latest value as of the period’s end, as recorded when it was published' })
  values: PublicTerritoryValueDto[];
}

class PublicIndicatorDto {
  @ApiProperty() id: number;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: string;
  @ApiProperty({ example: 'percent' }) unit: string;
  @ApiProperty({ enum: ['monthly', 'quarterly', 'yearly'] }) frequency: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiPropertyOptional({ type: PublicPointDto, nullable: true }) baseline: PublicPointDto | null;
  @ApiPropertyOptional({ type: PublicPointDto, nullable: true }) latest: PublicPointDto | null;
  @ApiProperty({ type: [PublicTargetDto] }) targets: PublicTargetDto[];
  @ApiProperty({ type: [PublicPointDto], description: 'The values counted at closing, oldest first' }) values: PublicPointDto[];
  @ApiProperty({ type: [PublicTerritorialValuesDto], description: 'Values by region or département (empty without a territorial breakdown)' })
  territories: PublicTerritorialValuesDto[];
}

class PublicMilestoneDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ['not_started', 'in_progress', 'done'] }) state: string;
  @ApiPropertyOptional({ format: 'date', nullable: true }) completedOn: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
}

class PublicCommentarySectionDto {
  @ApiProperty({ enum: [...COMMENTARY_SECTIONS] }) section: string;
  @ApiProperty({ description: 'Markdown-light, as the lead body wrote and the delegation validated it' }) text: string;
}

class PublicCommentaryDto {
  @ApiPropertyOptional({ enum: [...CONFIDENCE_LEVELS], nullable: true }) confidence: string | null;
  @ApiProperty() revisedAfterValidation: boolean;
  @ApiProperty({ type: [PublicCommentarySectionDto] }) sections: PublicCommentarySectionDto[];
}

export class PublicObjectiveDto extends PublicObjectiveSummaryDto {
  @ApiProperty({ type: PublicPeriodDto }) published: PublicPeriodDto;
  @ApiProperty() focusArea: number;
  @ApiProperty() priority: number;
  @ApiPropertyOptional({ enum: ['CONTINUATION', 'DEVELOPMENT'], nullable: true }) kind: string | null;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) contributingBodies: string[];
  @ApiProperty({ type: [PublicIndicatorDto] }) indicators: PublicIndicatorDto[];
  @ApiProperty({ type: [PublicMilestoneDto] }) milestones: PublicMilestoneDto[];
  @ApiPropertyOptional({ type: PublicCommentaryDto, nullable: true, description: 'The lead body’s validated update of the period' })
  commentary: PublicCommentaryDto | null;
}

// ── Mappers: each answer built field by field ───────────────────────────────────────────────────

export const openDataLinks = (p: Pick<PublishedPeriod, 'period' | 'publishedAt'>): PublicOpenDataLinkDto => ({
  period: p.period,
  publishedAt: p.publishedAt,
  csv: `/api/v1/public/open-data/${p.period}.csv`,
  schema: `/api/v1/public/open-data/${p.period}.schema.json`,
});

const periodOf = (p: PublicPublication): PublicPeriodDto => ({ period: p.period, publishedAt: p.publishedAt, asOf: p.asOf });

export function toPublicationDto(p: PublicPublication, reports: PublicReportLinkDto[]): PublicationDto {
  return { ...periodOf(p), roadmap: { objectives: p.roadmap.objectives, counts: { ...p.roadmap.counts } }, reports, openData: openDataLinks(p) };
}

export function toRoadmapDto(p: PublicPublication): PublicRoadmapDto {
  return {
    ...periodOf(p),
    focusAreas: p.focusAreas.map((f) => ({
      number: f.number,
      title: f.title,
      subtitle: f.subtitle,
      lang: f.lang,
      counts: { ...f.counts },
      priorities: f.priorities.map((x) => ({ number: x.number, title: x.title, lang: x.lang, objectives: x.objectives.map((o) => ({ ...o })) })),
    })),
  };
}

export function toObjectiveDto(p: PublicPublication, o: PublicObjective, territorial: PublicTerritorialValues[][]): PublicObjectiveDto {
  return {
    code: o.code,
    title: o.title,
    lang: o.lang,
    leadBody: o.leadBody,
    status: o.status,
    published: periodOf(p),
    focusArea: o.focusArea,
    priority: o.priority,
    kind: o.kind,
    description: o.description,
    summary: o.summary,
    contributingBodies: [...o.contributingBodies],
    indicators: o.indicators.map((i, k) => ({
      ...i,
      targets: i.targets.map((t) => ({ ...t })),
      values: i.values.map((v) => ({ ...v })),
      territories: territorial[k].map((x) => ({ level: x.level, values: x.values.map((v) => ({ ...v })) })),
    })),
    milestones: o.milestones.map((m) => ({ ...m })),
    commentary: o.commentary && { ...o.commentary, sections: o.commentary.sections.map((s) => ({ ...s })) },
  };
}
