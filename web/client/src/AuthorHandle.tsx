/**
 * A platform handle. <bdi> keeps right-to-left or override characters in a hostile
 * handle from reordering the text around it. `className` is where it is shown (a row, a card).
 */
export function AuthorHandle({ handle, className }: { handle: string; className?: string | undefined }) {
  const shown = handle.startsWith('@') || handle.startsWith('u/') ? handle : `@${handle}`;
  return (
    <bdi className={className} data-testid="author-handle">
      {shown}
    </bdi>
  );
}
