import type { Json } from './x-problems.ts';
import type { FakeXPost, FakeXUser, XWorld } from './x-world.ts';

/**
 * How the fake X writes posts and users as X API v2 does: only the fields asked for, expansions
 * in `includes`, a deleted referenced post as a partial error, text HTML-escaped.
 */

const TWEET_FIELDS_ALWAYS = ['id', 'text', 'edit_history_tweet_ids'];
const USER_FIELDS_ALWAYS = ['id', 'name', 'username'];

/** X answers with text HTML-escaped. */
export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function renderPosts(world: XWorld, posts: FakeXPost[], q: URLSearchParams, mode: 'list' | 'single'): Json {
  const tweetFields = fieldsOf(q, 'tweet.fields');
  const userFields = fieldsOf(q, 'user.fields');
  const expansions = new Set(fieldsOf(q, 'expansions'));
  const users = new Map<string, FakeXUser>();
  const referenced = new Map<string, FakeXPost>();
  const errors: Json[] = [];
  const wantUser = (userId: string | null) => {
    const user = userId ? world.users.get(userId) : undefined;
    if (user) users.set(user.id, user);
  };
  for (const post of posts) {
    if (expansions.has('author_id')) wantUser(post.authorId);
    if (expansions.has('in_reply_to_user_id')) wantUser(post.inReplyToUserId);
    for (const ref of references(post)) {
      if (!expansions.has('referenced_tweets.id')) continue;
      const target = world.posts.get(ref.id);
      if (!target || target.deleted) {
        errors.push(notFound('tweet', 'referenced_tweets.id', ref.id));
        continue;
      }
      referenced.set(target.id, target);
      if (expansions.has('referenced_tweets.id.author_id')) wantUser(target.authorId);
    }
  }
  const data = posts.map((p) => renderPost(world, p, tweetFields));
  const includes: Json = {};
  if (users.size > 0) includes.users = [...users.values()].map((u) => renderUser(u, userFields));
  if (referenced.size > 0) includes.tweets = [...referenced.values()].map((p) => renderPost(world, p, tweetFields));
  return {
    data: mode === 'single' ? data[0] : data,
    ...(Object.keys(includes).length > 0 ? { includes } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  };
}

function renderPost(world: XWorld, p: FakeXPost, fields: string[]): Json {
  const all: Json = {
    id: p.id,
    text: escapeText(p.text),
    edit_history_tweet_ids: [p.id],
    author_id: p.authorId,
    created_at: p.createdAt.toISOString(),
    lang: p.lang,
    conversation_id: p.conversationId,
    ...(p.inReplyToUserId ? { in_reply_to_user_id: p.inReplyToUserId } : {}),
    ...(references(p).length > 0 ? { referenced_tweets: references(p) } : {}),
    public_metrics: { retweet_count: 0, reply_count: world.repliesTo(p.id).length, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 },
  };
  return pick(all, [...TWEET_FIELDS_ALWAYS, ...fields]);
}

export function renderUser(u: FakeXUser, fields: string[]): Json {
  const all: Json = {
    id: u.id,
    name: u.name,
    username: u.username,
    verified: u.verified,
    protected: false,
    created_at: '2012-03-04T05:06:07.000Z',
    public_metrics: { followers_count: u.followers, following_count: 10, tweet_count: 1000, listed_count: 3, like_count: 50 },
  };
  return pick(all, [...USER_FIELDS_ALWAYS, ...fields]);
}

function references(p: FakeXPost): { type: 'replied_to' | 'retweeted'; id: string }[] {
  const refs: { type: 'replied_to' | 'retweeted'; id: string }[] = [];
  if (p.inReplyToId) refs.push({ type: 'replied_to', id: p.inReplyToId });
  if (p.retweetOfId) refs.push({ type: 'retweeted', id: p.retweetOfId });
  return refs;
}

export function fieldsOf(q: URLSearchParams, name: string): string[] {
  return (q.get(name) ?? '').split(',').filter(Boolean);
}

function pick(all: Json, fields: string[]): Json {
  const out: Json = {};
  for (const f of fields) if (f in all) out[f] = all[f];
  return out;
}

export function notFound(type: 'tweet' | 'user', parameter: string, id: string): Json {
  return {
    value: id,
    detail: `Could not find ${type} with ${parameter}: [${id}].`,
    title: 'Not Found Error',
    resource_type: type,
    parameter,
    resource_id: id,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}
