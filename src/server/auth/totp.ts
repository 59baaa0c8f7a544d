import { authenticator } from 'otplib';
import QRCode from 'qrcode';

// RFC 6238 defaults (SHA-1, 6 digits, 30 s) because every authenticator app supports them;
// window 1 accepts the previous and next step for clock drift on phones.
authenticator.options = { window: 1 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function verifyTotp(secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  try {
    return authenticator.check(code, secret);
  } catch {
    return false;
  }
}

export async function totpEnrolment(email: string, secret: string) {
  const otpauthUrl = authenticator.keyuri(email, 'Signaal', secret);
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { secret, otpauthUrl, qrDataUrl };
}
