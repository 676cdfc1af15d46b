import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AsOfQueryDto } from '../../common/as-of.dto';

export class TerritorialValuesQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: ['region', 'departement'], description: 'The level to compare (default: the first the indicator is recorded at)' })
  @IsOptional()
  @IsIn(['region', 'departement'])
  level?: 'region' | 'departement';
}

export class TerritorialTargetDto {
  @ApiProperty() value: number;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
}

export class TerritoryValueDto {
  @ApiProperty({ example: '84', description: 'Official code (COG)' }) code: string;
  @ApiProperty({ example: 'Auvergne-Rhône-Alpes', description: 'Official name' }) name: string;
  @ApiProperty() overseas: boolean;
  @ApiProperty({ nullable: true, type: String, description: "A département's region" }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Its latest value as of asOf; null: none' }) value: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) observedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "A weighted rate's denominator" }) denominator: number | null;
  @ApiProperty({ nullable: true, type: Number }) measurementId: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "1 is the best (following the indicator's direction), among the territories that reported at the comparison date; equal values share a rank",
  })
  rank: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Rates only: the value minus the national path's expected value at asOf" })
  gapToNationalPath: number | null;
  @ApiProperty({ type: [TerritorialTargetDto], description: 'The targets the territory set itself (by due date)' })
  targets: TerritorialTargetDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Its status toward its own targets, as the national one is computed (from its first value); null without a territorial target',
  })
  status: string | null;
}

export class DerivedNationalValueDto {
  @ApiProperty({ enum: ['sum', 'weighted_mean', 'national_only'] }) rule: string;
  @ApiProperty({ enum: ['region', 'departement'] }) level: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The date the territories are compared at: the latest any reported' })
  date: string | null;
  @ApiProperty({ enum: ['complete', 'partial', 'none'] }) completeness: 'complete' | 'partial' | 'none';
  @ApiProperty({ description: 'Territories that reported at `date`' }) counted: number;
  @ApiProperty({ description: 'Territories of the level (18 regions, 101 départements)' }) expected: number;
  @ApiProperty({ type: [String], description: 'Codes without a value at `date`' }) missing: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'The national value derived: only when complete (and the rule derives one)' })
  value: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The same aggregate over the territories that reported' }) subtotal: number | null;
  @ApiProperty({ example: 'partielle : 12 régions sur 18', description: 'The completeness in words, in the answer’s language' }) text: string;
}

export class NationalComparisonDto {
  @ApiProperty({ type: DerivedNationalValueDto }) derived: DerivedNationalValueDto;
  @ApiProperty({ nullable: true, description: 'The latest value recorded nationally as of asOf' }) recorded: { value: number; observedAt: string } | null;
  @ApiProperty({ nullable: true, type: Number, description: "The national path's expected value at asOf (current target)" }) expected: number | null;
  @ApiProperty({ description: 'The national status (from national values only)' }) status: string;
}

export class TerritorialValuesDto {
  @ApiProperty() indicatorId: number;
  @ApiProperty() objectiveCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: 'fr' | 'en';
  @ApiProperty() unit: string;
  @ApiProperty({ enum: ['increase', 'decrease'] }) direction: 'increase' | 'decrease';
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ enum: ['region', 'departement'] }) level: 'region' | 'departement';
  @ApiProperty({ enum: ['region', 'departement'], isArray: true }) levels: ('region' | 'departement')[];
  @ApiProperty({ enum: ['sum', 'weighted_mean', 'national_only'] }) rule: 'sum' | 'weighted_mean' | 'national_only';
  @ApiProperty({ nullable: true, type: String, description: "What a weighted rate's denominator counts" }) denominatorName: string | null;
  @ApiProperty({ type: [TerritoryValueDto] }) territories: TerritoryValueDto[];
  @ApiProperty({ description: 'How many territories are ranked' }) ranked: number;
  @ApiProperty({ type: NationalComparisonDto }) national: NationalComparisonDto;
}
