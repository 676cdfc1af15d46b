import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ObjectiveSummaryDto {
  @ApiProperty({ example: '1-1' }) code: string;
  @ApiProperty({ example: 'Alimenter Mon espace santé' }) title: string;
  @ApiProperty({ enum: ['fr', 'en'], description: "Language of this entity's texts: the one asked for, or en where the French is missing" }) lang: 'fr' | 'en';
  @ApiProperty({ example: 'DNS', description: 'Acronym of the lead body (project leader)' }) leadBody: string;
  @ApiProperty({ example: ['CNAM', 'ANS'], type: [String] }) contributingBodies: string[];
}

export class PriorityDto {
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['fr', 'en'], description: "Language of this entity's texts: the one asked for, or en where the French is missing" }) lang: 'fr' | 'en';
  @ApiProperty({ type: [ObjectiveSummaryDto] }) objectives: ObjectiveSummaryDto[];
}

export class FocusAreaDto {
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty({ example: 'Prévention' }) title: string;
  @ApiProperty() subtitle: string;
  @ApiProperty({ enum: ['fr', 'en'], description: "Language of this entity's texts: the one asked for, or en where the French is missing" }) lang: 'fr' | 'en';
  @ApiProperty({ type: [PriorityDto] }) priorities: PriorityDto[];
}

export class RoadmapDto {
  @ApiProperty({ example: 'Feuille de route du numérique en santé 2023-2027' }) title: string;
  @ApiProperty({ enum: ['fr', 'en'], description: 'The language asked for (?lang=, then Accept-Language; French by default)' }) lang: 'fr' | 'en';
  @ApiProperty({ type: [FocusAreaDto] }) focusAreas: FocusAreaDto[];
}

export class TargetDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 250000000 }) value: number;
  @ApiProperty({ description: 'True for "more than N": reached only when exceeded' }) exclusive: boolean;
  @ApiProperty({ enum: ['fr', 'en'], description: "Language of this entity's texts: the one asked for, or en where the French is missing" }) lang: 'fr' | 'en';
  @ApiProperty({ example: '250 millions' }) valueText: string;
  @ApiProperty({ example: '2023-12-31', format: 'date' }) dueDate: string;
  @ApiProperty({ example: "d'ici fin 2023" }) due: string;
  @ApiProperty({ description: 'The roadmap sentence this target comes from' }) sourceText: string;
}

export class IndicatorDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'documents' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['fr', 'en'], description: "Language of this entity's texts: the one asked for, or en where the French is missing" }) lang: 'fr' | 'en';
  @ApiPropertyOptional({ nullable: true, description: 'A starting value the roadmap states, with its sentence (none is stated in the 2023–2027 edition)' })
  declaredBaseline: { value: number; date: string; source: string | null } | null;
  @ApiProperty({ example: 'documents_per_year' }) unit: string;
  @ApiProperty({ enum: ['increase', 'decrease'] }) direction: string;
  @ApiProperty({ enum: ['monthly', 'quarterly', 'yearly'] }) frequency: string;
  @ApiProperty({ enum: ['linear', 'cagr'] }) method: string;
  @ApiProperty({ type: [TargetDto] }) targets: TargetDto[];
}

export class MilestoneDto {
  @ApiProperty() id: number;
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['fr', 'en'], description: "Language of this entity's texts: the one asked for, or en where the French is missing" }) lang: 'fr' | 'en';
  @ApiProperty({ example: '2024-06-30', format: 'date' }) dueDate: string;
  @ApiProperty({ example: 'au 2e trimestre 2024' }) due: string;
  @ApiProperty({ description: 'The roadmap sentence this milestone comes from' }) sourceText: string;
}

export class ObjectiveDto extends ObjectiveSummaryDto {
  @ApiPropertyOptional({ enum: ['CONTINUATION', 'DEVELOPMENT'], nullable: true }) kind: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The chapter paragraph describing the objective' })
  description: string | null;
  @ApiProperty({ description: "The objective's cell of the roadmap's Summary table" }) summary: string;
  @ApiProperty() priority: number;
  @ApiProperty() focusArea: number;
  @ApiProperty({ type: [IndicatorDto] }) indicators: IndicatorDto[];
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
}

export class BodyDto {
  @ApiProperty({ example: 'DNS' }) acronym: string;
  @ApiProperty({ example: 'Délégation Ministérielle au numérique en santé', description: 'The official French name (in either language)' }) name: string;
  @ApiProperty({ example: 'Ministerial Delegation for Digital Health' }) englishName: string;
  @ApiProperty({ description: "Whether the roadmap's glossary defines this body" }) inGlossary: boolean;
  @ApiProperty({ description: 'Objectives this body leads' }) leads: number;
  @ApiProperty({ description: 'Objectives this body contributes to' }) contributesTo: number;
}

export class BodyObjectiveDto extends ObjectiveSummaryDto {
  @ApiProperty({ enum: ['lead', 'contributor'] }) role: 'lead' | 'contributor';
}

export class BodyObjectivesDto {
  @ApiProperty({ type: BodyDto }) body: BodyDto;
  @ApiProperty({ type: [BodyObjectiveDto] }) objectives: BodyObjectiveDto[];
}
