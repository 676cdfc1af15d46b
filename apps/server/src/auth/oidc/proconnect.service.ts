import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { generatePassword, hashPassword, ProviderIdentity, providerSignIn, TokensService, verifiedEmail } from '@app/accounts';
import { Clock, DomainError } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuditRepository, OidcAccountsRepository, Transactor } from '@app/persistence';
import { WebStates } from '../../web/web-states';
import { AuthorizationChecks, ProConnectClient } from './proconnect-client';

/** How long a started sign-in waits for the provider's answer. */
export const SIGN_IN_TTL_MS = 10 * 60_000;
/** How long the page that sends a signed-out browser on to the provider may be opened. */
const SIGN_OUT_HOP_TTL_MS = 5 * 60_000;
const HOUR = 3_600_000;

/** A started sign-in, kept in web_states under its `state` until the provider's answer comes back. */
interface PendingSignIn extends Omit<AuthorizationChecks, 'state'> {
  returnTo: string;
  /** SHA-256 of the secret of the browser that started it (its `fdr_proconnect` cookie). */
  browser: string;
}

/** A ProConnect session's ID token, kept for the sign-out (`id_token_hint`). */
interface ProviderSession {
  idToken: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Each web session opened through ProConnect keeps its ID token under a key named after the session. */
const sessionKey = (tokenId: number) => `session-${tokenId}`;

/**
 * Sign-in through ProConnect: starting it (state, nonce and PKCE verifier kept in the database, so the
 * answer may reach any instance), finishing it (the answer checked, the account found or opened by the
 * rules of libs/accounts/src/oidc-accounts.ts, a web session opened as the password sign-in opens one),
 * and the provider's part of the sign-out.
 */
@Injectable()
export class ProConnectSignIn {
  constructor(
    private readonly client: ProConnectClient,
    private readonly states: WebStates,
    private readonly accounts: OidcAccountsRepository,
    private readonly tokens: TokensService,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  /** The provider's sign-in page for this browser (identified by `browserSecret`), coming back to `returnTo`. */
  async start(returnTo: string, browserSecret: string): Promise<URL> {
    const { url, checks } = await this.client.authorizationUrl();
    const pending: PendingSignIn = { nonce: checks.nonce, codeVerifier: checks.codeVerifier, returnTo, browser: sha256(browserSecret) };
    await this.states.put('oidc-login', checks.state, null, pending, SIGN_IN_TTL_MS);
    return url;
  }

  /**
   * The provider's answer (the callback's query string): the started sign-in it belongs to is used up
   * (a second use of the same answer finds nothing), checked to come from the same browser, then the
   * identity is checked and the account signed in. Returns the new session's token and where to go.
   */
  async finish(callbackQuery: string, browserSecret: string | undefined): Promise<{ sessionToken: string; returnTo: string }> {
    const state = new URLSearchParams(callbackQuery).get('state') ?? '';
    const pending = state ? await this.states.take<PendingSignIn>('oidc-login', state) : undefined;
    if (!pending) throw new DomainError('validation', 'auth.proconnect.state_unknown');
    if (!browserSecret || sha256(browserSecret) !== pending.browser) throw new DomainError('validation', 'auth.proconnect.other_browser');
    const { identity, idToken } = await this.client.identity(callbackQuery, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
    const userId = await this.signIntoAccount(identity);
    const { token, record } = await this.tokens.issue(userId, 'web', { name: 'ProConnect' });
    const session: ProviderSession = { idToken };
    await this.states.put('oidc-login', sessionKey(record.id), userId, session, this.config.auth.sessionTtlHours * HOUR);
    return { sessionToken: token, returnTo: pending.returnTo };
  }

  /**
   * For the sign-out of a web session: when it was opened through ProConnect, the local page that
   * sends the browser on to the provider's end-session endpoint (the provider's session ends too);
   * null for any other session. The ID token is used up.
   */
  async signOutUrl(tokenId: number): Promise<string | null> {
    if (!this.enabled) return null;
    const session = await this.states.take<ProviderSession>('oidc-login', sessionKey(tokenId));
    if (!session) return null;
    const url = await this.client.endSessionUrl(session.idToken, `${this.config.publicUrl}/login`, randomBytes(24).toString('base64url'));
    if (!url) return null;
    const hop = `sign-out-${randomBytes(24).toString('base64url')}`;
    await this.states.put('oidc-login', hop, null, { url: url.href }, SIGN_OUT_HOP_TTL_MS);
    return `/auth/proconnect/sign-out?key=${encodeURIComponent(hop)}`;
  }

  /** The provider's end-session URL kept by signOutUrl, once. */
  async takeSignOut(key: string): Promise<string | undefined> {
    if (!key.startsWith('sign-out-')) return undefined;
    return (await this.states.take<{ url: string }>('oidc-login', key))?.url;
  }

  /** The account this identity signs into, opened when the rules say so; its subject bound, its sign-in recorded. */
  private async signIntoAccount(identity: ProviderIdentity): Promise<number> {
    const email = verifiedEmail(identity);
    // A new account gets a password nobody knows; its hash is made before the unit of work (no slow work inside one).
    const unusableHash = email && !(await this.accounts.findByEmail(email)) ? await hashPassword(generatePassword()) : null;
    return this.tx.run(async () => {
      const byEmail = email ? await this.accounts.findByEmail(email) : undefined;
      const bySubject = await this.accounts.findBySubject(identity.subject);
      const decision = providerSignIn(identity, byEmail, bySubject, this.config.oidc!.newUserRole);
      const at = this.clock.now().toISOString();
      if (decision.kind === 'new') {
        if (!unusableHash) throw new Error('An account disappeared during a ProConnect sign-in');
        const account = { email: decision.email, name: decision.name, role: decision.role };
        const id = await this.accounts.insert({ ...account, passwordHash: unusableHash, oidcSubject: identity.subject, createdAt: at });
        await this.audit.record({ at, userId: id, action: 'user.create', entityType: 'user', entityId: id, before: null, after: { id, ...account } });
        return id;
      }
      if (decision.bindSubject) {
        await this.accounts.bindSubject(decision.userId, identity.subject);
        const entry = { at, userId: decision.userId, action: 'user.update', entityType: 'user', entityId: decision.userId };
        await this.audit.record({ ...entry, before: { oidcSubject: null }, after: { oidcSubject: identity.subject } });
      }
      await this.accounts.recordSignIn(decision.userId, at);
      return decision.userId;
    });
  }
}
