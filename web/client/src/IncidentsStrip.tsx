import type { IncidentSummaryDto } from '../../src/api/incidents-contract.ts';
import { cx } from './class-names.ts';
import styles from './IncidentsStrip.module.css';
import { followLink, incidentPath } from './use-route.ts';

/** The open incidents at the top of the inbox's Open view: each storm as one item with its count. */
export function IncidentsStrip({ incidents }: { incidents: IncidentSummaryDto[] }) {
  if (incidents.length === 0) return null;
  return (
    <ul className={styles.incidentStrip} aria-label="Open incidents" data-testid="incident-strip">
      {incidents.map((i) => (
        <li key={i.id} className={styles.incidentItem} data-testid="incident-item" data-incident-id={i.id}>
          <a href={incidentPath(i.id)} onClick={(e) => followLink(e, incidentPath(i.id))}>
            <span className={cx('badge', styles.incidentBadge)}>Incident</span>{' '}
            <strong data-testid="incident-count">
              {i.mentions} {i.mentions === 1 ? 'mention' : 'mentions'}
            </strong>{' '}
            <span className="muted">· {i.brandName}</span>
            {i.deadlineFactor !== null && <span className="badge incident-deadline">Deadlines ×{i.deadlineFactor}</span>}
            {i.acknowledgedAt !== null && <span className="badge">Acknowledged</span>}
            <span className={styles.incidentMessage}>{i.message}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
