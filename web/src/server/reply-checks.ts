import { AppError } from '@earshot/db';
import { findPersonalData, HOSTILE_MESSAGE, isHostile, type OverridableCheck, type ReplyCheckFinding, type ReplyCheckResult } from '../api/reply-checks.ts';
import { replyLength, tooLongMessage } from '../api/reply-length.ts';
import type { ServerContext } from './server-context.ts';

/**
 * The pre-send checks of a public reply on a platform: its length counted the platform's way
 * (the dashboard's counter uses the same function), personal data, and the model's tone.
 */
export function checkReplyBeforeSend(ctx: Pick<ServerContext, 'platforms' | 'decisions'>, platform: string, text: string): ReplyCheckResult {
  const rules = ctx.platforms.list().find((p) => p.platform === platform);
  if (!rules) throw new AppError('BAD_REQUEST', `Replies on "${platform}" are not supported: no such platform is installed.`);
  const length = replyLength(text, { counting: rules.replyCounting, limit: rules.replyLimit });
  const findings: ReplyCheckFinding[] = [];
  if (length.over > 0) findings.push({ check: 'too-long', message: tooLongMessage(rules.label, length, rules.replyCounting) });
  findings.push(...findPersonalData(text));
  const tone = text.trim().length === 0 ? null : ctx.decisions.replyTone(text);
  if (tone !== null && isHostile(tone)) findings.push({ check: 'hostile', message: HOSTILE_MESSAGE });
  return { length: length.length, limit: length.limit, findings, tone };
}

/** Refuses a reply that is too long, or fails a check the agent did not override. */
export function assertReplyMaySend(result: ReplyCheckResult, overrides: readonly OverridableCheck[]): void {
  const tooLong = result.findings.find((f) => f.check === 'too-long');
  if (tooLong) throw new AppError('BAD_REQUEST', tooLong.message);
  const open = result.findings.filter((f) => f.check !== 'too-long' && !overrides.includes(f.check));
  if (open.length > 0) {
    throw new AppError('BAD_REQUEST', `${open.map((f) => f.message).join(' ')} (To send anyway, confirm: it is recorded in the audit log.)`, {
      reason: `checks:${open.map((f) => f.check).join(',')}`,
    });
  }
}
