import { ApiProperty } from '@nestjs/swagger';
import type { RegionWithDepartements, Territory } from '@app/territories';

export class DepartementDto {
  @ApiProperty({ example: '2A', description: 'Official code (code officiel géographique): 01–95 with 2A/2B for Corsica, 971–976 overseas' }) code: string;
  @ApiProperty({ example: 'Corse-du-Sud', description: 'Official French name' }) name: string;
  @ApiProperty({ example: false, description: 'An overseas département (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte)' }) overseas: boolean;
}

export class RegionDto {
  @ApiProperty({ example: '94', description: 'Official code; a département may have the same code (region 11 Île-de-France, département 11 Aude)' })
  code: string;
  @ApiProperty({ example: 'Corse', description: 'Official French name' }) name: string;
  @ApiProperty({ example: false, description: 'An overseas region (each is also a single département)' }) overseas: boolean;
  @ApiProperty({ type: [DepartementDto], description: 'Its départements, sorted by code' }) departements: DepartementDto[];
}

export class TerritoriesDto {
  @ApiProperty({ type: [RegionDto], description: 'The 18 regions (13 metropolitan, 5 overseas), sorted by code' }) regions: RegionDto[];
}

function toDepartementDto(departement: Territory): DepartementDto {
  return { code: departement.code, name: departement.name, overseas: departement.overseas };
}

export function toTerritoriesDto(regions: readonly RegionWithDepartements[]): TerritoriesDto {
  return {
    regions: regions.map((region) => ({
      code: region.code,
      name: region.name,
      overseas: region.overseas,
      departements: region.departements.map(toDepartementDto),
    })),
  };
}
