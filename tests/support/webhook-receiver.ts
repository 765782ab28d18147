import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '@earshot/worker';

export interface ReceivedWebhook {
  deliveryId: string | undefined;
  signature: string | undefined;
  verified: boolean;
  /** False when this delivery id had already been processed: the receiver dropped the repeat. */
  processed: boolean;
  body: string;
  json: unknown;
}

/** What the receiver does with the next request: answer with a status, or never answer (a hung receiver). */
export type Answer = number | 'hang';

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Delivery ids processed, each once: what a receiver that dedupes by Earshot-Delivery-Id acted on. */
  processed: string[];
  /** Answers for the next requests, in order; afterwards 200. */
  plan(...answers: Answer[]): void;
  close(): Promise<void>;
}

/**
 * A webhook receiver on loopback that does what the README asks of one: verify the signature
 * (refusing a bad one with 401), drop a delivery id it has already processed, answer 2xx.
 */
/** `secret` may be a function, for tests that rotate it. */
export async function startWebhookReceiver(
  secret: string | (() => string),
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const processed: string[] = [];
  const answers: Answer[] = [];
  const hung = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = header(req, 'earshot-signature');
      const deliveryId = header(req, 'earshot-delivery-id');
      const verified = verifyWebhookSignature(
        typeof secret === 'function' ? secret() : secret,
        signature,
        body,
      );
      const answer = answers.shift() ?? 200;
      // A receiver acts on a verified delivery once, before answering (so a lost answer is the
      // case the delivery id exists for).
      const fresh =
        verified &&
        deliveryId !== undefined &&
        !processed.includes(deliveryId) &&
        (answer === 'hang' || answer < 300);
      if (fresh) processed.push(deliveryId);
      received.push({
        deliveryId,
        signature,
        verified,
        processed: fresh,
        body,
        json: safeJson(body),
      });
      if (!verified) {
        res.writeHead(401).end('bad signature');
      } else if (answer === 'hang') {
        hung.add(res);
      } else {
        res
          .writeHead(answer, { 'content-type': 'text/plain' })
          .end(answer < 300 ? 'ok' : 'receiver failed');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/earshot`,
    received,
    processed,
    plan: (...next) => void answers.push(...next),
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
