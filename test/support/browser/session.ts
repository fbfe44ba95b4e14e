/**
 * Helpers for browser tests that talk to the real Plaza server started by
 * web-test-runner.config.mjs, which tells each test page where it is with
 * `<meta name="plaza:endpoint">`, the same way a real intranet page configures Plaza.
 */

/** The API endpoint of the test server, e.g. `http://localhost:41234/api/v1` (no trailing slash). */
export function endpoint(): string {
  const content = document.querySelector<HTMLMetaElement>('meta[name="plaza:endpoint"]')?.content;
  if (!content) throw new Error('no <meta name="plaza:endpoint">: run browser tests with web-test-runner.config.mjs');
  return content.replace(/\/$/, '');
}

/**
 * Signs this page's browser context in as `userId` (dev sign-in: the server runs with PLAZA_AUTH=dev), at the
 * page's server or at another one (`at`: its API endpoint). Cookies are per host, not per port: a session at one
 * test server replaces the one at the other, so a test file signs in at one of them only.
 */
export async function signIn(userId: string, at = endpoint()): Promise<void> {
  await session('POST', at, JSON.stringify({ userId }));
}

/** Signs this page's browser context out (of the page's server, or of the one at `at`). */
export async function signOut(at = endpoint()): Promise<void> {
  await session('DELETE', at);
}

/** The API endpoint of the second test server: signed-in readers only, and who reacted shown to nobody (web-test-runner.config.mjs). */
export function signedInOnlyEndpoint(): string {
  const content = document.querySelector<HTMLMetaElement>('meta[name="plaza-test:signed-in-only-endpoint"]')?.content;
  if (!content) throw new Error('no <meta name="plaza-test:signed-in-only-endpoint">: run browser tests with web-test-runner.config.mjs');
  return content.replace(/\/$/, '');
}

/** A reaction/comment target no other test (or earlier run on the same data) uses: `page:/test/<prefix>-<random>`. */
export function uniqueTarget(prefix = 'target'): string {
  return `page:/test/${prefix}-${crypto.randomUUID()}`;
}

/** A colleague of the demo seed, as the dev sign-in lists them. */
export interface DevUser {
  id: string;
  name: string;
}

/** Everyone the dev sign-in offers (the seed's colleagues), in its order. */
export async function colleagues(): Promise<DevUser[]> {
  return (await api<{ items: DevUser[] }>('/dev/users')).items;
}

/** A call to the real API as this browser context (its cookie); throws on an error answer, naming it. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${endpoint()}${path}`, { credentials: 'include', ...init });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function session(method: 'POST' | 'DELETE', at: string, body?: string): Promise<void> {
  const response = await fetch(`${at}/dev/session`, {
    method,
    credentials: 'include',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body,
  });
  if (!response.ok) throw new Error(`${method} /dev/session answered ${response.status}: ${await response.text()}`);
}
