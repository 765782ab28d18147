import { platformLabel } from './format.ts';
import styles from './PlatformTag.module.css';

export function PlatformTag({ platform }: { platform: string }) {
  return (
    <span className={styles.platform} data-testid="platform">
      {platformLabel(platform)}
    </span>
  );
}
