import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectCommander } from 'nest-commander';
import { readFileSync } from 'node:fs';
import { projectPath } from '@app/config';

/** How operators run the CLI (README): what usage lines show instead of the bundle's file name (main.js). */
export const CLI_NAME = 'npm run cli --';

/** The version of the package the CLI belongs to, for `--version`. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;
}

/** Names the root command (commander otherwise takes the script's file name). */
@Injectable()
export class CliIdentity implements OnModuleInit {
  // commander's own type is nest-commander's nested copy; only name() is needed here.
  constructor(@InjectCommander() private readonly commander: { name(name: string): unknown; description(text: string): unknown }) {}

  onModuleInit(): void {
    this.commander.name(CLI_NAME);
    this.commander.description('Feuille de route: operator commands (database, accounts, reports, backups).');
  }
}
