import type { AuthorContextDto } from '../../src/api/contract.ts';
import { formatDateTime, truncate } from './format.ts';
import { useResource } from './use-resource.ts';

/** The author's history with the brand: earlier mentions, replies sent to them, how often they complained. */
export function AuthorHistory({ mentionId }: { mentionId: string }) {
  const ctx = useResource<AuthorContextDto>(`/api/mentions/${encodeURIComponent(mentionId)}/author`);
  if (ctx.loading) return <p className="muted small">Loading the author’s history…</p>;
  if (ctx.error !== null || ctx.data === null) return <p className="muted small">The author’s history could not be loaded: {ctx.error}</p>;
  const c = ctx.data;
  const others = c.mentions - 1;
  return (
    <details className="author-history" data-testid="author-history">
      <summary>
        {others === 0 ? 'First mention from this author' : `${others} earlier mention${others === 1 ? '' : 's'}`} · {c.complaints} complaint
        {c.complaints === 1 ? '' : 's'} · {c.repliesSent} repl{c.repliesSent === 1 ? 'y' : 'ies'} sent
      </summary>
      {c.earlier.length > 0 && (
        <>
          <h4 className="small">Earlier mentions</h4>
          <ul className="plain-list small">
            {c.earlier.map((e) => (
              <li key={e.id}>
                <time dateTime={e.postedAt}>{formatDateTime(e.postedAt)}</time> · {e.intent} · {e.status}: <span dir="auto">{truncate(e.text, 140)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {c.replies.length > 0 && (
        <>
          <h4 className="small">Replies sent to them</h4>
          <ul className="plain-list small">
            {c.replies.map((r, i) => (
              <li key={`${r.mentionId}-${i}`}>
                <time dateTime={r.sentAt}>{formatDateTime(r.sentAt)}</time>
                {r.userName !== null && ` · ${r.userName}`}: <span dir="auto">{truncate(r.text, 140)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
