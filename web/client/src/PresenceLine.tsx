import type { ViewerDto } from '../../src/api/contract.ts';
import styles from './PresenceLine.module.css';

/** "Ana is typing a reply · Ben is viewing", or nothing when nobody else has the mention open. */
export function PresenceLine({ others }: { others: ViewerDto[] }) {
  if (others.length === 0) return null;
  return (
    <p className={styles.presence} role="status" data-testid="presence">
      {others.map((v, i) => (
        <span key={v.userId} className={v.typing ? styles.typing : undefined} data-testid="presence-viewer" data-typing={v.typing ? 'true' : 'false'}>
          {i > 0 && ' · '}
          <span className={styles.presenceDot} aria-hidden="true" />
          <bdi>{v.name}</bdi> is {v.typing ? 'typing a reply' : 'viewing'}
        </span>
      ))}
    </p>
  );
}
