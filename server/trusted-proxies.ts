import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { OnceEach } from './auth/directory.ts';
import type { Logger } from './log.ts';
import { peerAddress } from './peer-address.ts';

/**
 * The configured proxy addresses and ranges (PLAZA_TRUSTED_PROXIES). IPv4
 * addresses also match in their IPv6-mapped form (`::ffff:10.0.0.5`, what a
 * dual-stack socket reports) and the other way round.
 */
export class TrustedProxies {
  private readonly list = new BlockList();

  /** Entries were checked by config.ts. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  has(address: string): boolean {
    const plain = address.replace(/%.*$/, ''); // a link-local zone (`fe80::1%eth0`) is not part of the address
    const family = isIP(plain);
    if (family === 0) return false;
    return this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/**
 * What a reverse proxy says about the browser's request (`X-Forwarded-Host`,
 * `X-Forwarded-Proto`), believed only from a trusted proxy: from anyone else
 * they are what the client typed. A proxy that appends to a list added the
 * last entry itself.
 */
export class ForwardedHeaders {
  private readonly trusted: TrustedProxies;
  private readonly warned = new OnceEach();

  constructor(
    trustedProxies: readonly string[],
    private readonly logger: Logger,
  ) {
    this.trusted = new TrustedProxies(trustedProxies);
  }

  /** The host the browser asked for: the proxy's `X-Forwarded-Host`, else `Host`. */
  host(c: Context): string | undefined {
    return this.forwarded(c, 'x-forwarded-host') ?? c.req.header('host');
  }

  /**
   * Whether the browser's connection is HTTPS: a TLS socket, or a trusted
   * proxy's `X-Forwarded-Proto: https`. Not the request URL, whose scheme a
   * client chooses by sending `POST https://…` (absolute form).
   */
  isHttps(c: Context): boolean {
    const socket = (c.env as { incoming?: { socket?: { encrypted?: boolean } } } | undefined)?.incoming?.socket;
    return socket?.encrypted === true || this.forwarded(c, 'x-forwarded-proto')?.toLowerCase() === 'https';
  }

  private forwarded(c: Context, header: string): string | undefined {
    const value = c.req.header(header);
    if (value === undefined) return undefined;
    const peer = peerAddress(c);
    if (peer === undefined || !this.trusted.has(peer)) {
      // A reverse proxy missing from the list breaks same-origin writes and the Secure cookie: say so, once per address.
      const from = peer ?? 'an unknown address';
      this.warned.run(`${header} ${from}`, () => this.logger.warn(`Ignored ${header} from ${from}, which is not in PLAZA_TRUSTED_PROXIES.`));
      return undefined;
    }
    return value.split(',').at(-1)!.trim() || undefined;
  }
}
