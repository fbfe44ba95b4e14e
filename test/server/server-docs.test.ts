import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { resolveOptions } from '../../server/config.ts';
import type { Database } from '../../server/db.ts';
import { silentLogger } from '../../server/log.ts';
import type { EventBus } from '../../server/events/bus.ts';
import { createApi } from '../../server/routes/api.ts';
import { createServices } from '../../server/services.ts';
import { topics } from '../../src/core/protocol.ts';
import { startTestServer, type TestServer } from './harness.ts';

/**
 * docs/server.md against what the server does (issue 16, item 21): "The API in
 * brief" lacked `/activities` and `/events/poll`, the topic list lacked
 * `activities:<scope>`, and the stream's opening (padding, `ready`) was not described.
 */
const doc = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');

/** The text of a section, from its heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/server.md has "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = doc.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('docs/server.md says what the server does', () => {
  test('"The API in brief" lists every route the API serves', () => {
    const listed = new Set<string>();
    for (const row of section('## The API in brief').split('\n').filter((line) => line.startsWith('| `'))) {
      const cell = row.split('|')[1]!;
      let lastPath = '';
      for (const [, method, path] of cell.matchAll(/`([A-Z]+) ([^`\s?]+|…)/g)) {
        const full = path === '…' ? lastPath : path!;
        lastPath = full;
        listed.add(`${method} ${full}`);
      }
    }
    const api = createApi(createServices({ db: {} as Database, bus: {} as EventBus, options: resolveOptions({ auth: 'dev' }, silentLogger) }));
    const served = api.routes
      // The development sign-in's routes have their own table under "Sign-in".
      .filter((route) => route.method !== 'ALL' && route.path !== '/openapi.json' && !route.path.startsWith('/dev/'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    assert.deepEqual([...new Set(served)].filter((route) => !listed.has(route)).sort(), []);
  });

  test('the realtime topics list names every kind of topic protocol.ts builds', () => {
    const realtime = section('### Realtime events');
    for (const build of Object.values(topics)) {
      const name = (build as (arg: string) => string)('x');
      // A topic with a key is named with a placeholder (`reactions:<target>`); one without (`me:notifications`) as it is.
      if (name.endsWith('x')) assert.match(realtime, new RegExp(`\`${name.slice(0, -1)}<`), `names ${name.slice(0, -1)}<…>`);
      else assert.ok(realtime.includes(`\`${name}\``), `names ${name}`);
    }
  });

  describe('the stream opens as the docs say', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(() => server.close());

    test('a padding comment, retry, then the ready event with its position', async () => {
      const controller = new AbortController();
      const res = await fetch(`${server.api}/events?topics=${encodeURIComponent(topics.activities('all'))}`, { signal: controller.signal });
      const reader = res.body!.getReader();
      let text = '';
      const deadline = Date.now() + 10_000;
      while (!text.includes('event: ready') && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      controller.abort();
      const opening = /^:( +)\nretry: (\d+)\n\nid: (\d+)\nevent: ready\ndata: \{"stream":"[^"]+"\}\n\n/.exec(text);
      assert.ok(opening, JSON.stringify(text.slice(0, 100)));
      const realtime = section('### Realtime events');
      assert.match(realtime, new RegExp(`${opening[1]!.length.toLocaleString('en')} spaces|${opening[1]!.length / 1024} KB`), 'the padding and its size');
      assert.match(realtime, new RegExp(`retry: ${opening[2]}`));
      assert.match(realtime, /event: ready/);
    });
  });
});
