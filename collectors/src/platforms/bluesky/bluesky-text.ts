/** Bluesky's limit for a post's text, in graphemes (what a reader sees as one character). */
export const BLUESKY_MAX_GRAPHEMES = 300;
/** And in UTF-8 bytes, which long scripts or many combining marks can reach first. */
export const BLUESKY_MAX_BYTES = 3_000;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The length Bluesky gives `text`: an emoji family or a flag is one grapheme. */
export function blueskyGraphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** Whether Bluesky will accept `text` as a post, with a message the agent can act on when not. */
export function checkBlueskyReply(text: string): { ok: true } | { ok: false; message: string } {
  if (text.trim().length === 0) return { ok: false, message: 'A reply on Bluesky needs some text.' };
  const length = blueskyGraphemes(text);
  if (length > BLUESKY_MAX_GRAPHEMES) {
    return {
      ok: false,
      message: `Bluesky allows ${BLUESKY_MAX_GRAPHEMES} characters per post and this reply has ${length}: shorten it by ${length - BLUESKY_MAX_GRAPHEMES}. (An emoji counts as one.)`,
    };
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > BLUESKY_MAX_BYTES) {
    return { ok: false, message: `Bluesky allows ${BLUESKY_MAX_BYTES} bytes per post and this reply takes ${bytes}: shorten it.` };
  }
  return { ok: true };
}
