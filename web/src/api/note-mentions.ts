/**
 * The handle a teammate is @-mentioned by in a note: their name without spaces, lower case
 * ("Ana Lima" → "@analima"). Their first name alone works too when no one else shares it.
 */
export function noteHandle(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** Teammates a note's text @-mentions, each once. */
export function mentionedTeammates<T extends { id: string; name: string }>(text: string, teammates: readonly T[]): T[] {
  const firstNames = new Map<string, T[]>();
  for (const t of teammates) {
    const first = t.name.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (first !== '') firstNames.set(first, [...(firstNames.get(first) ?? []), t]);
  }
  const found = new Map<string, T>();
  for (const match of text.matchAll(/(?:^|[^\p{L}\p{N}_])@([\p{L}\p{N}._-]+)/gu)) {
    const token = match[1]!.toLowerCase().replace(/[.]+$/, '');
    const full = teammates.find((t) => noteHandle(t.name) === token);
    const byFirst = firstNames.get(token);
    const hit = full ?? (byFirst?.length === 1 ? byFirst[0] : undefined);
    if (hit) found.set(hit.id, hit);
  }
  return [...found.values()];
}
