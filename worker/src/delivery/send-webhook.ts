import { signWebhook } from './sign-webhook.ts';

/** A failed send. `permanent`: no retry can succeed (the receiver refused it). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseStatus: number | null = null,
  ) {
    super(message);
  }
}

export interface WebhookRequest {
  url: string;
  body: string;
  secret: string;
  deliveryId: string;
  timeoutMs: number;
  now?: Date;
}

/**
 * Posts a signed body. Resolves with the status on 2xx; throws DeliveryError otherwise —
 * permanent for 4xx (except 408 and 429) and redirects, temporary for 5xx, 408, 429, timeouts
 * and network errors. A retry sends the same delivery id, so a receiver that processed a
 * request whose answer was lost can drop the repeat.
 */
export async function sendWebhook(request: WebhookRequest): Promise<number> {
  const timestamp = Math.floor((request.now ?? new Date()).getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Earshot-Webhook/1',
        'earshot-delivery-id': request.deliveryId,
        'earshot-timestamp': String(timestamp),
        'earshot-signature': signWebhook(request.secret, timestamp, request.body),
      },
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${request.timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new DeliveryError(
      `Webhook ${hostOf(request.url)} could not be reached (${reason}); retrying with the same delivery id.`,
      false,
    );
  }
  // The body is not needed; reading it frees the connection.
  const snippet = (await response.text().catch(() => '')).slice(0, 200);
  const status = response.status;
  if (status >= 200 && status < 300) return status;
  const said = snippet ? `: ${snippet}` : '';
  if (status >= 300 && status < 400) {
    throw new DeliveryError(
      `Webhook ${hostOf(request.url)} answered ${status} (a redirect${response.headers.get('location') ? ` to ${response.headers.get('location')}` : ''}); set the channel's URL to the final address.`,
      true,
      status,
    );
  }
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    throw new DeliveryError(
      `Webhook ${hostOf(request.url)} refused the delivery with ${status}${said}. Check the URL and the receiver's signature check, then send a test notification.`,
      true,
      status,
    );
  }
  throw new DeliveryError(
    `Webhook ${hostOf(request.url)} answered ${status}${said}; retrying with backoff.`,
    false,
    status,
  );
}

/** Host and path only: webhook URLs often carry a token in their path, so logs and errors show no more than the host. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'URL';
  }
}
