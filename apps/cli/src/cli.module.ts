import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { MigrateCommand } from './commands/migrate.command';
import { SeedCommand } from './commands/seed.command';

@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule.forRoot({ loadRoadmap: false })],
  providers: [MigrateCommand, SeedCommand],
})
export class CliModule {}
