import type { MentionDto } from '../../src/api/contract.ts';
import { AuthorHandle } from './AuthorHandle.tsx';
import { formatCount } from './format.ts';

export function AuthorCard({ author }: { author: MentionDto['author'] }) {
  return (
    <div className="author" data-testid="author">
      <div className="author-name">
        {author.name !== null && author.name !== '' && <bdi className="strong">{author.name}</bdi>}
        <AuthorHandle handle={author.handle} />
        {author.verified && (
          <span className="badge verified" data-testid="verified">
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
