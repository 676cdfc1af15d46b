import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { generatePassword, UsersService } from '@app/accounts';
import { NotFound } from '@app/common';
import { RoadmapRepository, Role, UsersRepository } from '@app/persistence';
import { table } from '../text-table';

interface CreateOptions {
  email: string;
  name?: string;
  role: Role;
  body?: string[];
  password?: string;
  lang?: 'fr' | 'en';
}

@SubCommand({ name: 'create', description: 'Create an account (prints a generated password unless --password is given)' })
export class UserCreateCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly roadmap: RoadmapRepository,
  ) {
    super();
  }

  async run(_params: string[], o: CreateOptions): Promise<void> {
    if (!o.email || !o.role) throw new Error('--email and --role are required (see --help).');
    if (this.roadmap.structure().bodies.length === 0) {
      throw new Error('The database has no roadmap yet: run "npm run cli -- seed" (or start the server) first.');
    }
    const password = o.password ?? generatePassword();
    const user = await this.users.create({ email: o.email, name: o.name ?? o.email, password, role: o.role, bodies: o.body ?? [], lang: o.lang }, null);
    console.log(`Created ${user.role} ${user.email}${user.bodies.length ? ` for ${user.bodies.join(', ')}` : ''} (id ${user.id}).`);
    if (!o.password) console.log(`Password: ${password}`);
  }

  @Option({ flags: '-e, --email <email>', description: 'e-mail used to sign in', required: true })
  email(v: string) {
    return v;
  }
  @Option({ flags: '-n, --name <name>', description: 'display name' })
  name(v: string) {
    return v;
  }
  @Option({ flags: '-r, --role <role>', description: 'admin | validator | editor | viewer', required: true })
  role(v: string) {
    return v;
  }
  @Option({ flags: '-b, --body <acronym>', description: 'a body an editor records for (repeat for several)' })
  body(v: string, previous: string[] = []) {
    return [...previous, v];
  }
  @Option({ flags: '-p, --password <password>', description: 'initial password (at least 12 characters)' })
  password(v: string) {
    return v;
  }
  @Option({ flags: '-l, --lang <lang>', description: 'language of the mails the person receives: fr (default) | en' })
  lang(v: string) {
    return v;
  }
}

@SubCommand({ name: 'list', description: 'List accounts' })
export class UserListCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }
  async run(): Promise<void> {
    const users = await this.users.list();
    if (users.length === 0) {
      console.log('No accounts yet.');
      return;
    }
    console.log(
      table(
        ['ID', 'EMAIL', 'NAME', 'ROLE', 'BODIES', 'STATE'],
        users.map((u) => [
          String(u.id),
          u.email,
          u.name,
          u.role,
          u.bodies.join(', ') || '–',
          u.disabledAt ? `disabled since ${u.disabledAt.slice(0, 10)}` : 'active',
        ]),
      ),
    );
  }
}

@SubCommand({ name: 'set-password', arguments: '<email>', description: 'Set a new password (generated unless --password); ends open sessions' })
export class UserSetPasswordCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly repo: UsersRepository,
  ) {
    super();
  }
  async run([email]: string[], o: { password?: string }): Promise<void> {
    const user = await this.repo.findByEmail(email);
    if (!user) throw new NotFound('not_found.user_email', { email });
    const password = o.password ?? generatePassword();
    await this.users.update(user.id, { password }, user.id);
    console.log(`Password changed for ${user.email}.${o.password ? '' : ` New password: ${password}`}`);
  }
  @Option({ flags: '-p, --password <password>', description: 'the new password (at least 12 characters)' })
  password(v: string) {
    return v;
  }
}

@SubCommand({ name: 'disable', arguments: '<email>', description: 'Disable an account and revoke its tokens' })
export class UserDisableCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly repo: UsersRepository,
  ) {
    super();
  }
  async run([email]: string[]): Promise<void> {
    const user = await this.repo.findByEmail(email);
    if (!user) throw new NotFound('not_found.user_email', { email });
    await this.users.update(user.id, { disabled: true }, user.id);
    console.log(`Disabled ${user.email}; its sessions and tokens are revoked.`);
  }
}

@Command({
  name: 'user',
  description: 'Manage accounts',
  subCommands: [UserCreateCommand, UserListCommand, UserSetPasswordCommand, UserDisableCommand],
})
export class UserCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
