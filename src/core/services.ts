import { PlazaClient } from './client.ts';
import { RealtimeHub } from './realtime.ts';
import { ReactionStore } from './reaction-store.ts';
import { MeStore } from './me-store.ts';
import { CommentStore } from './comments/comment-store.ts';
import { DraftStore } from './draft-store.ts';
import type { PlazaConfig } from './config.ts';

/**
 * What the elements of one page share for one endpoint: one API client, one
 * realtime connection, one cache per resource. Keyed by endpoint (and
 * credentials mode), so two `<plaza-config>` sections pointing at two backends
 * stay apart while a hundred elements pointing at one share everything.
 */
export interface PlazaServices {
  client: PlazaClient;
  realtime: RealtimeHub;
  reactions: ReactionStore;
  /** `GET /me`, asked once. */
  me: MeStore;
  comments: CommentStore;
  /** What people are writing, kept in localStorage per endpoint. */
  drafts: DraftStore;
}

const byEndpoint = new Map<string, PlazaServices>();

export function servicesFor(config: Pick<PlazaConfig, 'endpoint' | 'credentials'>): PlazaServices {
  const key = `${config.credentials} ${config.endpoint}`;
  let services = byEndpoint.get(key);
  if (!services) {
    const client = new PlazaClient(config.endpoint, config.credentials);
    const realtime = new RealtimeHub(client, { withCredentials: config.credentials === 'include' });
    const me = new MeStore(client);
    const reactions = new ReactionStore(client, realtime, () => me.load().then((it) => it.user?.id ?? null, () => null));
    services = {
      client,
      realtime,
      reactions,
      me,
      comments: new CommentStore(client, realtime, reactions),
      drafts: new DraftStore(config.endpoint),
    };
    byEndpoint.set(key, services);
  }
  return services;
}
