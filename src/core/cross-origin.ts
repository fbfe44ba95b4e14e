import { ORIGIN_REFUSED, PlazaError, networkProblem } from './problem.ts';

/**
 * What goes wrong only when the page and the Plaza server are on different origins, told
 * apart from an outage and explained in the console with the setting to change. A browser
 * hides why a cross-origin request failed: a missing CORS permission and a server that is
 * down both reject `fetch` with the same TypeError.
 */

/** `no-cors` probes by endpoint, kept a few seconds: a page's widgets fail together. */
const probes = new Map<string, Promise<boolean>>();
const said = new Set<string>();

/**
 * The problem for a request to `endpoint` that did not get through. On another origin, a
 * `no-cors` request (whose answer the page may not read, so no CORS permission is needed)
 * shows whether the server answers at all: if it does, it refuses this page's origin.
 */
export async function failedRequestProblem(endpoint: string, cause: unknown): Promise<PlazaError> {
  const server = new URL(endpoint).origin;
  if (server === location.origin || !(await answers(endpoint))) return networkProblem(cause);
  // Short: a page pays for every byte; docs/embedding.md says the rest.
  once(`refused ${endpoint}`, () => console.error(`[plaza] ${server} answers but refuses this page's origin (CORS): set PLAZA_CORS_ORIGINS=${location.origin} there`));
  return new PlazaError({ type: ORIGIN_REFUSED, title: 'Origin not allowed', status: 0 }, { cause });
}

/**
 * Nobody is signed in at `endpoint`: on another site than the page, that may be the browser
 * keeping the server's cookie to itself rather than the reader not having signed in.
 */
export function explainSignedOut(endpoint: string, credentials: RequestCredentials): void {
  const server = new URL(endpoint);
  if (credentials !== 'include' || sameSite(server, location)) return;
  once(`signed out ${endpoint}`, () =>
    console.info(`[plaza] Nobody is signed in at ${server.origin}: this page is on another site, where browsers send no SameSite=Lax sign-in cookie (see docs/embedding.md)`),
  );
}

function answers(endpoint: string): Promise<boolean> {
  let probe = probes.get(endpoint);
  if (!probe) {
    probe = fetch(`${endpoint}/me`, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' }).then(() => true, () => false);
    probes.set(endpoint, probe);
    setTimeout(() => probes.delete(endpoint), 5000);
  }
  return probe;
}

/**
 * Scheme and registrable domain alike. Without the public suffix list the domain is taken as
 * the host's last two labels (`intranet.example.com` and `plaza.example.com` are one site),
 * an IP address or single-label host as itself.
 */
function sameSite(a: URL | Location, b: URL | Location): boolean {
  const site = (host: string) => (/^[\d.]+$|^\[|^[^.]+$/.test(host) ? host : host.split('.').slice(-2).join('.'));
  return a.protocol === b.protocol && site(a.hostname) === site(b.hostname);
}

function once(what: string, say: () => void): void {
  if (said.has(what)) return;
  said.add(what);
  say();
}
