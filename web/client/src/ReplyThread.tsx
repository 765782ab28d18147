import type { ReplyDto } from '../../src/api/contract.ts';
import { ReplyItem } from './ReplyItem.tsx';

export function ReplyThread({ replies }: { replies: ReplyDto[] }) {
  if (replies.length === 0) {
    return <p className="muted small">No replies yet.</p>;
  }
  return (
    <ol className="replies" data-testid="replies">
      {replies.map((r) => (
        <ReplyItem key={r.id} reply={r} />
      ))}
    </ol>
  );
}
