import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { freePort } from './ports';

/** A person known to the test provider, signed in by typing `login` in its sign-in form. */
export interface ProviderAccount {
  login: string;
  sub: string;
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  usual_name?: string;
}

/** A client (our application) registered at the provider. */
export interface ProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export interface TestProvider {
  /** `http://localhost:<port>`: another site than the app's 127.0.0.1, as ProConnect is. */
  issuer: string;
  accounts: Map<string, ProviderAccount>;
  /** How many authorization codes the token endpoint refused (a replayed or foreign code). */
  refusedGrants: () => number;
  close: () => Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider, the certified implementation ProConnect's own core
 * is built on) set up the way ProConnect works: authorization code with PKCE (S256) required, client
 * authentication by client_secret_post, the e-mail and names (`given_name`, `usual_name`) given by
 * the userinfo endpoint as an RS256-signed JWT (the ID token carries `sub` only), RP-initiated logout.
 * Its sign-in page is oidc-provider's development form (any password; the login picks the account);
 * consent is taken as given, as ProConnect does for its registered services.
 */
export async function startTestProvider(clients: ProviderClient[], accounts: ProviderAccount[]): Promise<TestProvider> {
  const { default: Provider, errors } = await import('oidc-provider');
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  const known = new Map(accounts.map((a) => [a.login, a]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let refused = 0;

  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      post_logout_redirect_uris: [c.postLogoutRedirectUri],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
      userinfo_signed_response_alg: 'RS256',
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'given_name', 'usual_name'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], given_name: ['given_name'], usual_name: ['usual_name'] },
    features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = known.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const { login: _login, ...claims } = account;
          return claims;
        },
      };
    },
    // The service is registered with the provider: no consent screen.
    async loadExistingGrant(ctx: ProviderContext) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email given_name usual_name');
      await grant.save();
      return grant;
    },
  });
  provider.on('grant.error', (_ctx: unknown, error: unknown) => {
    if (error instanceof errors.InvalidGrant) refused++;
  });

  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    accounts: known,
    refusedGrants: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ProviderContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: GrantClass };
  };
}
interface GrantClass {
  new (init: { clientId: string; accountId: string }): { addOIDCScope(scope: string): void; save(): Promise<string> };
  find(id: string): Promise<unknown>;
}
