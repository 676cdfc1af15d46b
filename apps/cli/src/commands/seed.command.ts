import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { APP_CONFIG, AppConfig } from '@app/config';
import { loadRoadmapFile } from '@app/roadmap';
import { Database, SETUP_LOCK, syncRoadmap } from '@app/persistence';

interface SeedOptions {
  file?: string;
}

@Command({
  name: 'seed',
  description: 'Load the roadmap data file into the database (idempotent; recorded values are never touched)',
})
export class SeedCommand extends CommandRunner {
  constructor(
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: SeedOptions): Promise<void> {
    const file = options.file ?? this.config.roadmapDataPath;
    const data = loadRoadmapFile(file);
    // As at a server's start: one loader at a time on a shared PostgreSQL database.
    const summary = await this.database.exclusively(SETUP_LOCK, () => syncRoadmap(this.database, data));
    console.log(`Loaded ${file}: ${summary.inserted} row(s) inserted, ${summary.updated} updated, ${summary.retired} retired.`);
  }

  @Option({ flags: '-f, --file <path>', description: 'roadmap data file (default: db/roadmap.yaml)' })
  parseFile(value: string): string {
    return value;
  }
}
