import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address of the TCP peer (an IPv4 address without its `::ffff:` prefix):
 * behind a reverse proxy, the proxy's own. Undefined when the app is not
 * served by @hono/node-server (app.request() in a tool): then nobody is a
 * trusted proxy.
 */
export function peerAddress(c: Context): string | undefined {
  try {
    const address = getConnInfo(c).remote.address;
    return address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  } catch {
    return undefined;
  }
}

/** The peer's address as a key for per-address limits: one shared `unknown` where there is none. */
export function peerKey(c: Context): string {
  return peerAddress(c) ?? 'unknown';
}
