import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { ProviderIdentity } from '@app/accounts';
import { Forbidden, Unavailable } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/** Seconds a request to the provider may take: a sign-in waits for it. */
const PROVIDER_TIMEOUT_S = 10;
/** Loopback issuers (a provider on this machine, as in the tests) may use plain HTTP; every other one must use HTTPS. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What a sign-in keeps between its start and the provider's answer. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * The OpenID Connect client of ProConnect (openid-client): discovery of the issuer on first use (so a
 * provider that is down never stops the server from starting; a failed discovery is tried again on the
 * next sign-in), authorization code with PKCE (S256), state and nonce, the token exchange (openid-client
 * checks the state, the `iss` of the answer, PKCE, and the ID token's issuer, audience, nonce, dates and
 * — with non-repudiation checks on — its signature against the provider's keys), the userinfo (a
 * signed JWT at ProConnect, checked the same way) and the end-session URL.
 */
@Injectable()
export class ProConnectClient {
  private readonly logger = new Logger('ProConnect');
  private discovered?: Promise<oidc.Configuration>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get settings(): NonNullable<AppConfig['oidc']> {
    if (!this.config.oidc) throw new Error('ProConnect is not configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI)');
    return this.config.oidc;
  }

  /** Where to send the browser to sign in, with fresh checks to keep until it comes back. */
  async authorizationUrl(): Promise<{ url: URL; checks: AuthorizationChecks }> {
    const configuration = await this.configuration();
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, checks };
  }

  /**
   * The provider's answer (the callback's query string) exchanged for the person's identity and the ID
   * token (kept for the sign-out). Refusals and faults become domain errors; the cause is logged.
   */
  async identity(callbackQuery: string, checks: AuthorizationChecks): Promise<{ identity: ProviderIdentity; idToken: string }> {
    const configuration = await this.configuration();
    // The registered redirect URI, not the Host header (a proxy may have rewritten it), with the answer's parameters.
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = callbackQuery;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      const all = { ...claims, ...userinfo };
      return {
        identity: { subject: claims.sub, email: all.email, emailVerified: all.email_verified, givenName: all.given_name, usualName: all.usual_name },
        idToken: tokens.id_token!,
      };
    } catch (error) {
      throw this.refusal(error);
    }
  }

  /** The provider's end-session URL for a session opened with this ID token, or null when it has none (or cannot be reached). */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string, state: string): Promise<URL | null> {
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configuration();
    } catch {
      return null; // signed out here all the same; the provider's session ends on its own
    }
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri, state });
  }

  /** The discovered configuration: fetched once, fetched again after a failure. */
  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= this.discover().catch((error) => {
      this.discovered = undefined;
      this.logger.warn({ msg: 'ProConnect discovery failed', issuer: this.settings.issuer, error: describe(error) });
      throw new Unavailable('auth.proconnect.provider_unreachable');
    });
    return this.discovered;
  }

  private async discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const server = new URL(issuer);
    const execute = [oidc.enableNonRepudiationChecks, ...(server.protocol === 'http:' && LOOPBACK.has(server.hostname) ? [oidc.allowInsecureRequests] : [])];
    const configuration = await oidc.discovery(server, clientId, clientSecret, oidc.ClientSecretPost(clientSecret), { execute, timeout: PROVIDER_TIMEOUT_S });
    configuration.timeout = PROVIDER_TIMEOUT_S;
    return configuration;
  }

  /** What went wrong with the provider's answer, as the person can be told; the cause goes to the log. */
  private refusal(error: unknown): Error {
    if (error instanceof oidc.AuthorizationResponseError) {
      this.logger.warn({ msg: 'ProConnect refused the sign-in', error: error.error, description: error.error_description });
      return new Forbidden('auth.proconnect.provider_refused', { error: error.error });
    }
    if (unreachable(error)) {
      this.logger.warn({ msg: 'ProConnect could not be reached', error: describe(error) });
      return new Unavailable('auth.proconnect.provider_unreachable');
    }
    // A replayed or foreign code (invalid_grant), a wrong nonce, issuer, audience or signature.
    this.logger.warn({ msg: 'ProConnect answer rejected', error: describe(error) });
    return new Forbidden('auth.proconnect.response_invalid');
  }
}

/** fetch's own failures (refused connection, DNS, timeout), as opposed to an answer that was wrong. */
function unreachable(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | null;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return true;
  return error instanceof TypeError && e?.code === undefined;
}

function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; error?: string; cause?: { message?: string; code?: string } } | null;
  return [e?.code, e?.error, e?.message, e?.cause?.code, e?.cause?.message].filter(Boolean).join(' — ') || String(error);
}
