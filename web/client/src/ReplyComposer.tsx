import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ReplyDto, SendReplyBody } from '../../src/api/contract.ts';
import { ApiError, api, errorMessage } from './api.ts';
import { countCharacters } from './format.ts';
import { newIdempotencyKey } from './idempotency-key.ts';

interface Props {
  mentionId: string;
  replyingTo: string;
  onSent(reply: ReplyDto): void;
}

/**
 * One compose = one idempotency key. A resend after a failure (say the network dropped
 * before the answer arrived) reuses the key, so the server returns the reply it already
 * stored instead of posting twice. Only a successful send starts a new compose.
 */
export function ReplyComposer({ mentionId, replyingTo, onSent }: Props) {
  const [text, setText] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const textId = useId();
  const countId = useId();
  const errorId = useId();

  const send = async () => {
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      const body: SendReplyBody = { text, idempotencyKey: key };
      const { reply } = await api<{ reply: ReplyDto }>(
        'POST',
        `/api/mentions/${encodeURIComponent(mentionId)}/replies`,
        { body },
      );
      onSent(reply);
      setText('');
      setKey(newIdempotencyKey());
    } catch (e) {
      setError(e instanceof ApiError ? { code: e.code, message: e.message } : { code: 'error', message: errorMessage(e) });
    } finally {
      setSending(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
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
      <div className="composer-foot">
        <span className="muted small" id={countId} data-testid="char-count">
          {count} character{count === 1 ? '' : 's'}
        </span>
        <span className="muted small hint">Ctrl+Enter to send</span>
        <button type="submit" className="button primary" disabled={sending} data-testid="send-reply">
          {sending ? 'Sending…' : error?.code === 'network' ? 'Send again' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}
