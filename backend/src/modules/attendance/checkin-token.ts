import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Rotating check-in tokens, short codes and tickets (pure functions; the key comes from CheckinKeyService).
 *
 * token  = b64url(sessionId[16] ‖ step[4] ‖ stepSeconds[1]) "." b64url(HMAC(key, "qr" ‖ payload)[:16])
 * code   = 6 digits of HMAC(key, "code|" sessionId "|" stepSeconds "|" step)
 * ticket = b64url(sessionId[16] ‖ issuedAt[4] ‖ sha256(deviceToken)[:8]) "." b64url(HMAC(key, "ticket" ‖ payload)[:16])
 *
 * step = floor(unixSeconds / stepSeconds). Only the current and the previous step are accepted (a screenshot is
 * useless after at most 2 × stepSeconds); a ticket (given by /check-in/resolve for a live token) lasts 5 minutes,
 * so a resident has time to type a name and phone.
 */

export const TICKET_SECONDS = 300;
const SIG_BYTES = 16;

const b64 = (b: Buffer) => b.toString('base64url');
const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (key: Buffer, label: string, payload: Buffer) =>
  createHmac('sha256', key).update(label).update(payload).digest().subarray(0, SIG_BYTES);

export const stepOf = (nowMs: number, stepSeconds: number) => Math.floor(nowMs / 1000 / stepSeconds);

function split(s: unknown, payloadLen: number): { payload: Buffer; sig: Buffer } | null {
  if (typeof s !== 'string' || s.length > 200 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(s)) return null;
  const [p, g] = s.split('.');
  const payload = Buffer.from(p, 'base64url');
  const sig = Buffer.from(g, 'base64url');
  if (payload.length !== payloadLen || sig.length !== SIG_BYTES) return null;
  return { payload, sig };
}

export function signToken(key: Buffer, sessionId: string, step: number, stepSeconds: number): string {
  const payload = Buffer.alloc(21);
  uuidBytes(sessionId).copy(payload, 0);
  payload.writeUInt32BE(step >>> 0, 16);
  payload.writeUInt8(stepSeconds, 20);
  return `${b64(payload)}.${b64(mac(key, 'qr', payload))}`;
}

/** null = malformed or forged (bad signature). */
export function parseToken(key: Buffer, token: unknown): { sessionId: string; step: number; stepSeconds: number } | null {
  const parts = split(token, 21);
  if (!parts || !timingSafeEqual(parts.sig, mac(key, 'qr', parts.payload))) return null;
  return { sessionId: uuidOf(parts.payload.subarray(0, 16)), step: parts.payload.readUInt32BE(16), stepSeconds: parts.payload.readUInt8(20) };
}

export function shortCode(key: Buffer, sessionId: string, step: number, stepSeconds: number): string {
  const h = createHmac('sha256', key).update(`code|${sessionId}|${stepSeconds}|${step}`).digest();
  return String(h.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export const deviceHash = (deviceToken: string) => createHash('sha256').update(deviceToken).digest();

export function signTicket(key: Buffer, sessionId: string, issuedAtSec: number, deviceToken: string): string {
  const payload = Buffer.alloc(28);
  uuidBytes(sessionId).copy(payload, 0);
  payload.writeUInt32BE(issuedAtSec >>> 0, 16);
  deviceHash(deviceToken).copy(payload, 20, 0, 8);
  return `${b64(payload)}.${b64(mac(key, 'ticket', payload))}`;
}

export function parseTicket(key: Buffer, ticket: unknown): { sessionId: string; issuedAt: number; device8: Buffer } | null {
  const parts = split(ticket, 28);
  if (!parts || !timingSafeEqual(parts.sig, mac(key, 'ticket', parts.payload))) return null;
  return { sessionId: uuidOf(parts.payload.subarray(0, 16)), issuedAt: parts.payload.readUInt32BE(16), device8: Buffer.from(parts.payload.subarray(20, 28)) };
}

/** A device token: 32 random bytes, base64url (43 characters). */
export const newDeviceToken = () => b64(randomBytes(32));
export const DEVICE_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
