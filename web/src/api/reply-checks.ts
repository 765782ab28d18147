// No zod here: the dashboard bundles this file, and zod probes `new Function`, which the
// dashboard's Content-Security-Policy refuses. Its schemas are in find-contract.ts.

// Checks before a public reply goes out. The dashboard runs them as the agent types (and asks the
// server for the tone); the server runs them again on send and refuses a reply that fails one the
// agent did not override. An override is one click, sent with the reply and kept in the audit log.

/** Checks an agent may override: something private in a public reply, or a hostile tone. */
export const OVERRIDABLE_CHECKS = ['email', 'phone', 'card', 'hostile'] as const;
export type OverridableCheck = (typeof OVERRIDABLE_CHECKS)[number];

export interface ReplyCheckFinding {
  check: OverridableCheck | 'too-long';
  /** What was found, in the agent's words, and what to do. */
  message: string;
  /** The text that triggered it (for email, phone and card), to highlight. */
  found?: string | undefined;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
// 13 to 19 digits, in groups separated by single spaces or dashes.
const CARD_CANDIDATE = /(?<![\d+])\d(?:[ -]?\d){12,18}(?![\d])/g;
// A run of digits with the separators phone numbers are written with, optionally starting with +.
const PHONE_CANDIDATE = /(?<![\w+])\+?\(?\d[\d\s().-]{5,18}\d(?![\d])/g;

/** The Luhn checksum every payment card number passes. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A card number in the text, or null: 13–19 digits (optionally grouped by spaces or dashes) that
 * start as card numbers do (2–6: Mastercard, Amex, Visa, Discover…) and pass Luhn. A timestamp or
 * an order number starting with 1 or 7–9 is not one.
 */
export function findCardNumber(text: string): string | null {
  for (const m of text.matchAll(CARD_CANDIDATE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhn(digits)) return m[0];
  }
  return null;
}

/**
 * A phone number in the text, or null: 8–15 digits after a "+", or 7–15 digits written in at least
 * three groups ("415 555 0100", "(415) 555-0100", "0171 123 4567"). A plain run of digits is more
 * often an order or booking number, and a date or a card number is not a phone number.
 */
export function findPhoneNumber(text: string): string | null {
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(raw) || /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(raw)) continue;
    if (!raw.startsWith('+') && findCardNumber(raw) !== null) continue;
    const groups = raw.split(/[\s().-]+/).filter((g) => g.length > 0).length;
    if (raw.startsWith('+') ? digits.length >= 8 && digits.length <= 15 : groups >= 3 && digits.length >= 7 && digits.length <= 15) return raw;
  }
  return null;
}

export function findEmailAddress(text: string): string | null {
  return EMAIL.exec(text)?.[0] ?? null;
}

/** What a public reply should not carry, each with the text found. */
export function findPersonalData(text: string): ReplyCheckFinding[] {
  const out: ReplyCheckFinding[] = [];
  const email = findEmailAddress(text);
  if (email !== null) out.push({ check: 'email', found: email, message: `This public reply contains an e-mail address (${email}): anyone can read it. Ask the customer to send a private message instead, or send anyway if it is the brand's public support address.` });
  const card = findCardNumber(text);
  if (card !== null) out.push({ check: 'card', found: card, message: 'This public reply contains what looks like a payment card number: never post one publicly. Remove it, or send anyway if it is not a card number.' });
  // A card number also reads as a long phone number; say card only.
  const phone = findPhoneNumber(card === null ? text : text.replace(card, ''));
  if (phone !== null) out.push({ check: 'phone', found: phone, message: `This public reply contains a phone number (${phone}): anyone can read it. Remove it, or send anyway if it is the brand's public support line.` });
  return out;
}

/**
 * How negative the model must find a reply, and how sure, for it to count as hostile. The model was
 * trained on customers' posts, where "sorry" and "bag desk" mean trouble: an apology scores about
 * −0.75 and an apology naming the problem up to −0.97, while insults ("pathetic", "stupid
 * question") score −0.995 and below. So only the extreme counts; milder rudeness passes.
 */
export const HOSTILE_SCORE = -0.99;
export const HOSTILE_CONFIDENCE = 0.99;

export function isHostile(tone: { sentiment: string; score: number; confidence: number }): boolean {
  return tone.sentiment === 'negative' && tone.score <= HOSTILE_SCORE && tone.confidence >= HOSTILE_CONFIDENCE;
}

export const HOSTILE_MESSAGE = 'This reply reads as hostile to the sentiment model: a public reply is the brand speaking. Soften it, or send anyway if the tone is right.';

/** POST /api/replies/check: what the dashboard asks before send (ReplyCheckBodySchema in find-contract.ts). */
export interface ReplyCheckBody {
  mentionId: string;
  text: string;
}

export interface ReplyCheckResult {
  length: number;
  limit: number;
  findings: ReplyCheckFinding[];
  tone: { sentiment: 'negative' | 'neutral' | 'positive'; score: number; confidence: number } | null;
}
