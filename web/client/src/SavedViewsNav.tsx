import type { SavedViewDto } from '../../src/api/contract.ts';
import { followLink } from './use-route.ts';
import { useResource } from './use-resource.ts';
import styles from './SavedViewsNav.module.css';

/** Where the saved views are read (and saved: InboxFinder re-reads this path after saving one). */
export const SAVED_VIEWS_PATH = '/api/saved-views';

/** The signed-in user's saved inbox views, as links under Inbox. */
export function SavedViewsNav({ currentSearch }: { currentSearch: string | null }) {
  const views = useResource<{ views: SavedViewDto[] }>(SAVED_VIEWS_PATH);
  const list = views.data?.views ?? [];
  if (list.length === 0) return null;
  return (
    <ul className={styles.savedViews} aria-label="Saved views" data-testid="saved-views">
      {list.map((v) => {
        const path = `/${v.search}`;
        return (
          <li key={v.id}>
            <a href={path} onClick={(e) => followLink(e, path)} aria-current={currentSearch === v.search ? 'page' : undefined}>
              {v.name}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
