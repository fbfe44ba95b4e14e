import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompactSign, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * A tiny identity provider for PLAZA_AUTH=oidc tests: a discovery document
 * and a key set on 127.0.0.1, and tokens signed with jose as Keycloak or
 * Entra ID would sign them.
 */

export const AUDIENCE = 'plaza';
export const MODERATOR_ROLE = 'plaza-moderator';

export interface IdentityProvider {
  issuer: string;
  /** Requests per path, to see what Plaza fetched. */
  hits: Map<string, number>;
  sign(claims: JWTPayload, options?: { key?: CryptoKey; kid?: string; expiresIn?: string | number; noExpiry?: boolean }): Promise<string>;
  /** A correctly signed JWS whose payload is these bytes (not necessarily a claims set). */
  signBytes(payload: Uint8Array): Promise<string>;
  close(): Promise<void>;
}

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const hits = new Map<string, number>();
  let issuer = '';
  const server: Server = createServer((req, res) => {
    hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
    const body =
      req.url === '/.well-known/openid-configuration' ? { issuer, jwks_uri: `${issuer}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
      : req.url === '/keys' ? { keys: [jwk] }
      : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    hits,
    async sign(claims, options = {}) {
      const jwt = new SignJWT({ iss: issuer, aud: AUDIENCE, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1', typ: 'JWT' })
        .setIssuedAt();
      if (!options.noExpiry) jwt.setExpirationTime(options.expiresIn ?? '10m');
      return jwt.sign(options.key ?? privateKey);
    },
    signBytes: (payload) => new CompactSign(payload).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).sign(privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
