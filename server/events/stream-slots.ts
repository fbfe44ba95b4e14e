import { ProblemError } from '../problem.ts';

export interface StreamSlotLimits {
  /** Open anonymous streams per client address; 0: no limit. */
  streamsPerAddress: number;
  /** Open streams per signed-in person; 0: no limit. */
  streamsPerPerson: number;
  /** Open streams on this instance; 0: no limit. */
  streamsTotal: number;
}

/** What a refused client is asked to wait: the hub polls every 10 s meanwhile (decision 29). */
const RETRY_AFTER_S = 30;

/**
 * Counts the open event streams of this instance, so that one address, one
 * person or everybody together cannot hold more than the configured number.
 * Signed-in streams count against their person, anonymous ones against their
 * address: behind a company proxy everyone shares an address, and signed-in
 * readers must not crowd each other out there.
 */
export class StreamSlots {
  private total = 0;
  private readonly byAddress = new Map<string, number>();
  private readonly byPerson = new Map<string, number>();

  constructor(private readonly limits: StreamSlotLimits) {}

  get open(): number {
    return this.total;
  }

  /** Takes a place for a new stream and returns how to give it back (once), or throws a 429 / 503 problem. */
  take(address: string, personId: string | null): () => void {
    const { streamsPerAddress, streamsPerPerson, streamsTotal } = this.limits;
    const [counts, key, limit, who] =
      personId === null
        ? [this.byAddress, address, streamsPerAddress, `from ${address}`]
        : [this.byPerson, personId, streamsPerPerson, 'for you'];
    const mine = counts.get(key) ?? 0;
    if (limit > 0 && mine >= limit) {
      throw new ProblemError('rateLimited', 429, `There are already ${mine} live-update streams open ${who}; close one or try again later.`).with(
        {},
        { 'Retry-After': String(RETRY_AFTER_S) },
      );
    }
    if (streamsTotal > 0 && this.total >= streamsTotal) {
      throw new ProblemError('unavailable', 503, 'The server has as many live-update streams open as it is set up for; try again later.').with(
        {},
        { 'Retry-After': String(RETRY_AFTER_S) },
      );
    }
    counts.set(key, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (counts.get(key) ?? 1) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    };
  }
}
