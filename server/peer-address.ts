import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address of the TCP peer (an IPv4 address without its `::ffff:` prefix):
 * behind a reverse proxy, the proxy's own. `unknown` when the app is not
 * served by @hono/node-server (app.request() in a tool).
 */
export function peerAddress(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address;
    return address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '') ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
