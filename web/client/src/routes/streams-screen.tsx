import { useParams } from '@tanstack/react-router';
import { roleAtLeast } from '../../../src/api/roles.ts';
import { useShell } from '../dashboard-context.ts';
import { StreamsPage } from '../StreamsPage.tsx';

/** "/streams", or "/streams/:id" with one stream picked out (e.g. followed from an alert). */
export function StreamsScreen() {
  const { user, brands, reloadBrands } = useShell();
  // One screen for both addresses, so picking a stream out keeps what is being edited.
  const { streamId } = useParams({ strict: false });
  return <StreamsPage canManage={roleAtLeast(user.role, 'manager')} highlightId={streamId ?? null} brands={brands} onBrandsChanged={reloadBrands} />;
}
