import { describe, expect, it } from 'vitest';
import { markNegation } from './negation.ts';
import { TokenBuffer, tokenizeInto, tokensOf } from './tokenize.ts';

/** Tokens as "text/Kind" strings, with /NEG, /EL and /CAPS marks, after negation marking (window 3). */
function show(text: string): string {
  const buffer = new TokenBuffer();
  tokenizeInto(text, buffer);
  markNegation(buffer, 3);
  return tokensOf(buffer)
    .map((t) => `${t.text}/${t.kind}${t.negated ? '/NEG' : ''}${t.elongated ? '/EL' : ''}${t.allCaps ? '/CAPS' : ''}`)
    .join(' ');
}

describe('tokenizeInto', () => {
  it.each([
    ['mentions, URLs, hashtags, emoticons', '@united I hate it :( http://t.co/abc #fail', '<user>/Mention i/Word hate/Word it/Word <sad>/Emoticon <url>/Url fail/Hashtag'],
    ['URLs without a scheme', 'see www.example.com and t.co/xyz', 'see/Word <url>/Url and/Word <url>/Url'],
    ['elongations are cut to two letters and flagged', 'Soooo happyyyy', 'soo/Word/EL happyy/Word/EL'],
    ['runs of ! or ? fold into one flagged token', 'why?!?! ok!!!', 'why/Word ?/Punct/EL !/Punct/EL ok/Word !/Punct/EL'],
    ['HTML entities are decoded first (&lt;3 is a heart)', 'love it &lt;3 &amp; more', 'love/Word it/Word <heart>/Emoticon more/Word'],
    ['contractions lose their apostrophe, straight or curly', "don't. don’t. it's", 'dont/Word ./Punct dont/Word ./Punct its/Word'],
    ['capitals of four or more letters are flagged', 'WORST airline EVER', 'worst/Word/CAPS airline/Word ever/Word/CAPS'],
    ['numbers, times and amounts', 'flight 1234 at 10:30pm cost $200', 'flight/Word <num>/Number at/Word <num>/Number pm/Word cost/Word <money>/Number'],
    ['emoji lose skin tones and variation selectors', '👍🏽 ✈️ ❤️', '👍/Emoji ✈/Emoji ❤/Emoji'],
    ['repeated emoji count once, flagged', '😡😡😡', '😡/Emoji/EL'],
    ['joined emoji sequences are one emoji', '👨‍👩‍👧 family', '👨/Emoji family/Word'],
    ['emoticons glued to a word', 'thanks:) xD', 'thanks/Word <smile>/Emoticon <laugh>/Emoticon'],
    ['a longer emoticon wins over its prefix', '>:( </3 :-)', '<angry>/Emoticon <brokenheart>/Emoticon <smile>/Emoticon'],
    ['a letter emoticon must stand alone', 'xDallas :Denver', 'xdallas/Word ./Punct denver/Word'],
    ['clock times are not emoticons', 'at 10:30 :)', 'at/Word <num>/Number <smile>/Emoticon'],
    ['clause punctuation', 'late, again; sigh… ok.', 'late/Word ,/Punct again/Word ./Punct sigh/Word ./Punct ok/Word ./Punct'],
    ['empty text', '', ''],
    ['only symbols', '--- *** ///', ''],
  ])('%s', (_name, text, expected) => {
    expect(show(text)).toBe(expected);
  });

  it('reuses its buffer: a second call replaces the first text’s tokens', () => {
    const buffer = new TokenBuffer();
    tokenizeInto('one two three four five six seven eight nine ten eleven twelve thirteen', buffer);
    tokenizeInto('just two', buffer);
    expect(tokensOf(buffer).map((t) => t.text)).toEqual(['just', 'two']);
  });

  it('grows past its initial capacity', () => {
    const buffer = new TokenBuffer();
    const words = Array.from({ length: 500 }, (_, i) => `w${i}`);
    tokenizeInto(words.join(' '), buffer);
    expect(buffer.length).toBe(500);
    expect(tokensOf(buffer)[499]!.text).toBe('w499');
  });
});

describe('markNegation', () => {
  it.each([
    ['"not bad at all": the scope covers the rest of the clause', 'not bad at all', 'not/Word bad/Word/NEG at/Word/NEG all/Word/NEG'],
    ['"don\'t love it"', "I don't love it", 'i/Word dont/Word love/Word/NEG it/Word/NEG'],
    ['"no problem" up to the comma', 'No problem, thanks', 'no/Word problem/Word/NEG ,/Punct thanks/Word'],
    ['a scope reaches at most three words', 'never been this happy before today', 'never/Word been/Word/NEG this/Word/NEG happy/Word/NEG before/Word today/Word'],
    ['"but" closes the scope', 'dont like it but the crew was great', 'dont/Word like/Word/NEG it/Word/NEG but/Word the/Word crew/Word was/Word great/Word'],
    ['punctuation closes the scope', 'never again. great', 'never/Word again/Word/NEG ./Punct great/Word'],
    ['an emoticon closes the scope', 'not :( good', 'not/Word <sad>/Emoticon good/Word'],
    ["\"can't wait\" is eagerness, not negation", "I can't wait to fly", 'i/Word cant/Word wait/Word to/Word fly/Word'],
    ['"not only" affirms', 'not only fast but cheap', 'not/Word only/Word fast/Word but/Word cheap/Word'],
    ['handles inside the scope are skipped over', 'not @delta fault', 'not/Word <user>/Mention fault/Word/NEG'],
    ['a negator inside a scope starts a new one', 'not without reason', 'not/Word without/Word reason/Word/NEG'],
    ['slang negators', 'dnt like it', 'dnt/Word like/Word/NEG it/Word/NEG'],
  ])('%s', (_name, text, expected) => {
    expect(show(text)).toBe(expected);
  });
});
