import type { PlatformDto } from '../../src/api/contract.ts';
import { followLink } from './use-route.ts';

/** Said before a stream is created for a platform with no credentials stored: it would never poll. */
export function NoCredentialsWarning({ platform }: { platform: PlatformDto }) {
  return (
    <p className="stream-note warn" role="status" data-testid="no-credentials-warning">
      No {platform.label} credentials are stored, so a {platform.label} stream cannot poll yet. You can create it now; an
      admin adds the credentials under{' '}
      <a href="/settings#connections" onClick={(e) => followLink(e, '/settings')}>
        Settings → Connections
      </a>{' '}
      and it starts on its own.
    </p>
  );
}
