import type { StreamDto } from '../../src/api/contract.ts';

type State = StreamDto['health']['state'];

const LABELS: Record<State, string> = {
  ok: 'Healthy',
  failing: 'Failing',
  'rate-limited': 'Rate limited',
  'budget-exhausted': 'Budget used up',
  disabled: 'Disabled',
  pending: 'Waiting for first poll',
};

/** The stream's health in one word, as colour and text so it reads without colour too. */
export function StreamHealthBadge({ state }: { state: State }) {
  return (
    <span className={`badge health health-${state}`} data-testid="stream-state" data-state={state}>
      <span className="dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
