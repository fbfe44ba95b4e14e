import type { Context } from 'hono';
import type { PlazaOptions, UserIdFormat } from '../config.ts';
import type { Logger } from '../log.ts';
import type { SessionUser } from '../store/sessions.ts';
import { peerAddress } from '../peer-address.ts';
import { TrustedProxies } from '../trusted-proxies.ts';
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
