import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from '@app/accounts';

/**
 * Creates the first administrator on an empty database, before the server takes requests. The
 * banner saying who it is (and the generated password) is printed by main.ts once the server
 * listens, last, so that it is not scrolled away by the start-up log.
 */
@Injectable()
export class InitialAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');
  private created: { email: string; generatedPassword?: string } | null = null;

  constructor(private readonly users: UsersService) {}

  async onApplicationBootstrap(): Promise<void> {
    this.created = await this.users.ensureInitialAdmin();
    if (this.created) this.logger.log({ msg: 'Created the first administrator', email: this.created.email });
  }

  /**
   * The console banner for the administrator created at this start (null when there was one
   * already), given once: the generated password never goes into the structured logs.
   */
  takeBanner(signInUrl: string): string | null {
    const created = this.created;
    this.created = null;
    if (!created) return null;
    const password = created.generatedPassword
      ? `  Generated password:  ${created.generatedPassword}\n` +
        `  (shown once; set ADMIN_PASSWORD to choose it, or change it with "npm run cli -- user set-password")\n`
      : '  Password:            the one in ADMIN_PASSWORD\n';
    return `\n  First administrator: ${created.email}\n${password}  Sign in at:          ${signInUrl}\n\n`;
  }
}
