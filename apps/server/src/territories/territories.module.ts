import { Module } from '@nestjs/common';
import { TerritoriesController } from './territories.controller';

/** The official geography (regions, départements) the roadmap's territorial data is recorded against. */
@Module({ controllers: [TerritoriesController] })
export class TerritoriesModule {}
