import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { Problem } from '@app/common';

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

/** What is wrong with a new password, as a problem of the field `password`, or null. */
export function passwordProblem(password: string): Problem | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return { code: 'validation.too_short', field: 'password', params: { min: MIN_PASSWORD_LENGTH, length: password.length } };
  if (password.length > 256) return { code: 'validation.too_long', field: 'password', params: { max: 256, length: password.length } };
  return null;
}
