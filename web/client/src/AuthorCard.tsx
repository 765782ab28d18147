import type { MentionDto } from '../../src/api/contract.ts';
import { AuthorHandle } from './AuthorHandle.tsx';
import { formatCount } from './format.ts';
import { cx } from './class-names.ts';
import styles from './AuthorCard.module.css';

export function AuthorCard({ author }: { author: MentionDto['author'] }) {
  return (
    <div className="author" data-testid="author">
      <div className={styles.authorName}>
        {author.name !== null && author.name !== '' && <bdi className="strong">{author.name}</bdi>}
        <AuthorHandle handle={author.handle} className={styles.handle} />
        {author.verified && (
          <span className={cx('badge', styles.verified)} data-testid="verified">
            Verified
          </span>
        )}
      </div>
      <div className="muted small" data-testid="followers">
        {author.followers === null
          ? 'Followers unknown'
          : `${formatCount(author.followers)} follower${author.followers === 1 ? '' : 's'}`}
      </div>
    </div>
  );
}
