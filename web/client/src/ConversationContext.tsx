import type { MentionDto } from '../../src/api/contract.ts';
import { AuthorHandle } from './AuthorHandle.tsx';
import styles from './ConversationContext.module.css';

/** The post this mention replied to, so the agent sees what the author was reacting to. */
export function ConversationContext({ context }: { context: NonNullable<MentionDto['context']> }) {
  return (
    <figure className={styles.context} data-testid="context">
      <figcaption className="muted small">
        In reply to {context.authorHandle !== null ? <AuthorHandle handle={context.authorHandle} /> : 'a post'}
      </figcaption>
      <blockquote dir="auto">
        {context.text ?? <span className="muted">The original post is not available.</span>}
      </blockquote>
    </figure>
  );
}
