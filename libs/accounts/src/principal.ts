import type { Role, TokenKind } from '@app/persistence';

/** Who is making a request, resolved from a bearer token or a session cookie. */
export interface Principal {
  userId: number;
  email: string;
  name: string;
  role: Role;
  /** Bodies an editor records for (acronyms). */
  bodies: string[];
  /** The territory an editor records for (an ARS: its region), or null: national. */
  scope: { level: 'region' | 'departement'; code: string } | null;
  tokenId: number;
  tokenKind: TokenKind;
}

export interface ObjectiveBodies {
  leadBody: string;
  contributingBodies: string[];
}

/**
 * Who may record values and milestone progress for an objective: admins everywhere, editors for
 * objectives one of their bodies leads or contributes to, viewers nowhere.
 */
export function canRecordFor(principal: Pick<Principal, 'role' | 'bodies'>, objective: ObjectiveBodies): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'editor') return false;
  return [objective.leadBody, ...objective.contributingBodies].some((b) => principal.bodies.includes(b));
}
