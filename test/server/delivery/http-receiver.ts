import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from './fixtures.ts';

export interface ReceivedCall {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as it came (signatures are over these bytes). */
  raw: string;
}

/**
 * A local HTTP server standing in for a webhook receiver or Teams: it keeps
 * every POST and answers with the next status of `statuses` (then 202).
 */
export class HttpReceiver {
  readonly calls: ReceivedCall[] = [];
  /** Answers for the next calls, in order; afterwards 202 Accepted, as Teams Workflows answers. */
  statuses: number[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.calls.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.statuses.shift() ?? 202).end();
      });
    });
  }

  static async start(): Promise<HttpReceiver> {
    const receiver = new HttpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  async waitFor(count: number, ms = 10_000): Promise<ReceivedCall[]> {
    await waitUntil(() => this.calls.length >= count, ms, () => `Expected ${count} calls, got ${this.calls.length}`);
    return this.calls;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
