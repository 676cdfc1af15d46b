import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { cliMessage } from './cli-errors';
import { CLI_NAME, packageVersion } from './cli-identity';
import { CliModule } from './cli.module';

/** Operator commands: `npm run cli -- <command> --help`. */
async function main(): Promise<void> {
  await CommandFactory.run(CliModule, {
    logger: ['error', 'warn'],
    cliName: CLI_NAME,
    version: packageVersion(),
    // commander has already printed its own message (unknown option, missing argument, help, version):
    // printing it again would show it twice. --help and --version exit with 0.
    errorHandler: (err: Error & { exitCode?: number }) => process.exit(err.exitCode ?? 1),
    // An error thrown by a command: its message, once, on stderr, in the operator's language.
    serviceErrorHandler: (err) => {
      console.error(cliMessage(err));
      process.exit(1);
    },
  });
}

void main();
