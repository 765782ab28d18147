import type { AlertDto } from '../../src/api/contract.ts';
import { formatDateTime, timeAgo } from './format.ts';
import { followLink, streamPath } from './use-route.ts';
import { useNow } from './use-now.ts';
import styles from './AlertsBanner.module.css';

/** The Alerts page with this alert open (its explanation, actions and delivery log). */
function alertPath(alert: AlertDto): string {
  const q = new URLSearchParams({ alert: alert.id });
  if (alert.brandId !== null) q.set('brandId', alert.brandId);
  return `/alerts?${q.toString()}`;
}

/** Open alerts above every screen, each linking to the alert, the stream or the mentions it is about. */
export function AlertsBanner({ alerts }: { alerts: AlertDto[] }) {
  const now = useNow(30_000);
  return (
    // Always in the DOM so screen readers announce alerts that appear later.
    <section className={styles.alerts} aria-label="Alerts" aria-live="polite" data-testid="alerts">
      {alerts.length > 0 && (
        <ul>
          {alerts.map((alert) => (
            <li key={alert.id} className={styles.alertItem} data-testid="alert" data-alert-id={alert.id} data-kind={alert.kind}>
              <span className={styles.alertIcon} aria-hidden="true">
                !
              </span>
              <span className={styles.alertMessage} data-testid="alert-message">
                {alert.message}
              </span>
              <time className={styles.alertWhen} dateTime={alert.createdAt} title={formatDateTime(alert.createdAt)}>
                {timeAgo(alert.createdAt, now)}
              </time>
              {/* Spike alerts, and other brand alerts not about a stream (SLA), open on the Alerts page. */}
              {(alert.ruleId !== null || (alert.streamId === null && alert.brandId !== null)) && (
                <a
                  href={alertPath(alert)}
                  onClick={(e) => followLink(e, alertPath(alert))}
                  className={styles.alertLink}
                  data-testid="alert-details-link"
                >
                  {alert.acknowledgedAt !== null ? 'Acknowledged · details' : 'Why? Act on it'}
                </a>
              )}
              {alert.streamId !== null && (
                <a
                  href={streamPath(alert.streamId)}
                  onClick={(e) => alert.streamId !== null && followLink(e, streamPath(alert.streamId))}
                  className={styles.alertLink}
                  data-testid="alert-stream-link"
                >
                  View stream
                </a>
              )}
              {alert.linkPath !== null && (
                <a
                  href={alert.linkPath}
                  onClick={(e) => alert.linkPath !== null && followLink(e, alert.linkPath)}
                  className={styles.alertLink}
                  data-testid="alert-mentions-link"
                >
                  View mentions
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
