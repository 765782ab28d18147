import { createHmac } from 'node:crypto';

/**
 * RFC 6238 written out here (not the server's library), so the two must agree as any
 * authenticator app would: SHA-1, 6 digits, 30-second steps, base32 secret.
 */
export function totpCode(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The code of the next 30-second step: accepted now (one step of drift is allowed) and not used before. */
export function nextTotpCode(base32: string): string {
  return totpCode(base32, Date.now() + 30_000);
}
