/**
 * Just enough of X's search query language for the fake server to decide which posts match:
 * keywords, "exact phrases", @mentions, #hashtags, OR, implicit AND (which binds tighter
 * than OR, as on X), negation with -, grouping, and the operators Earshot's queries use.
 * Queries X would refuse are refused here with a similar message.
 */

export interface SearchablePost {
  text: string;
  lang: string;
  authorUsername: string;
  authorId: string;
  inReplyToUsername: string | null;
  inReplyToId: string | null;
  conversationId: string;
  isRetweet: boolean;
  isQuote: boolean;
}

type Node =
  | { kind: 'or'; items: Node[] }
  | { kind: 'and'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'word'; value: string }
  | { kind: 'phrase'; words: string[] }
  | { kind: 'mention'; value: string }
  | { kind: 'hashtag'; value: string }
  | { kind: 'operator'; name: string; value: string };

type Token = { type: '(' | ')' | 'OR' | '-' } | { type: 'term'; text: string; quoted: boolean; position: number };

/** Operators that may stand alone; the others only narrow another clause. */
const STANDALONE = new Set(['from', 'to', 'url', 'conversation_id', 'in_reply_to_tweet_id', 'retweets_of']);
const CONJUNCTION_REQUIRED = new Set(['is', 'has', 'lang']);
const IS_VALUES = new Set(['retweet', 'reply', 'quote', 'verified']);
const HAS_VALUES = new Set(['links', 'mentions', 'hashtags', 'media']);

export class SearchQueryError extends Error {}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((chunk) => chunk && !chunk.startsWith('@') && !chunk.startsWith('#') && !/^https?:\/\//.test(chunk))
    .flatMap((chunk) => chunk.split(/[^\p{L}\p{N}_']+/u))
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

function tagged(text: string, sigil: '@' | '#'): Set<string> {
  const found = new Set<string>();
  const pattern = sigil === '@' ? /(?:^|[^\w])@(\w{1,15})/g : /(?:^|[^\w&])#(\w+)/gu;
  for (const match of text.matchAll(pattern)) found.add(match[1]!.toLowerCase());
  return found;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c });
      i++;
    } else if (c === '-' && i + 1 < query.length && !/\s/.test(query[i + 1]!)) {
      tokens.push({ type: '-' });
      i++;
    } else if (c === '"') {
      const end = query.indexOf('"', i + 1);
      if (end < 0) throw new SearchQueryError(`There were errors processing your request: Unterminated quoted string (at position ${i + 1})`);
      tokens.push({ type: 'term', text: query.slice(i, end + 1), quoted: true, position: i + 1 });
      i = end + 1;
    } else {
      const start = i;
      while (i < query.length && !/[\s()]/.test(query[i]!)) {
        if (query[i] === '"') {
          // An operator with a quoted value: url:"https://x.com/a b"
          const end = query.indexOf('"', i + 1);
          if (end < 0) throw new SearchQueryError(`There were errors processing your request: Unterminated quoted string (at position ${i + 1})`);
          i = end + 1;
        } else i++;
      }
      const text = query.slice(start, i);
      tokens.push(text === 'OR' ? { type: 'OR' } : { type: 'term', text, quoted: false, position: start + 1 });
    }
  }
  return tokens;
}

function parseTerm(token: Extract<Token, { type: 'term' }>): Node {
  const { text, quoted, position } = token;
  if (quoted) {
    const phrase = words(text.slice(1, -1));
    if (phrase.length === 0) throw new SearchQueryError(`There were errors processing your request: Empty phrase (at position ${position})`);
    return { kind: 'phrase', words: phrase };
  }
  if (text.startsWith('@')) return { kind: 'mention', value: text.slice(1).toLowerCase() };
  if (text.startsWith('#')) return { kind: 'hashtag', value: text.slice(1).toLowerCase() };
  const colon = text.indexOf(':');
  if (colon > 0 && !/^https?:/.test(text)) {
    const name = text.slice(0, colon);
    const value = text.slice(colon + 1).replace(/^"|"$/g, '');
    if (!STANDALONE.has(name) && !CONJUNCTION_REQUIRED.has(name)) {
      throw new SearchQueryError(
        `There were errors processing your request: Reference to invalid operator '${name}'. Operator is not available in current product or product packaging. Please refer to complete available operator list at https://t.co/operators. (at position ${position})`,
      );
    }
    if ((name === 'is' && !IS_VALUES.has(value)) || (name === 'has' && !HAS_VALUES.has(value))) {
      throw new SearchQueryError(`There were errors processing your request: Reference to invalid field '${value}' (at position ${position + colon + 1})`);
    }
    return { kind: 'operator', name, value };
  }
  const only = words(text);
  if (only.length === 0) return { kind: 'word', value: text.toLowerCase() };
  return only.length === 1 ? { kind: 'word', value: only[0]! } : { kind: 'phrase', words: only };
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    if (this.i < this.tokens.length) throw new SearchQueryError('There were errors processing your request: Unbalanced parentheses');
    return node;
  }

  private or(): Node {
    const items = [this.and()];
    while (this.tokens[this.i]?.type === 'OR') {
      this.i++;
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): Node {
    const items: Node[] = [];
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || t.type === ')' || t.type === 'OR') break;
      items.push(this.unary());
    }
    if (items.length === 0) throw new SearchQueryError('There were errors processing your request: Ambiguous use of OR or an empty group');
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private unary(): Node {
    if (this.tokens[this.i]?.type === '-') {
      this.i++;
      return { kind: 'not', item: this.atom() };
    }
    return this.atom();
  }

  private atom(): Node {
    const t = this.tokens[this.i++];
    if (!t) throw new SearchQueryError('There were errors processing your request: Unexpected end of query');
    if (t.type === '(') {
      const inner = this.or();
      if (this.tokens[this.i]?.type !== ')') throw new SearchQueryError('There were errors processing your request: Unbalanced parentheses');
      this.i++;
      return inner;
    }
    if (t.type === 'term') return parseTerm(t);
    throw new SearchQueryError(`There were errors processing your request: Unexpected "${t.type}"`);
  }
}

/** True when the clause can select posts on its own (X requires one in every query). */
function hasPositiveStandalone(node: Node): boolean {
  switch (node.kind) {
    case 'or':
      return node.items.every(hasPositiveStandalone);
    case 'and':
      return node.items.some(hasPositiveStandalone);
    case 'not':
      return false;
    case 'operator':
      return STANDALONE.has(node.name);
    default:
      return true;
  }
}

function matches(node: Node, post: SearchablePost): boolean {
  switch (node.kind) {
    case 'or':
      return node.items.some((n) => matches(n, post));
    case 'and':
      return node.items.every((n) => matches(n, post));
    case 'not':
      return !matches(node.item, post);
    case 'word':
      return words(post.text).includes(node.value);
    case 'phrase': {
      const text = words(post.text);
      for (let i = 0; i + node.words.length <= text.length; i++) {
        if (node.words.every((w, j) => text[i + j] === w)) return true;
      }
      return false;
    }
    case 'mention':
      return tagged(post.text, '@').has(node.value);
    case 'hashtag':
      return tagged(post.text, '#').has(node.value);
    case 'operator':
      switch (node.name) {
        case 'from':
          return post.authorUsername.toLowerCase() === node.value.toLowerCase() || post.authorId === node.value;
        case 'to':
          return post.inReplyToUsername?.toLowerCase() === node.value.toLowerCase();
        case 'lang':
          return post.lang === node.value;
        case 'url':
          return post.text.toLowerCase().includes(node.value.toLowerCase());
        case 'conversation_id':
          return post.conversationId === node.value;
        case 'in_reply_to_tweet_id':
          return post.inReplyToId === node.value;
        case 'is':
          return node.value === 'retweet' ? post.isRetweet : node.value === 'reply' ? post.inReplyToId !== null : node.value === 'quote' ? post.isQuote : false;
        case 'has':
          return node.value === 'links'
            ? /https?:\/\//.test(post.text)
            : node.value === 'mentions'
              ? tagged(post.text, '@').size > 0
              : node.value === 'hashtags'
                ? tagged(post.text, '#').size > 0
                : false;
        default:
          return false;
      }
  }
}

/** Parses a query as X would; throws SearchQueryError with X-like wording when X would refuse it. */
export function compileSearchQuery(query: string): (post: SearchablePost) => boolean {
  const root = new Parser(tokenize(query)).parse();
  if (!hasPositiveStandalone(root)) {
    throw new SearchQueryError(
      'There were errors processing your request: Rules must contain at least one positive, stand-alone clause: a keyword, a phrase, an @mention, a #hashtag or an operator such as from: (at position 1)',
    );
  }
  return (post) => matches(root, post);
}
