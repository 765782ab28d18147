// Rules about text that both the server (which refuses) and the dashboard (which warns) apply.

/**
 * Zero-width and direction-control characters: invisible, or they reorder what is shown
 * ("evil" can display as "live", "@admin official" can hide another handle).
 */
export const HIDDEN_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
const HIDDEN_CHARACTERS_ALL = new RegExp(HIDDEN_CHARACTERS.source, 'g');

/** C0 control characters other than tab, newline and carriage return, and DEL. PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_CHARACTERS.test(text);
}

/** What a reader actually sees: the text without hidden characters or white space. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN_CHARACTERS_ALL, '').replace(/\s+/g, '');
}
