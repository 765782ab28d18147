import { NEGATORS } from '../text/negation.ts';
import { TokenKind, type TokenBuffer } from '../text/tokenize.ts';

/**
 * Complaint topics by keyword family. Cues are words or two-word phrases; a strong cue
 * (weight 2) names the topic by itself, a weak one (1) only tips the balance. Families
 * listed first win ties: the airline and travel families, which the labelled data lets us
 * check, then general customer-service ones for other brands.
 */
const FAMILIES: ReadonlyArray<{ topic: string; strong: string[]; weak: string[] }> = [
  {
    topic: 'cancellation',
    strong: ['cancel', 'cancelled', 'canceled', 'cancellation', 'cancellations', 'cancelation', 'cancelling', 'canceling', 'cxl'],
    weak: [],
  },
  {
    topic: 'delays',
    strong: ['delay', 'delayed', 'delays', 'late', 'tarmac', 'missed connection', 'missed my', 'on time', 'still waiting', 'diverted'],
    weak: ['wait', 'waiting', 'hours', 'hrs', 'stuck', 'connection', 'connecting', 'gate', 'mechanical', 'sitting', 'weather'],
  },
  {
    topic: 'baggage',
    strong: ['bag', 'bags', 'baggage', 'luggage', 'suitcase', 'suitcases', 'carousel', 'checked bag', 'lost bag', 'stroller', 'carry on'],
    weak: ['lost', 'damaged', 'claim', 'delivered', 'broken'],
  },
  {
    topic: 'refund',
    strong: ['refund', 'refunds', 'refunded', 'voucher', 'vouchers', 'reimburse', 'reimbursement', 'compensation', 'compensate', 'money back'],
    weak: ['credit', 'money', 'paid', 'pay'],
  },
  {
    topic: 'fees',
    strong: ['fee', 'fees', 'overcharged', 'charged', 'surcharge', 'price', 'prices', 'fare', 'fares'],
    weak: ['charge', 'expensive', 'cost', '<money>'],
  },
  {
    topic: 'booking',
    strong: ['booking', 'reservation', 'reservations', 'rebook', 'rebooked', 'rebooking', 'itinerary', 'boarding pass', 'check in', 'checkin', 'reschedule', 'ticket', 'tickets'],
    weak: ['book', 'booked', 'website', 'site', 'online', 'app', 'confirmation', 'change', 'standby', 'miles', 'points', 'upgrade'],
  },
  {
    topic: 'customer service',
    strong: ['on hold', 'customer service', 'hung up', 'hang up', 'call back', 'no response', 'no answer', 'no reply', 'phone', 'hold'],
    weak: ['call', 'called', 'calling', 'response', 'respond', 'reply', 'dm', 'email', 'emails', 'answer', 'service', 'help', 'rep', 'agent', 'chat', 'contact'],
  },
  {
    topic: 'staff',
    strong: ['rude', 'attendant', 'attendants', 'crew', 'pilot', 'captain', 'stewardess', 'employee', 'employees', 'staff', 'gate agent', 'unprofessional', 'attitude', 'supervisor', 'manager'],
    weak: ['agents', 'yelled', 'told'],
  },
  {
    topic: 'seating',
    strong: ['seat', 'seats', 'seating', 'legroom', 'middle seat', 'first class', 'exit row', 'aisle', 'overbooked', 'recline'],
    weak: ['row', 'window', 'economy', 'room'],
  },
  {
    topic: 'in-flight',
    strong: ['wifi', 'entertainment', 'food', 'meal', 'snack', 'snacks', 'drinks', 'bathroom', 'lavatory', 'toilet', 'movies', 'tv', 'inflight'],
    weak: ['dirty', 'smell', 'cold', 'hot', 'temperature', 'water', 'coffee', 'outlet', 'plane'],
  },
  {
    topic: 'queues',
    strong: ['line', 'lines', 'queue', 'queues', 'security', 'tsa'],
    weak: ['counter', 'kiosk'],
  },
  {
    topic: 'delivery',
    strong: ['delivery', 'shipping', 'shipment', 'package', 'parcel', 'tracking', 'courier', 'never arrived', 'not delivered'],
    weak: ['order', 'arrived', 'shipped', 'ship'],
  },
  {
    topic: 'billing',
    strong: ['bill', 'billing', 'invoice', 'subscription', 'payment', 'double charged', 'unauthorized'],
    weak: ['card', 'account'],
  },
  {
    topic: 'account & login',
    strong: ['login', 'log in', 'password', 'sign in', 'locked out', 'verification', 'verify', 'hacked', 'suspended'],
    weak: ['account', 'username', 'code'],
  },
  {
    topic: 'app & website',
    strong: ['crash', 'crashes', 'crashing', 'bug', 'bugs', 'glitch', 'error', 'update', 'loading'],
    weak: ['app', 'website', 'site', 'page', 'screen'],
  },
  {
    topic: 'outage',
    strong: ['outage', 'down', 'offline', 'no signal', 'no internet', 'no service'],
    weak: ['internet', 'network', 'connection', 'signal', 'working'],
  },
  {
    topic: 'product quality',
    strong: ['defective', 'faulty', 'quality', 'stopped working', 'broke', 'fell apart', 'cheap'],
    weak: ['broken', 'damaged', 'battery'],
  },
];

/** Every topic {@link TopicFinder} can name from its families. */
export const TOPIC_FAMILIES: readonly string[] = FAMILIES.map((f) => f.topic);

/** Words that never head a complaint's key phrase. */
const STOP: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'this', 'that', 'these', 'those', 'i', 'me', 'you', 'we', 'they',
  'it', 'he', 'she', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'im', 'ive', 'id', 'youre', 'to', 'of', 'in', 'on', 'at',
  'for', 'with', 'and', 'or', 'so', 'just', 'still', 'again', 'now', 'today', 'very', 'really', 'too', 'all', 'any', 'some', 'one',
  'get', 'got', 'have', 'has', 'had', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'what', 'why', 'how', 'when',
  'where', 'who', 'which', 'there', 'here', 'please', 'thanks', 'thank', 'from', 'about', 'by', 'as', 'if', 'then', 'than', 'up', 'out',
  'more', 'most', 'new', 'first', 'last', 'next', 'same', 'other', 'own', 'whole', 'entire', 'only', 'even', 'ever', 'also', 'way',
]);
const DETERMINERS: ReadonlySet<string> = new Set(['my', 'the', 'your', 'our', 'this', 'their', 'his', 'her', 'these', 'those']);

interface Cue {
  family: number;
  weight: number;
  /** Second word of a two-word cue, as a stem; '' for one word. */
  next: string;
}

/**
 * Names what a complaint is about: the best-scoring keyword family, or else the noun
 * phrase after the first determiner ("my *order*", "the *new update*"), or null.
 */
export class TopicFinder {
  private readonly cues = new Map<string, Cue[]>();
  private readonly scores = new Float64Array(FAMILIES.length);

  /** `stem` must be the stemmer that produced the terms passed to {@link find}. */
  constructor(stem: (word: string) => string) {
    FAMILIES.forEach((family, index) => {
      for (const [list, weight] of [
        [family.strong, 2],
        [family.weak, 1],
      ] as const) {
        for (const cue of list) {
          const words = cue.split(' ').map((w) => (w.startsWith('<') ? w : stem(w)));
          const entry: Cue = { family: index, weight, next: words[1] ?? '' };
          const bucket = this.cues.get(words[0]!) ?? [];
          bucket.push(entry);
          this.cues.set(words[0]!, bucket);
        }
      }
    });
  }

  /**
   * @param tokens the tokenized text
   * @param terms the stem (or placeholder) of each token, parallel to `tokens`
   * @param isSentimentWord words the key phrase should skip ("awful", "love")
   */
  find(tokens: TokenBuffer, terms: readonly string[], isSentimentWord: (word: string) => boolean): string | null {
    const scores = this.scores;
    scores.fill(0);
    let any = false;
    for (let i = 0; i < tokens.length; i++) {
      const cues = this.cues.get(terms[i]!);
      if (cues === undefined) continue;
      for (const cue of cues) {
        if (cue.next !== '' && terms[i + 1] !== cue.next) continue;
        // A two-word cue outweighs its first word alone ("customer service" vs "service").
        scores[cue.family]! += cue.next === '' ? cue.weight : cue.weight + 1;
        any = true;
      }
    }
    if (any) {
      let best = 0;
      for (let f = 1; f < scores.length; f++) if (scores[f]! > scores[best]!) best = f;
      if (scores[best]! >= 2) return FAMILIES[best]!.topic;
    }
    return this.keyPhrase(tokens, isSentimentWord);
  }

  private keyPhrase(tokens: TokenBuffer, isSentimentWord: (word: string) => boolean): string | null {
    const { texts, kinds } = tokens;
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (kinds[i] !== TokenKind.Word || !DETERMINERS.has(texts[i]!)) continue;
      const phrase: string[] = [];
      for (let j = i + 1; j < tokens.length && phrase.length < 2; j++) {
        const w = texts[j]!;
        if (kinds[j] !== TokenKind.Word || STOP.has(w) || NEGATORS.has(w) || isSentimentWord(w)) break;
        phrase.push(w);
      }
      if (phrase.length > 0) return phrase.join(' ');
    }
    return null;
  }
}
