import type { ErrorBody, FieldProblem } from '../../src/api/contract.ts';

/** A failed API call, with the server's error code and a message fit to show the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** What the client can do about it, when the server says (e.g. `totp_required`). */
  readonly reason: string | undefined;
  /** A refused body's problems by field, in the user's words (forms show each by its field). */
  readonly fields: FieldProblem[];

  constructor(status: number, code: string, message: string, reason?: string, fields: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.reason = reason;
    this.fields = fields;
  }
}

let onUnauthorized: (() => void) | null = null;

/**
 * Called when any API call other than signing in answers 401: the session has expired or
 * was revoked, so the app goes back to the sign-in form.
 */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Signing in expects 401 for a wrong password; it must not count as "session expired". */
  expectUnauthorized?: boolean;
}

/** Calls the API with the session cookie. Resolves with the parsed JSON (undefined for 204). */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'network',
      'Cannot reach the Earshot server. Check your connection; it will work again once the server is back.',
    );
  }

  if (response.status === 204) return undefined as T;

  let payload: unknown = null;
  const text = await response.text();
  if (text !== '') {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }

  if (!response.ok) {
    if (response.status === 401 && !options.expectUnauthorized) onUnauthorized?.();
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message, payload.error.reason, payload.error.fields);
    }
    throw new ApiError(
      response.status,
      'http_' + String(response.status),
      `The server answered ${String(response.status)} ${response.statusText}. Try again in a moment.`,
    );
  }
  return payload as T;
}

/** A message for any thrown value, for showing in the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}
