/** A tiny cookie-keeping client for the Earshot API, as a browser would use it. */
export class ApiClient {
  private cookie = '';
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.cookie ? { cookie: this.cookie } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await this.request('POST', '/api/session', { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A new client signed in as `user`: the app's admin unless another is given. */
export async function signedInClient(
  app: { url: string; adminEmail: string; adminPassword: string },
  user: { email: string; password: string } = { email: app.adminEmail, password: app.adminPassword },
): Promise<ApiClient> {
  const client = new ApiClient(app.url);
  await client.signIn(user.email, user.password);
  return client;
}
