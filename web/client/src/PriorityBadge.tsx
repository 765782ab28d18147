import type { MentionDto } from '../../src/api/contract.ts';
import styles from './PriorityBadge.module.css';

export function PriorityBadge({ priority, reason }: { priority: MentionDto['priority']; reason?: string }) {
  return (
    <span className={styles.priority} data-testid="priority">
      <span className={`badge priority-${String(priority)}`} title={`Priority ${String(priority)} of 4 (1 is most urgent)`}>
        P{priority}
      </span>
      {reason !== undefined && <span className={styles.priorityReason}>{reason}</span>}
    </span>
  );
}
