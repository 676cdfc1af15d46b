import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { cliMessage } from './cli-errors';
import { CliModule } from './cli.module';

/** Operator commands: `npm run cli -- <command> --help`. */
async function main(): Promise<void> {
  await CommandFactory.run(CliModule, {
    logger: ['error', 'warn'],
    errorHandler: (err: Error & { code?: string; exitCode?: number }) => {
      // commander reports --help and --version as "errors" with exit code 0.
      if (err.exitCode === 0) process.exit(0);
      console.error(cliMessage(err));
      process.exit(1);
    },
    serviceErrorHandler: (err) => {
      console.error(cliMessage(err));
      process.exit(1);
    },
  });
}

void main();
