import crypto from 'node:crypto';

// Passwords (issue 11 point 5): salted scrypt hashes in a self-describing form,
// `scrypt$N$r$p$salt$hash` (salt and hash in base64url), at most 128 characters; compared in constant time.

export const SCRYPT = { N: 32768, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;
const MAX_MEM = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyBytes: number): Buffer {
  return crypto.scryptSync(password.normalize('NFC'), salt, keyBytes, { N, r, p, maxmem: MAX_MEM });
}

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(SCRYPT.saltBytes);
  const key = derive(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyBytes);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** Reads a stored hash; null when it is not one this app can check (parameters kept within bounds). */
export function parseHash(stored: string | null | undefined): Parsed | null {
  if (!stored || stored.length > 128) return null;
  const m = /^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$([\w-]{16,64})\$([\w-]{16,128})$/.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const powerOfTwo = N >= 1024 && N <= 1 << 20 && (N & (N - 1)) === 0;
  if (!powerOfTwo || r < 1 || r > 32 || p < 1 || p > 16 || 128 * N * r > MAX_MEM) return null;
  return { N, r, p, salt: Buffer.from(m[4], 'base64url'), key: Buffer.from(m[5], 'base64url') };
}

/** Whether the password matches the stored hash, compared in constant time. */
export function verifyPassword(password: string, stored: string | null | undefined): boolean {
  const h = parseHash(stored);
  if (!h) {
    // the same work as a real check, so that a missing hash does not answer faster
    derive(password, Buffer.alloc(SCRYPT.saltBytes), SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyBytes);
    return false;
  }
  const key = derive(password, h.salt, h.N, h.r, h.p, h.key.length);
  return crypto.timingSafeEqual(key, h.key);
}

/**
 * Repeated failures slow down: after 3 failures in a row, each further attempt is refused until a
 * wait has passed, doubling from 2 seconds to at most 5 minutes.
 */
export function failureWaitMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(2000 * 2 ** (failures - 3), 5 * 60_000);
}
