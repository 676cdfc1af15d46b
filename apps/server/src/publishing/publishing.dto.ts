import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class CloseReviewDto {
  @ApiPropertyOptional({ default: false, description: 'Close even though some updates are not validated: they are listed as missing in the report.' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class RenderPublicationQueryDto {
  @ApiPropertyOptional({ enum: ['html', 'pdf'], default: 'html' }) @IsOptional() @IsIn(['html', 'pdf']) format?: 'html' | 'pdf';
  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr' }) @IsOptional() @IsIn(['fr', 'en']) lang?: 'fr' | 'en';
}

export class PublicationQueryDto {
  @ApiPropertyOptional({ enum: ['fr', 'en'], description: 'Language of the titles (wins over Accept-Language; default French)' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';
}
