import { createHash } from 'node:crypto';

/** X's epoch (snowflake ids count milliseconds from it). */
export const TWITTER_EPOCH = 1288834974657n;

export interface FakeXUser {
  id: string;
  username: string;
  name: string;
  followers: number;
  verified: boolean;
}

export interface FakeXPost {
  id: string;
  /** As stored by X: links already shortened to t.co. */
  text: string;
  authorId: string;
  createdAt: Date;
  lang: string;
  inReplyToId: string | null;
  inReplyToUserId: string | null;
  conversationId: string;
  retweetOfId: string | null;
  deleted: boolean;
}

/**
 * The fake X's world: its users and posts, with ids made as X makes them (snowflakes that grow
 * with time) and links shortened to t.co as X stores them. No HTTP here (fake-x-server.ts).
 */
export class XWorld {
  readonly users = new Map<string, FakeXUser>();
  readonly posts = new Map<string, FakeXPost>();
  readonly brand: FakeXUser;

  protected readonly now: () => number;
  private lastId = 0n;
  private nextUserId = 900000001;

  constructor(now: () => number, brand: { username: string; name?: string; followers?: number }) {
    this.now = now;
    this.brand = this.addUser({ username: brand.username, name: brand.name ?? 'Acme Air', followers: brand.followers ?? 125_000, verified: true });
  }

  addUser(user: { username: string; name?: string; followers?: number; verified?: boolean; id?: string }): FakeXUser {
    const created: FakeXUser = {
      id: user.id ?? String(this.nextUserId++),
      username: user.username,
      name: user.name ?? user.username,
      followers: user.followers ?? 100,
      verified: user.verified ?? false,
    };
    this.users.set(created.id, created);
    return created;
  }

  userByName(username: string): FakeXUser | undefined {
    return [...this.users.values()].find((u) => u.username.toLowerCase() === username.toLowerCase());
  }

  /**
   * Posts as `author` (a username; created on first use). Ids grow with time, as X's
   * snowflakes do, and with every post added: add posts in the order they were made.
   */
  addPost(post: { author: string; text: string; replyTo?: string; retweetOf?: string; lang?: string; at?: Date }): FakeXPost {
    const author = this.userByName(post.author) ?? this.addUser({ username: post.author });
    const parent = post.replyTo ? this.posts.get(post.replyTo) : undefined;
    if (post.replyTo && !parent) throw new Error(`No post ${post.replyTo} to reply to`);
    const createdAt = post.at ?? new Date(this.now());
    const id = this.nextId(createdAt.getTime());
    const created: FakeXPost = {
      id,
      text: this.shortenLinks(post.text),
      authorId: author.id,
      createdAt,
      lang: post.lang ?? 'en',
      inReplyToId: parent?.id ?? null,
      inReplyToUserId: parent?.authorId ?? null,
      conversationId: parent?.conversationId ?? id,
      retweetOfId: post.retweetOf ?? null,
      deleted: false,
    };
    this.posts.set(id, created);
    return created;
  }

  deletePost(id: string): void {
    const post = this.posts.get(id);
    if (!post) throw new Error(`No post ${id}`);
    post.deleted = true;
  }

  /** Posts the brand account made in reply to `postId`. */
  repliesTo(postId: string): FakeXPost[] {
    return [...this.posts.values()].filter((p) => p.inReplyToId === postId && p.authorId === this.brand.id && !p.deleted);
  }

  visiblePosts(): FakeXPost[] {
    return [...this.posts.values()].filter((p) => !p.deleted);
  }

  /** A post as recent search's query language reads it. */
  searchable(p: FakeXPost) {
    const author = this.users.get(p.authorId);
    return {
      text: p.text,
      lang: p.lang,
      authorUsername: author?.username ?? '',
      authorId: p.authorId,
      inReplyToUsername: p.inReplyToUserId ? (this.users.get(p.inReplyToUserId)?.username ?? null) : null,
      inReplyToId: p.inReplyToId,
      conversationId: p.conversationId,
      isRetweet: p.retweetOfId !== null,
      isQuote: false,
    };
  }

  private nextId(ms: number): string {
    let id = (BigInt(ms) - TWITTER_EPOCH) << 22n;
    if (id <= this.lastId) id = this.lastId + 1n;
    this.lastId = id;
    return id.toString();
  }

  /** X stores links shortened to t.co. */
  shortenLinks(text: string): string {
    return text.replace(/https?:\/\/[^\s]+/g, (link) => {
      const code = createHash('sha256').update(link).digest('base64url').replace(/[-_]/g, 'x').slice(0, 10);
      return `https://t.co/${code}`;
    });
  }
}
