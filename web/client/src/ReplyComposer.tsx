import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ReplyDto, SendReplyBody } from '../../src/api/contract.ts';
import { ApiError, api, errorMessage } from './api.ts';
import { countCharacters } from './format.ts';
import { newIdempotencyKey } from './idempotency-key.ts';

interface Props {
  mentionId: string;
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

/**
 * One compose = one idempotency key. A resend after a failure (say the network dropped
 * before the answer arrived) reuses the key, so the server returns the reply it already
 * stored instead of posting twice. Only a successful send starts a new compose.
 */
export function ReplyComposer({ mentionId, replyingTo, onSent, othersTyping = [], onTyped, onSentAndClose }: Props) {
  const [ask, setAsk] = useState<(Ask & { close: boolean }) | null>(null);
  const [text, setText] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const textId = useId();
  const countId = useId();
  const errorId = useId();

  const send = async (options: { close?: boolean; typingChecked?: boolean; confirm?: boolean } = {}) => {
    if (sending) return;
    if (!options.typingChecked && othersTyping.length > 0) {
      setAsk({ message: `${othersTyping.join(' and ')} ${othersTyping.length === 1 ? 'is' : 'are'} typing a reply to this mention too. Send yours anyway?`, confirm: false, close: options.close ?? false });
      return;
    }
    setAsk(null);
    setSending(true);
    setError(null);
    try {
      const body: SendReplyBody = { text, idempotencyKey: key, ...(options.confirm ? { confirm: true } : {}) };
      const { reply } = await api<{ reply: ReplyDto }>(
        'POST',
        `/api/mentions/${encodeURIComponent(mentionId)}/replies`,
        { body },
      );
      onSent(reply);
      setText('');
      setKey(newIdempotencyKey());
      if (options.close) onSentAndClose?.();
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'already_replied') {
        setAsk({ message: e.message, confirm: true, close: options.close ?? false });
        return;
      }
      setError(e instanceof ApiError ? { code: e.code, message: e.message } : { code: 'error', message: errorMessage(e) });
    } finally {
      setSending(false);
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
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const count = countCharacters(text);
  return (
    <form className="composer" onSubmit={onSubmit} data-testid="reply-composer">
      <label htmlFor={textId} className="composer-label">
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
        aria-describedby={error !== null ? `${countId} ${errorId}` : countId}
        aria-invalid={error !== null && error.code !== 'network' ? true : undefined}
        data-testid="reply-text"
      />
      {error !== null && (
        <p className="alert" role="alert" id={errorId} data-testid="reply-send-error" data-code={error.code}>
          {error.message}
          {error.code === 'network' && ' Sending again is safe: it will not post twice.'}
        </p>
      )}
      {ask !== null && (
        <div className="alert ask" role="alertdialog" aria-label="Send anyway?" data-testid="send-ask">
          <span>{ask.message}</span>
          <span className="ask-buttons">
            <button type="button" className="button small primary" onClick={sendAnyway} data-testid="send-anyway">
              Send anyway
            </button>
            <button type="button" className="button small" onClick={() => setAsk(null)} data-testid="send-cancel">
              Don't send
            </button>
          </span>
        </div>
      )}
      <div className="composer-foot">
        <span className="muted small" id={countId} data-testid="char-count">
          {count} character{count === 1 ? '' : 's'}
        </span>
        <span className="muted small hint">Ctrl+Enter to send</span>
        {onSentAndClose && (
          <button type="button" className="button" disabled={sending} onClick={() => void send({ close: true })} data-testid="send-close">
            Send and close
          </button>
        )}
        <button type="submit" className="button primary" disabled={sending} data-testid="send-reply">
          {sending ? 'Sending…' : error?.code === 'network' ? 'Send again' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}
