import type { Database } from '../db.ts';
import type { LiveStream, TopicChange } from './live-stream.ts';
import type { Logger } from '../log.ts';
import { ProblemError } from '../problem.ts';

/** The NOTIFY channel that carries topic changes to the instance holding the stream. */
export const STREAM_TOPICS_CHANNEL = 'plaza_stream_topics';
/** Most topics one stream carries: a 1,000-comment page needs two per thread (decision 77), this leaves room for any page. */
export const MAX_STREAM_TOPICS = 5000;
/** NOTIFY payloads must stay under 8,000 bytes: a change is split into parts that do. */
const PAYLOAD_BYTES = 7000;

interface Entry {
  stream: LiveStream;
  viewer: string | null;
}

interface Forwarded {
  stream: string;
  viewer: string | null;
  add: string[];
  remove: string[];
  after: number | null;
}

/**
 * The open streams of this instance by id, so `POST /events/{stream}/topics`
 * can change one. Instances sharing a PostgreSQL database forward a change
 * for a stream they do not hold over NOTIFY (as events are announced, decision
 * 21); the instance holding it applies it, after the same checks. Stream ids
 * are random and unguessable, and only the person (or, signed out, nobody
 * signed in) who opened a stream may change it.
 */
export class StreamRegistry {
  private readonly streams = new Map<string, Entry>();
  private listening: Promise<unknown> | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /**
   * PostgreSQL: listens for the changes other instances pass on. A stream's `ready` waits for this:
   * a change POSTed to another instance right after it would otherwise be lost (the first stream
   * on a fresh instance lost its first added topics so).
   */
  listenForForwarded(): Promise<unknown> {
    if (this.db.engine !== 'postgres' || !this.db.listen) return Promise.resolve();
    this.listening ??= this.db.listen(STREAM_TOPICS_CHANNEL, (payload) => this.onForwarded(payload)).catch((error: unknown) => {
      this.listening = undefined;
      this.logger.error('Realtime: could not listen for topic changes of other instances', error);
    });
    return this.listening;
  }

  /** Makes the stream reachable by its id until the returned function is called; `listenForForwarded` first. */
  add(stream: LiveStream, viewer: string | null): () => void {
    this.streams.set(stream.id, { stream, viewer });
    return () => this.streams.delete(stream.id);
  }

  /**
   * Applies a change to stream `id` for `viewer`: `applied` once its added
   * topics are live here, `forwarded` when another instance may hold it.
   * Throws 404 for a stream nobody holds (one instance), 403 for someone
   * else's, 400 for too many topics.
   */
  async change(id: string, viewer: string | null, change: TopicChange): Promise<'applied' | 'forwarded'> {
    const entry = this.streams.get(id);
    if (entry) {
      await this.apply(entry, viewer, change);
      return 'applied';
    }
    if (this.db.engine !== 'postgres' || !this.db.listen) {
      throw new ProblemError('notFound', 404, 'No such event stream is open; open a new one.', 'stream');
    }
    for (const part of parts({ stream: id, viewer, add: [...change.add], remove: [...change.remove], after: change.after })) {
      await this.db.query('SELECT pg_notify($1, $2)', [STREAM_TOPICS_CHANNEL, JSON.stringify(part)]);
    }
    return 'forwarded';
  }

  private async apply(entry: Entry, viewer: string | null, change: TopicChange): Promise<void> {
    if (entry.viewer !== viewer) throw new ProblemError('forbidden', 403, 'This event stream was opened by someone else.', 'stream');
    if (entry.stream.topicCount + change.add.length > MAX_STREAM_TOPICS) {
      throw new ProblemError('validation', 400, `A stream carries at most ${MAX_STREAM_TOPICS} topics.`, 'add');
    }
    await entry.stream.change(change);
  }

  private onForwarded(payload: string | null): void {
    if (payload === null) return;
    let part: Forwarded;
    try {
      part = JSON.parse(payload) as Forwarded;
    } catch {
      return;
    }
    const entry = this.streams.get(part.stream);
    if (!entry) return;
    this.apply(entry, part.viewer, part).catch((error: unknown) => {
      this.logger.warn(`Realtime: a topic change forwarded by another instance was refused: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

/** The change in parts whose JSON fits a NOTIFY payload (a topic is at most 600 characters, 2,400 bytes). */
function* parts(change: Forwarded): Generator<Forwarded> {
  let part: Forwarded = { ...change, add: [], remove: [] };
  let size = Buffer.byteLength(JSON.stringify(part));
  for (const [list, topics] of [['add', change.add], ['remove', change.remove]] as const) {
    for (const topic of topics) {
      const bytes = Buffer.byteLength(JSON.stringify(topic)) + 1;
      if (size + bytes > PAYLOAD_BYTES) {
        yield part;
        part = { ...change, add: [], remove: [] };
        size = Buffer.byteLength(JSON.stringify(part));
      }
      part[list].push(topic);
      size += bytes;
    }
  }
  yield part;
}
