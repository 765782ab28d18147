// The variables of a saved reply: one function fills them, for the dashboard's reply box, and
// one lists the unknown ones, for the server, which refuses them when the reply is saved (so an
// agent never sends a literal "{{order}}" to a customer).

export const SAVED_REPLY_VARIABLES = ['author', 'brand', 'agent'] as const;
export type SavedReplyVariable = (typeof SAVED_REPLY_VARIABLES)[number];

/** What each variable becomes for one mention, brand and signed-in agent. */
export type SavedReplyValues = Record<SavedReplyVariable, string>;

// "{{ name }}": letters, digits, dots, dashes and underscores, spaces around allowed.
const VARIABLE = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** Variable names the text uses that Earshot cannot fill, each once, as written. */
export function unknownVariables(body: string): string[] {
  const unknown = new Set<string>();
  for (const match of body.matchAll(VARIABLE)) {
    const name = match[1]!;
    if (!(SAVED_REPLY_VARIABLES as readonly string[]).includes(name.toLowerCase())) unknown.add(name);
  }
  return [...unknown];
}

/** The message that refuses a text with unknown variables, in the manager's words. */
export function unknownVariablesMessage(unknown: readonly string[]): string {
  const named = unknown.map((u) => `{{${u}}}`).join(', ');
  const known = SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`);
  return `The reply uses ${named}, which Earshot cannot fill in. Use only ${known.slice(0, -1).join(', ')} or ${known.at(-1)}.`;
}

/** The saved reply's text with its variables filled in (names are case-insensitive). */
export function renderSavedReply(body: string, values: SavedReplyValues): string {
  return body.replace(VARIABLE, (whole, name: string) => {
    const key = name.toLowerCase();
    return (SAVED_REPLY_VARIABLES as readonly string[]).includes(key) ? values[key as SavedReplyVariable] : whole;
  });
}

/**
 * How a mention's author is greeted: their display name when the platform gives one, else their
 * handle with its "@" (which on X also tags them).
 */
export function authorForReply(author: { handle: string; name: string | null }): string {
  const name = author.name?.trim();
  if (name) return name;
  return author.handle.startsWith('@') ? author.handle : `@${author.handle}`;
}
