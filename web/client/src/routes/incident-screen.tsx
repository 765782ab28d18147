import { useParams } from '@tanstack/react-router';
import { useShell } from '../dashboard-context.ts';
import { IncidentPage } from '../IncidentPage.tsx';

/** "/incidents/:id": an incident's grouped mentions and its holding reply. */
export function IncidentScreen() {
  const { user } = useShell();
  const { incidentId } = useParams({ from: '/incidents/$incidentId' });
  return <IncidentPage incidentId={incidentId} user={user} />;
}
