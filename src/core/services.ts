import { PlazaClient } from './client.ts';
import { RealtimeHub } from './realtime.ts';
import { ReactionStore } from './reaction-store.ts';
import { MeStore } from './me-store.ts';
import { PeopleStore } from './people-store.ts';
import { PeopleSearch } from './people-search.ts';
import { CommentStore } from './comments/comment-store.ts';
import { ThreadCountStore } from './comments/thread-count-store.ts';
import { DraftStore } from './draft-store.ts';
import { ActivityStore } from './activity-store.ts';
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
  /** Comment counts of many threads (list pages), batched and kept live. */
  threadCounts: ThreadCountStore;
  /** Colleagues: name tags batched, profiles with live follower counts, follow/unfollow. */
  people: PeopleStore;
  /** What people are writing, kept in localStorage per endpoint. */
  drafts: DraftStore;
  /** Colleagues by name, for `@`-mentions; answers cached per query. */
  peopleSearch: PeopleSearch;
  /** Activity feeds: pages, status posts, realtime per scope. */
  activities: ActivityStore;
}

const byEndpoint = new Map<string, PlazaServices>();

export function servicesFor(config: Pick<PlazaConfig, 'endpoint' | 'credentials'>): PlazaServices {
  const key = `${config.credentials} ${config.endpoint}`;
  let services = byEndpoint.get(key);
  if (!services) {
    const client = new PlazaClient(config.endpoint, config.credentials);
    // The tabs of one intranet share one stream per endpoint (TabShare, decision 78).
    const realtime = new RealtimeHub(client, { withCredentials: config.credentials === 'include', shareAs: `plaza-realtime ${key}` });
    client.onEventPosition = (id) => realtime.notePosition(id);
    const me = new MeStore(client);
    const currentUserId = () => me.load().then((it) => it.user?.id ?? null, () => null);
    const reactions = new ReactionStore(client, realtime, currentUserId);
    const people = new PeopleStore(client, realtime, currentUserId);
    services = {
      client,
      realtime,
      reactions,
      me,
      comments: new CommentStore(client, realtime, reactions, people),
      threadCounts: new ThreadCountStore(client, realtime),
      people,
      drafts: new DraftStore(config.endpoint),
      peopleSearch: new PeopleSearch(client),
      activities: new ActivityStore(client, realtime, reactions, people),
    };
    byEndpoint.set(key, services);
  }
  return services;
}
