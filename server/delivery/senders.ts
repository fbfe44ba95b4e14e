import type { ClaimedDelivery } from './outbox.ts';

/** Sends one claimed delivery of its channel; resolves once the other side accepted it. */
export interface Sender {
  send(delivery: ClaimedDelivery): Promise<void>;
  /** Closes pooled connections at shutdown. */
  close?(): void;
}

/** A failure retrying cannot fix (a mailbox that does not exist, a 404 webhook): the delivery fails at once. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** Longest wait for the other side to answer one delivery; the outbox lease must be longer. */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * POSTs a JSON body and checks the answer. 4xx (except 408 and 429, which
 * say "later") is permanent: the same request will be refused again. The
 * error names the status and host, never the URL's path or query, which may
 * carry a token (a Teams Workflows URL has its signature there).
 */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<void> {
  const where = new URL(url).host;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Plaza', ...headers },
      body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new Error(`${where} could not be reached (${cause})`);
  }
  // The body is not needed, but reading it frees the connection.
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return;
  const message = `${where} answered ${res.status} ${res.statusText}`.trim();
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentDeliveryError(message);
  throw new Error(message);
}
