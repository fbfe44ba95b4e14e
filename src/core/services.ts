import { PlazaClient } from './client.ts';
import { RealtimeHub } from './realtime.ts';
import { ReactionStore } from './reaction-store.ts';
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
}

const byEndpoint = new Map<string, PlazaServices>();

export function servicesFor(config: Pick<PlazaConfig, 'endpoint' | 'credentials'>): PlazaServices {
  const key = `${config.credentials} ${config.endpoint}`;
  let services = byEndpoint.get(key);
  if (!services) {
    const client = new PlazaClient(config.endpoint, config.credentials);
    const realtime = new RealtimeHub(
      (topicList, lastEventId) => client.eventsUrl(topicList, lastEventId),
      config.credentials === 'include',
    );
    services = { client, realtime, reactions: new ReactionStore(client, realtime) };
    byEndpoint.set(key, services);
  }
  return services;
}
