// Mention text from a small word model: per intent, a sentence is a chain of slots, each a
// choice of words, with optional hashtags, handles and numbers. Enough variety that text
// search and the author and topic filters see realistic spreads of words, never a copy of a
// real dataset.

export type Pick = (n: number) => number;

const W = {
  opener: ['', '', 'hey', 'so', 'honestly', 'ok', 'wow', 'ugh', 'again', 'seriously', 'hi', 'um'],
  product: ['order', 'parcel', 'delivery', 'app', 'account', 'bill', 'card', 'subscription', 'refund', 'kettle', 'phone', 'router', 'flight', 'booking', 'ticket', 'package', 'invoice', 'plan', 'upgrade', 'password'],
  problem: [
    'is late again', 'never arrived', 'was charged twice', 'keeps crashing', 'got cancelled', 'is missing', 'arrived damaged',
    'was refused', 'is stuck', 'stopped working', 'was lost', 'has not shipped', 'is broken', 'is wrong', 'was delayed',
    'logs me out', 'cannot be found', 'shows an error', 'was declined', 'was sent to the wrong address',
  ],
  time: ['', 'for the third time', 'since monday', 'for two weeks', 'today', 'this morning', 'all week', 'after 40 minutes on hold', 'again', 'for days'],
  complaintEnd: ['', 'still waiting', 'no answer from support', 'this is ridiculous', 'fix it please', 'I want a refund', 'urgent', 'not happy', 'worst service', 'what is going on'],
  ask: ['do you', 'can you', 'how do I', 'when will you', 'is it possible to', 'any way to', 'where can I', 'why does my'],
  askVerb: ['ship to ireland', 'change my address', 'cancel my plan', 'track my order', 'get an invoice', 'reset my password', 'pay by card', 'upgrade my plan', 'return an item', 'talk to a human'],
  praise: ['love the new', 'great service on my', 'thanks for the quick', 'really happy with my', 'amazing support with my', 'best', 'so good, my', 'impressed by the'],
  praiseEnd: ['', 'thank you', 'well done', 'keep it up', 'five stars', 'made my day', 'brilliant'],
  other: ['just saw the ad for', 'anyone else using the', 'thinking about a new', 'reading about the', 'my friend recommended the', 'the store had the'],
  spam: ['win a free', 'click here for cheap', 'follow back for', 'crypto giveaway', 'best deals on', 'earn money with'],
  tag: ['#fail', '#customerservice', '#help', '#refundnow', '#delivery', '#love', '#thanks', '#update', '#outage', '#deal'],
};

function one(pick: Pick, words: readonly string[]): string {
  return words[pick(words.length)]!;
}

function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

export function mentionText(pick: Pick, intent: string, brandHandle: string): string {
  const tag = pick(4) === 0 ? one(pick, W.tag) : '';
  const at = pick(3) === 0 ? `@${brandHandle}` : '';
  switch (intent) {
    case 'complaint':
      return join([one(pick, W.opener), at, 'my', one(pick, W.product), one(pick, W.problem), one(pick, W.time), one(pick, W.complaintEnd), tag]);
    case 'question':
      return `${join([at, one(pick, W.ask), one(pick, W.askVerb), pick(2) === 0 ? `for my ${one(pick, W.product)}` : ''])}?`;
    case 'praise':
      return join([at, one(pick, W.praise), one(pick, W.product), one(pick, W.praiseEnd), tag]);
    case 'spam':
      return join([one(pick, W.spam), one(pick, W.product), `http://x.example/${pick(100000)}`, tag]);
    default:
      return join([one(pick, W.opener), one(pick, W.other), one(pick, W.product), at, tag]);
  }
}

export function replyText(pick: Pick): string {
  return one(pick, [
    'Sorry about this, we are looking into it now. Could you DM us your order number?',
    'Thanks for letting us know, a colleague will follow up within the hour.',
    'We have refunded the duplicate charge; it shows within 3-5 days.',
    'Glad to hear it, thank you!',
    'Yes, we do: see our shipping page for the details.',
    'That should not happen. Please try updating the app, and tell us if it persists.',
  ]);
}
