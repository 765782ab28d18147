/**
 * A platform handle. <bdi> keeps right-to-left or override characters in a hostile
 * handle from reordering the text around it.
 */
export function AuthorHandle({ handle }: { handle: string }) {
  const shown = handle.startsWith('@') || handle.startsWith('u/') ? handle : `@${handle}`;
  return (
    <bdi className="handle" data-testid="author-handle">
      {shown}
    </bdi>
  );
}
