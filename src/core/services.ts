import { PlazaClient } from './client.ts';
import { RealtimeHub } from './realtime.ts';
import { ReactionStore } from './reaction-store.ts';
import { MeStore } from './me-store.ts';
import type { PlazaConfig } from './config.ts';

/**
 * What the elements of one page share for one endpoint: one API client, one
 * realtime connection, one cache per resource. Keyed by endpoint (and
 * credentials mode), so two `<plaza-config>` sections pointing at two backends
 * stay apart while a hundred elements pointing at one share everything.
 * Only what a reaction bar needs is made here; every other store is made the first time an
 * element asks for it (`perEndpoint`, decision 132), from the module of the element that
 * needs it, so a page with only reaction bars loads no comment, people or feed store.
 */
export interface PlazaServices {
  endpoint: string;
  client: PlazaClient;
  realtime: RealtimeHub;
  reactions: ReactionStore;
  /** `GET /me`, asked once. */
  me: MeStore;
  /** The signed-in user's id, or null (also when `/me` fails). */
  currentUserId: () => Promise<string | null>;
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
    services = { endpoint: config.endpoint, client, realtime, reactions: new ReactionStore(client, realtime, currentUserId), me, currentUserId };
    byEndpoint.set(key, services);
  }
  return services;
}

/**
 * A store shared by every element of one endpoint, made the first time one asks for it:
 * `export const peopleOf = perEndpoint((services) => new PeopleStore(…))` beside the store.
 */
export function perEndpoint<T>(make: (services: PlazaServices) => T): (services: PlazaServices) => T {
  const made = new WeakMap<PlazaServices, T>();
  return (services) => {
    let it = made.get(services);
    if (!it) made.set(services, (it = make(services)));
    return it;
  };
}
