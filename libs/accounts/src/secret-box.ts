import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Clock } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WebStatesRepository } from '@app/persistence';

/** Where the server's own key is kept when SECRET_KEY is unset; it never expires. */
const SERVER_KEY = 'csrf:hmac-key';
const NEVER = '9999-12-31T23:59:59.999Z';

/**
 * The server's own key when SECRET_KEY is unset, drawn once and kept in the database so that every
 * instance, and the next start, has the same: the first to need it draws it (`drawn`), the others
 * read it. The CSRF protection signs with it (apps/server/src/web/csrf.ts); SecretBox derives from it.
 */
export async function serverKey(states: WebStatesRepository, now: string): Promise<{ key: string; drawn: boolean }> {
  const drawn = await states.claim(SERVER_KEY, 'csrf', null, randomBytes(32).toString('hex'), NEVER, now);
  const key = await states.get<string>(SERVER_KEY, 'csrf', now);
  if (!key) throw new Error('The server key kept in the database could not be read');
  return { key, drawn };
}

/** Sealed text: version, IV and ciphertext followed by the GCM tag, all base64url. */
const VERSION = 'v1';

/**
 * Seals secrets kept in the database (the TOTP second factors) with AES-256-GCM under a key derived
 * (HKDF-SHA-256) from SECRET_KEY, or from the key kept in the database when it is unset: a copy of
 * the users table alone does not give anyone's second factor away. The derivation is labelled, so
 * this key is never the one the CSRF tokens are signed with. Setting or changing SECRET_KEY later
 * makes the sealed secrets unreadable (each person then enrols again).
 */
@Injectable()
export class SecretBox {
  private key?: Promise<Buffer>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly states: WebStatesRepository,
    private readonly clock: Clock,
  ) {}

  async seal(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.keyOnce(), iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  /** The sealed text opened, or null when it cannot be (another key, altered text). */
  async open(text: string): Promise<string | null> {
    const [version, iv, body] = text.split('.');
    if (version !== VERSION || !iv || !body) return null;
    try {
      const sealed = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', await this.keyOnce(), Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  private keyOnce(): Promise<Buffer> {
    this.key ??= this.deriveKey().catch((e: unknown) => {
      this.key = undefined; // a database hiccup at the first use must not stick
      throw e;
    });
    return this.key;
  }

  private async deriveKey(): Promise<Buffer> {
    const material = this.config.secretKey ?? (await serverKey(this.states, this.clock.now().toISOString())).key;
    return Buffer.from(hkdfSync('sha256', material, 'feuille-de-route', 'secret-box:totp', 32));
  }
}
