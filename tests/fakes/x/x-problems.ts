/** X's error answers: RFC 7807 problems, and the invalid-request shape for bad parameters. */

export type Json = Record<string, unknown>;

/** Thrown inside a handler: the answer to send instead. */
export class Fail {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {}
}

export function problem(status: number, title: string, detail: string, type = 'about:blank', extra: Json = {}): Fail {
  return new Fail(status, { title, detail, type, ...(type === 'about:blank' ? { status } : {}), ...extra });
}

export function invalidRequest(errors: { parameter: string; value: string; message: string }[]): Fail {
  return new Fail(400, {
    errors: errors.map((e) => ({ parameters: { [e.parameter]: [e.value] }, message: e.message })),
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}

/** The body of X's 429 for a plan's monthly cap (not a rate window): `{kind: 'status', status: 429, body: X_USAGE_CAPPED}`. */
export const X_USAGE_CAPPED: Json = {
  title: 'UsageCapExceeded',
  detail: 'Usage cap exceeded: Monthly product cap',
  type: 'https://api.twitter.com/2/problems/usage-capped',
  period: 'Monthly',
  scope: 'Product',
};
