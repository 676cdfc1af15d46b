import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane): memory-hard for an
 * attacker, without a 64 MiB spike per sign-in on the server. Existing hashes keep the parameters
 * they were made with (they are stored in the hash).
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A readable random password for the first administrator or a reset. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'must have at most 256 characters';
  return null;
}
