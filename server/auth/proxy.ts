import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { PlazaOptions, UserIdFormat } from '../config.ts';
import type { Logger } from '../log.ts';
import type { SessionUser } from '../store/sessions.ts';
import { directoryId, OnceEach, userIdFormatOf, type Directory } from './directory.ts';
import { isSafeMethod } from '../methods.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `PLAZA_AUTH=proxy`: an authenticating reverse proxy (Apache with Kerberos,
 * IIS with Windows authentication, an SSO gateway) names the user in a
 * header. The header is believed only when the TCP peer itself is one of the
 * configured proxies: `X-Forwarded-For`, `Forwarded` and the like are never
 * consulted, because whoever sends the header can send those too. From any
 * other address the header is ignored (the request is anonymous) and the
 * server warns once per address.
 */
export class ProxySignIn {
  private readonly trusted: TrustedProxies;
  private readonly header: string;
  private readonly format: UserIdFormat;
  private readonly domains: readonly string[];
  private readonly warned = new OnceEach();

  constructor(
    options: PlazaOptions,
    private readonly directory: Directory,
    private readonly logger: Logger,
  ) {
    this.trusted = new TrustedProxies(options.trustedProxies);
    this.header = options.proxyHeader;
    this.format = userIdFormatOf(options);
    this.domains = options.userDomains;
    logger.info(`Sign-in: ${this.header} from ${options.trustedProxies.join(', ')} (PLAZA_AUTH=proxy).`);
  }

  async user(c: Context): Promise<SessionUser | null> {
    const value = c.req.header(this.header)?.trim();
    if (!value) return null;
    const peer = peerAddress(c);
    if (peer === undefined || !this.trusted.has(peer)) {
      const from = peer ?? 'an unknown address';
      this.warned.run(`peer ${from}`, () =>
        this.logger.warn(`Sign-in: ignored ${this.header} from ${from}, which is not in PLAZA_TRUSTED_PROXIES.`),
      );
      return null;
    }
    const name = decodeHeaderValue(value);
    const result = directoryId(name, this.format, this.domains);
    if ('refused' in result) {
      if (result.lookalike) throw this.directory.refuseLookalike(this.header, name, result.refused);
      this.warned.run(`name ${name}`, () => this.logger.warn(`Sign-in: ${this.header} "${name}" ${result.refused}; treated as signed out.`));
      return null;
    }
    return this.directory.signIn(result.id, { name: result.id }, this.header, isSafeMethod(c.req.method));
  }
}

/**
 * The configured proxy addresses and ranges. IPv4 addresses also match in
 * their IPv6-mapped form (`::ffff:10.0.0.5`, what a dual-stack socket
 * reports) and the other way round.
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

/** The address of the TCP peer: for a request through the proxy, the proxy's own. */
function peerAddress(c: Context): string | undefined {
  try {
    const address = getConnInfo(c).remote.address;
    return address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  } catch {
    return undefined; // not served by @hono/node-server (app.request() in a tool): nobody is trusted
  }
}

/**
 * Node reads header bytes as Latin-1; proxies pass user names as UTF-8
 * (`jürgen` arrives as `jÃ¼rgen`). Decode when the bytes are valid UTF-8,
 * keep the Latin-1 reading when they are not.
 */
function decodeHeaderValue(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  try {
    return strictUtf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}
