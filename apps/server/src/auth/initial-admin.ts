import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from '@app/accounts';

/** Creates the first administrator on an empty database, before the server takes requests. */
@Injectable()
export class InitialAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(private readonly users: UsersService) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.users.ensureInitialAdmin();
    if (!created) return;
    this.logger.log({ msg: 'Created the first administrator', email: created.email });
    if (created.generatedPassword) {
      // Printed once, on the console only: it never goes into the structured logs.
      process.stdout.write(
        `\n  First administrator: ${created.email}\n  Generated password:  ${created.generatedPassword}\n` +
          `  (shown once; set ADMIN_PASSWORD to choose it, or change it with "npm run cli -- user set-password")\n\n`,
      );
    }
  }
}
