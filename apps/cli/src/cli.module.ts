import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { CommonModule } from '@app/common';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { ReportsModule } from '@app/reports';
import { CliIdentity } from './cli-identity';
import { ReportCommand, ReportGenerateCommand } from './commands/report.command';
import { BackupCommand, RestoreCommand } from './commands/backup.command';
import { MigrateCommand } from './commands/migrate.command';
import { MigrateDataCommand } from './commands/migrate-data.command';
import { SeedCommand } from './commands/seed.command';
import { UserCommand, UserCreateCommand, UserDisableCommand, UserListCommand, UserSetPasswordCommand } from './commands/user.command';

@Module({
  imports: [ConfigModule.forRoot(), CommonModule.forRoot(), PersistenceModule.forRoot({ loadRoadmap: false }), AccountsModule, ReportsModule],
  providers: [
    CliIdentity,
    MigrateCommand,
    MigrateDataCommand,
    SeedCommand,
    UserCommand,
    UserCreateCommand,
    UserListCommand,
    UserSetPasswordCommand,
    UserDisableCommand,
    ReportCommand,
    ReportGenerateCommand,
    BackupCommand,
    RestoreCommand,
  ],
})
export class CliModule {}
