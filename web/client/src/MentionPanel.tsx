import type { MentionDto, ReplyDto, TeammateDto, ViewerDto } from '../../src/api/contract.ts';
import { NotesSection } from './NotesSection.tsx';
import { PresenceLine } from './PresenceLine.tsx';
import { TriageBar } from './TriageBar.tsx';
import type { ManualStatus } from './triage.ts';
import { AnalysisList } from './AnalysisList.tsx';
import { AuthorCard } from './AuthorCard.tsx';
import { AuthorHistory } from './AuthorHistory.tsx';
import { TagEditor } from './TagEditor.tsx';
import { ConversationContext } from './ConversationContext.tsx';
import { PlatformTag } from './PlatformTag.tsx';
import { ReplyComposer } from './ReplyComposer.tsx';
import { ReplyThread } from './ReplyThread.tsx';
import { formatDateTime, hasHiddenCharacters, platformLabel, safeExternalUrl } from './format.ts';
import type { MentionDetailHandle } from './use-mention-detail.ts';
import { useNow } from './use-now.ts';
import { cx } from './class-names.ts';
import styles from './MentionPanel.module.css';

interface Props {
  detail: MentionDetailHandle;
  onClose(): void;
  onReplySent(reply: ReplyDto): void;
  onCorrected(mention: MentionDto): void;
  /** Team inbox: who else has it open, status and assignment, notes. */
  team?: {
    meId: string;
    canWork: boolean;
    teammates: TeammateDto[];
    others: ViewerDto[];
    onTyped(): void;
    busy: boolean;
    error: string | null;
    onAssign(assigneeId: string | null): void;
    onStatus(status: ManualStatus, followUpAt?: Date): void;
    onCloseAndNext(): void;
  };
  /** A tag was put on or taken off: the list of tags may have grown. */
  onTagsChanged?(): void;
}

export function MentionPanel({ detail, onClose, onReplySent, onCorrected, team, onTagsChanged }: Props) {
  const now = useNow(1000);
  const back = (
    <button type="button" className="button link back" onClick={onClose} data-testid="close-mention">
      ← Back to inbox
    </button>
  );

  if (detail.loading) {
    return (
      <div className={styles.panelBody}>
        {back}
        <p className="placeholder" role="status">
          Loading mention…
        </p>
      </div>
    );
  }
  if (detail.error !== null || detail.detail === null) {
    return (
      <div className={styles.panelBody}>
        {back}
        <p className="alert" role="alert" data-testid="mention-error">
          {detail.error?.notFound ? 'This mention does not exist (any more).' : (detail.error?.message ?? 'Not loaded.')}
        </p>
      </div>
    );
  }

  const { mention, replies } = detail.detail;
  const url = safeExternalUrl(mention.url);
  return (
    <article className={styles.panelBody} data-testid="mention-detail" data-mention-id={mention.id} aria-labelledby="mention-heading">
      <div className={styles.panelTop}>
        {back}
        {url !== null && (
          <a href={url} target="_blank" rel="noopener noreferrer" className="button small" data-testid="original-link">
            Open on {platformLabel(mention.platform)} ↗
          </a>
        )}
      </div>
      {team && <PresenceLine others={team.others} />}
      {team && (
        <TriageBar
          mention={mention}
          meId={team.meId}
          teammates={team.teammates}
          busy={team.busy || !team.canWork}
          error={team.error}
          onAssign={team.onAssign}
          onStatus={team.onStatus}
          onCloseAndNext={team.onCloseAndNext}
        />
      )}
      <h2 id="mention-heading" className="visually-hidden">
        Mention by {mention.author.handle}
      </h2>
      <div className={styles.detailHead}>
        <AuthorCard author={mention.author} />
        <div className={styles.detailWhen}>
          <PlatformTag platform={mention.platform} />
          <time className="muted small" dateTime={mention.postedAt}>
            {formatDateTime(mention.postedAt)}
          </time>
        </div>
      </div>
      <AuthorHistory key={`history-${mention.id}`} mentionId={mention.id} />
      {mention.context !== null && <ConversationContext context={mention.context} />}
      <p className="mention-text" dir="auto" data-testid="mention-full-text">
        {mention.text}
      </p>
      {hiddenIn(mention).length > 0 && (
        <p className={cx('muted small', styles.hiddenChars)} data-testid="hidden-characters">
          The {hiddenIn(mention).join(' and ')} contain{hiddenIn(mention).length === 1 ? 's' : ''} invisible or
          direction-changing characters, so {hiddenIn(mention).length === 1 ? 'it' : 'they'} may read differently from what
          was typed.
        </p>
      )}
      <TagEditor
        mention={mention}
        canEdit
        onChanged={() => {
          void detail.reload();
          onTagsChanged?.();
        }}
      />
      <AnalysisList mention={mention} now={now} onCorrected={onCorrected} />
      <section className={styles.thread} aria-labelledby="replies-heading">
        <h3 id="replies-heading">Replies</h3>
        <ReplyThread replies={replies} />
        <ReplyComposer
          key={mention.id}
          mentionId={mention.id}
          platform={mention.platform}
          replyingTo={mention.author.handle.startsWith('@') ? mention.author.handle : `@${mention.author.handle}`}
          onSent={onReplySent}
          {...(team
            ? {
                othersTyping: team.others.filter((v) => v.typing).map((v) => v.name),
                onTyped: team.onTyped,
                onSentAndClose: () => team.onStatus('closed'),
              }
            : {})}
        />
      </section>
      {team && (
        <NotesSection
          mentionId={mention.id}
          notes={detail.detail.notes ?? []}
          changes={detail.detail.statusChanges ?? []}
          teammates={team.teammates}
          canWrite={team.canWork}
          onAdded={() => void detail.reload()}
        />
      )}
    </article>
  );
}

/** Which parts of a mention hold hidden characters: a handle can pose as another ("@admin official"). */
function hiddenIn(mention: MentionDto): string[] {
  return [
    ...(hasHiddenCharacters(mention.author.handle) || hasHiddenCharacters(mention.author.name ?? '') ? ['author\u2019s name'] : []),
    ...(hasHiddenCharacters(mention.text) ? ['text'] : []),
  ];
}
