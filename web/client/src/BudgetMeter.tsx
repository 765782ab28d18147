import { cx } from './class-names.ts';
import { formatNumber } from './format.ts';
import styles from './BudgetMeter.module.css';

interface Props {
  used: number;
  budget: number | null;
}

/** Reads this month against the monthly budget, as numbers and a small bar. */
export function BudgetMeter({ used, budget }: Props) {
  if (budget === null) {
    return (
      <span data-testid="stream-budget">
        {formatNumber(used)} reads <span className="muted small">· no monthly limit</span>
      </span>
    );
  }
  const share = budget === 0 ? 1 : Math.min(used / budget, 1);
  const level = share >= 1 ? 'full' : share >= 0.8 ? 'high' : 'ok';
  return (
    <span className={styles.budget} data-testid="stream-budget">
      <span>
        {formatNumber(used)} / {formatNumber(budget)} reads
      </span>
      <span className={cx(styles.budgetBar, level === 'high' && styles.budgetHigh, level === 'full' && styles.budgetFull)} aria-hidden="true">
        {/* Any use at all shows as a sliver, so "some" never looks like "none". */}
        <span style={{ width: `${String(used > 0 ? Math.max(share * 100, 1.5) : 0)}%` }} />
      </span>
    </span>
  );
}
