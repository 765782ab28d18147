import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OverridableCheck, PlatformDto, ReplyCheckFinding, ReplyCheckResult, ReplyDto, SendReplyBody } from '../../src/api/contract.ts';
import { findPersonalData } from '../../src/api/reply-checks.ts';
import { replyLength, tooLongMessage } from '../../src/api/reply-length.ts';
import { visibleText } from '../../src/api/text-rules.ts';
import { renderSavedReply } from '../../src/api/saved-reply-variables.ts';
import type { SavedRepliesAnswer, SavedReplyDto } from '../../src/api/contract.ts';
import { SuggestionText, Suggestions, useSuggestionKeys } from './Suggestions.tsx';
import { ApiError, api, errorMessage } from './api.ts';
import { countCharacters, platformLabel } from './format.ts';
import { newIdempotencyKey } from './idempotency-key.ts';
import { useResource } from './use-resource.ts';
import { cx } from './class-names.ts';
import styles from './ReplyComposer.module.css';

interface Props {
  mentionId: string;
  platform: string;
  replyingTo: string;
  onSent(reply: ReplyDto): void;
  /** Team inbox: teammates typing a reply to this mention now (sending asks first). */
  othersTyping?: string[];
  onTyped?(): void;
  /** Offers "Send and close": called after the reply was accepted. */
  onSentAndClose?(): void;
}

/** Why a send waits for a second click: someone else is typing, or already replied. */
type Ask = { message: string; confirm: boolean };
/** How long typing must pause before the server is asked about the reply's tone. */
const TONE_DELAY_MS = 500;

/**
 * One compose = one idempotency key. A resend after a failure (say the network dropped
 * before the answer arrived) reuses the key, so the server returns the reply it already
 * stored instead of posting twice. Only a successful send starts a new compose.
 *
 * The counter counts the platform's way with the function the server refuses with
 * (web/src/api/reply-length.ts). Pre-send checks (personal data here as you type, the tone from
 * the server's sentiment model after a pause) hold Send until fixed or overridden; an override is
 * sent with the reply and recorded in the audit log.
 *
 * A "/" at the start of the box offers the saved replies that serve this mention's brand,
 * filtered by what follows it; picking one replaces the box's text with it, its variables filled
 * with the values the server gives for this mention (saved-reply-variables.ts). The inserted text
 * is then an ordinary reply: counted and checked like one typed.
 */
export function ReplyComposer({ mentionId, platform, replyingTo, onSent, othersTyping = [], onTyped, onSentAndClose }: Props) {
  const [ask, setAsk] = useState<(Ask & { close: boolean }) | null>(null);
  const [text, setText] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  // One send at a time; its pending state is the button's "Sending…".
  const sendReply = useMutation({
    mutationFn: (body: SendReplyBody) => api<{ reply: ReplyDto }>('POST', `/api/mentions/${encodeURIComponent(mentionId)}/replies`, { body }),
  });
  const sending = sendReply.isPending;
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [overrides, setOverrides] = useState<OverridableCheck[]>([]);
  const [tone, setTone] = useState<{ text: string; findings: ReplyCheckFinding[] } | null>(null);
  const platforms = useResource<{ platforms: PlatformDto[] }>('/api/platforms');
  const textId = useId();
  const countId = useId();
  const errorId = useId();
  const checksId = useId();
  const savedListId = useId();

  // Saved replies: read the first time "/" is typed, once per mention.
  const [slashDismissed, setSlashDismissed] = useState<string | null>(null);
  const slashOpen = text.startsWith('/') && !text.includes('\n') && slashDismissed !== text;
  const [savedWanted, setSavedWanted] = useState(false);
  useEffect(() => {
    if (slashOpen) setSavedWanted(true);
  }, [slashOpen]);
  const saved = useResource<SavedRepliesAnswer>(savedWanted ? `/api/saved-replies?mentionId=${encodeURIComponent(mentionId)}` : null);
  const slashQuery = slashOpen ? text.slice(1).trim().toLowerCase() : '';
  const savedMatches = useMemo(() => {
    const words = slashQuery.split(/\s+/).filter((w) => w !== '');
    return (saved.data?.savedReplies ?? []).filter((r) => words.every((w) => r.title.toLowerCase().includes(w) || r.body.toLowerCase().includes(w)));
  }, [saved.data, slashQuery]);
  const insertSaved = (r: SavedReplyDto) => {
    const values = saved.data?.values;
    if (!values) return;
    setText(renderSavedReply(r.body, values));
    onTyped?.();
    if (error !== null && error.code !== 'network') setError(null);
  };
  const slashKeys = useSuggestionKeys(savedMatches, slashOpen && saved.data !== null, slashQuery, insertSaved, () => setSlashDismissed(text));

  const rule = platforms.data?.platforms.find((p) => p.platform === platform);
  const length = rule ? replyLength(text, { counting: rule.replyCounting, limit: rule.replyLimit }) : null;
  const local = useMemo(() => findPersonalData(text), [text]);

  // The tone needs the model, which lives on the server: ask once typing pauses.
  useEffect(() => {
    if (visibleText(text).length === 0) return;
    const timer = setTimeout(() => {
      api<ReplyCheckResult>('POST', '/api/replies/check', { body: { mentionId, text } }).then(
        (r) => setTone({ text, findings: r.findings.filter((f) => f.check === 'hostile') }),
        () => undefined, // the server checks again on send
      );
    }, TONE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, mentionId]);

  const findings: ReplyCheckFinding[] = [
    ...(length !== null && length.over > 0 ? [{ check: 'too-long' as const, message: tooLongMessage(rule?.label ?? platformLabel(platform), length, rule!.replyCounting) }] : []),
    ...local,
    ...(tone !== null && tone.text === text ? tone.findings : []),
  ];
  const blocking = findings.filter((f) => f.check === 'too-long' || !overrides.includes(f.check));
  const empty = visibleText(text).length === 0;

  const send = async (options: { close?: boolean; typingChecked?: boolean; confirm?: boolean } = {}) => {
    if (sending || empty || blocking.length > 0) return;
    if (!options.typingChecked && othersTyping.length > 0) {
      setAsk({ message: `${othersTyping.join(' and ')} ${othersTyping.length === 1 ? 'is' : 'are'} typing a reply to this mention too. Send yours anyway?`, confirm: false, close: options.close ?? false });
      return;
    }
    setAsk(null);
    setError(null);
    try {
      const body: SendReplyBody = {
        text,
        idempotencyKey: key,
        overrides: overrides.filter((o) => findings.some((f) => f.check === o)),
        ...(options.confirm ? { confirm: true } : {}),
      };
      const { reply } = await sendReply.mutateAsync(body);
      onSent(reply);
      setText('');
      setOverrides([]);
      setTone(null);
      setKey(newIdempotencyKey());
      if (options.close) onSentAndClose?.();
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'already_replied') {
        setAsk({ message: e.message, confirm: true, close: options.close ?? false });
        return;
      }
      setError(e instanceof ApiError ? { code: e.code, message: e.message } : { code: 'error', message: errorMessage(e) });
      // Refused by a check this box had not heard of yet (the tone, sent before it came back): show it
      // with its "Send anyway".
      if (e instanceof ApiError && e.reason?.startsWith('checks:')) {
        api<ReplyCheckResult>('POST', '/api/replies/check', { body: { mentionId, text } }).then(
          (r) => setTone({ text, findings: r.findings.filter((f) => f.check === 'hostile') }),
          () => undefined,
        );
      }
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const sendAnyway = () => {
    if (ask === null) return;
    void send({ close: ask.close, typingChecked: true, confirm: ask.confirm });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (slashKeys.onKeyDown(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const counter =
    length !== null ? `${length.length} / ${length.limit}${length.over > 0 ? ` — ${length.over} over` : ''}` : `${countCharacters(text)} characters`;
  const describedBy = [countId, findings.length > 0 ? checksId : null, error !== null ? errorId : null].filter((x) => x !== null).join(' ');
  return (
    <form className={styles.composer} onSubmit={onSubmit} data-testid="reply-composer">
      <label htmlFor={textId} className={styles.composerLabel}>
        Reply publicly to <bdi>{replyingTo}</bdi>
      </label>
      <textarea
        id={textId}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onTyped?.();
          // A validation message is about the old text; a network error still applies.
          if (error !== null && error.code !== 'network') setError(null);
        }}
        onKeyDown={onKeyDown}
        rows={4}
        aria-describedby={describedBy}
        aria-invalid={blocking.length > 0 || (error !== null && error.code !== 'network') ? true : undefined}
        aria-autocomplete="list"
        aria-controls={slashOpen && savedMatches.length > 0 ? savedListId : undefined}
        aria-activedescendant={slashOpen && savedMatches.length > 0 ? `${savedListId}-${slashKeys.active}` : undefined}
        placeholder="Type / for a saved reply"
        data-testid="reply-text"
      />
      {slashOpen && (
        <Suggestions
          id={savedListId}
          label="Saved replies"
          items={savedMatches}
          active={slashKeys.active}
          optionId={(i) => `${savedListId}-${i}`}
          onPick={insertSaved}
          testId="saved-reply-picker"
          empty={
            saved.error !== null
              ? `Saved replies could not be loaded: ${saved.error}`
              : saved.data === null
                ? 'Loading saved replies…'
                : saved.data.savedReplies.length === 0
                  ? 'No saved replies for this brand yet. A manager can add them under Settings → Saved replies.'
                  : 'No saved reply matches. Keep typing, or press Esc to write a reply starting with "/".'
          }
          render={(r) => (
            <SuggestionText dir="auto" title={r.title} text={saved.data?.values ? renderSavedReply(r.body, saved.data.values) : r.body} />
          )}
        />
      )}
      {findings.length > 0 && (
        <ul className={styles.presendChecks} id={checksId} aria-label="Before you send" data-testid="presend-checks">
          {findings.map((f) => {
            const overridden = f.check !== 'too-long' && overrides.includes(f.check);
            return (
              <li key={f.check} className={overridden ? styles.overridden : styles.blocking} data-check={f.check} data-testid="presend-check">
                <span>{f.message}</span>
                {f.check !== 'too-long' &&
                  (overridden ? (
                    <span className="muted small"> Will send anyway (recorded).</span>
                  ) : (
                    <button type="button" className="button small" onClick={() => setOverrides((o) => [...o, f.check as OverridableCheck])} data-testid="override-check">
                      Send anyway
                    </button>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
      {error !== null && (
        <p className="alert" role="alert" id={errorId} data-testid="reply-send-error" data-code={error.code}>
          {error.message}
          {error.code === 'network' && ' Sending again is safe: it will not post twice.'}
        </p>
      )}
      {ask !== null && (
        <div className={cx('alert', styles.ask)} role="alertdialog" aria-label="Send anyway?" data-testid="send-ask">
          <span>{ask.message}</span>
          <span className={styles.askButtons}>
            <button type="button" className="button small primary" onClick={sendAnyway} data-testid="send-anyway">
              Send anyway
            </button>
            <button type="button" className="button small" onClick={() => setAsk(null)} data-testid="send-cancel">
              Don't send
            </button>
          </span>
        </div>
      )}
      {!empty && (
        <div className={styles.replyPreview} data-testid="reply-preview">
          <span className="muted small">Public preview on {rule?.label ?? platformLabel(platform)}</span>
          <p dir="auto">
            <bdi className="muted">{replyingTo}</bdi> {text}
          </p>
        </div>
      )}
      <div className={styles.composerFoot}>
        <span className={`small ${length !== null && length.over > 0 ? 'over-limit' : 'muted'}`} id={countId} data-testid="char-count">
          {counter}
        </span>
        <span className={cx('muted small', styles.hint)}>Ctrl+Enter to send</span>
        {onSentAndClose && (
          <button type="button" className="button" disabled={sending || empty || blocking.length > 0} onClick={() => void send({ close: true })} data-testid="send-close">
            Send and close
          </button>
        )}
        <button type="submit" className="button primary" disabled={sending || empty || blocking.length > 0} data-testid="send-reply">
          {sending ? 'Sending…' : error?.code === 'network' ? 'Send again' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}
