import QRCode from 'qrcode';
import { groupedSecret, MIN_PASSWORD_LENGTH, passwordProblem, totpUri } from '@app/accounts';
import type { WebLabels } from '@app/presentation';
import type { PageError } from './forms';

/** Side of the QR code, in CSS pixels: large enough for any phone camera at arm's length. */
const QR_SIZE = 240;

/** What the enrolment page shows for a secret: the QR code (a data: PNG, which the CSP allows) and the key in groups of four. */
export async function totpEnrolment(secret: string, email: string): Promise<{ qr: string; size: number; key: string }> {
  const qr = await QRCode.toDataURL(totpUri(secret, email), { errorCorrectionLevel: 'M', margin: 2, width: QR_SIZE });
  return { qr, size: QR_SIZE, key: groupedSecret(secret) };
}

/** The rule of every password (passwordProblem), in the pages' words, on the field `password`. */
export function newPasswordProblem(password: string, labels: WebLabels): PageError | null {
  if (!passwordProblem(password)) return null;
  return { field: 'password', message: password.length < MIN_PASSWORD_LENGTH ? labels.passwordTooShort : labels.passwordTooLong };
}
