import { Forbidden } from '@app/common';

/** Who the identity provider (ProConnect) says signed in: its subject and the claims we use. */
export interface ProviderIdentity {
  /** The provider's stable identifier of the person (`sub`). */
  subject: string;
  email?: unknown;
  /** `email_verified`: ProConnect does not send it (its e-mails are the agents' work addresses); `false` is refused. */
  emailVerified?: unknown;
  givenName?: unknown;
  /** ProConnect's family name claim (`usual_name`). */
  usualName?: unknown;
}

/** What the rules need to know of an account. */
export interface LinkableAccount {
  id: number;
  email: string;
  disabledAt: string | null;
  /** The provider subject bound at the first provider sign-in, if any. */
  oidcSubject: string | null;
}

/** Whether a first provider sign-in of an unknown e-mail opens a viewer account, or is refused. */
export type NewUserRole = 'viewer' | 'none';

export type ProviderSignIn =
  { kind: 'existing'; userId: number; email: string; bindSubject: boolean } | { kind: 'new'; email: string; name: string; role: 'viewer' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The identity's e-mail, trimmed and lower-cased, or null when it is missing, malformed or said unverified. */
export function verifiedEmail(identity: ProviderIdentity): string | null {
  if (identity.emailVerified === false || typeof identity.email !== 'string') return null;
  const email = identity.email.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** "Prénom Nom" from the identity's names, else the e-mail: a new account's name. */
export function displayName(identity: ProviderIdentity, email: string): string {
  const part = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name = [part(identity.givenName), part(identity.usualName)].filter(Boolean).join(' ');
  return (name || email).slice(0, 200);
}

/**
 * Which account a provider identity signs into. Accounts match by e-mail (case does not count); the
 * provider's subject is bound to the account at its first provider sign-in, and a later sign-in with
 * another subject for that e-mail is refused (someone else now holds the address at the provider).
 * A disabled account is refused; an unknown e-mail opens a viewer account or is refused, as
 * configured. `byEmail` is the account with the identity's e-mail, `bySubject` the one already bound
 * to its subject. Refusals are Forbidden errors whose message says what to do.
 */
export function providerSignIn(
  identity: ProviderIdentity,
  byEmail: LinkableAccount | undefined,
  bySubject: LinkableAccount | undefined,
  newUserRole: NewUserRole,
): ProviderSignIn {
  const email = verifiedEmail(identity);
  if (!email) throw new Forbidden('auth.proconnect.email_missing');
  if (bySubject && bySubject.id !== byEmail?.id) throw new Forbidden('auth.proconnect.subject_taken', { account: bySubject.email, email });
  if (byEmail) {
    if (byEmail.disabledAt) throw new Forbidden('auth.proconnect.account_disabled', { email: byEmail.email });
    if (byEmail.oidcSubject !== null && byEmail.oidcSubject !== identity.subject)
      throw new Forbidden('auth.proconnect.subject_mismatch', { email: byEmail.email });
    return { kind: 'existing', userId: byEmail.id, email: byEmail.email, bindSubject: byEmail.oidcSubject === null };
  }
  if (newUserRole === 'none') throw new Forbidden('auth.proconnect.unknown_account', { email });
  return { kind: 'new', email, name: displayName(identity, email), role: 'viewer' };
}
