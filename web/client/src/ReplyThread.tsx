import type { ReplyDto } from '../../src/api/contract.ts';
import { ReplyItem } from './ReplyItem.tsx';
import styles from './ReplyThread.module.css';

export function ReplyThread({ replies }: { replies: ReplyDto[] }) {
  if (replies.length === 0) {
    return <p className="muted small">No replies yet.</p>;
  }
  return (
    <ol className={styles.replies} data-testid="replies">
      {replies.map((r) => (
        <ReplyItem key={r.id} reply={r} />
      ))}
    </ol>
  );
}
