import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fillActivities, fillThread } from '../../bench/feed-data.ts';
import { PROFILE_FIELDS } from '../../server/config/privacy.ts';
import type { Queryable } from '../../server/db.ts';
import { activityPage, type FeedScope } from '../../server/store/activities.ts';
import { encodeCursor } from '../../server/store/cursors.ts';
import { buildThreadPage, checkThreadPage } from '../../server/store/threads.ts';
import { ACTIVITY_KINDS, type CommentSort } from '../../src/core/protocol.ts';
import { startTestServer, type TestServer } from './harness.ts';

/**
 * Every page read costs the page, not the history (issue 15, item 3): with
 * 20,000 activities and a 10,000-comment thread in the database, the first
 * and a deep page of each feed scope and of a thread, and the thread cache's
 * freshness check, read a bounded number of rows. Each statement the stores
 * send is run once more under EXPLAIN ANALYZE; the rows every scan of a table
 * produced or filtered away are added up. A sequential scan, or an index scan
 * followed by a sort of everything that matches, reads thousands.
 *
 * The server keeps the planner's statistics current by itself: the test
 * writes the history behind its back, as an import would, and waits for it.
 */

const ACTIVITIES = 20_000;
const COMMENTS = 10_000;
/** Rows a page of 20 may read from one table: the page, what the filters drop on the way, the merge of a few ranges. */
const BOUND = 600;
const KINDS = ['like', 'love'];
const THREAD = 'page:/plans/long-thread';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Plan Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

interface Explained {
  sql: string;
  plan: PlanNode;
}

/** The database as a store sees it, but every statement is explained (and analysed) before it runs. */
function explaining(db: Queryable, plans: Explained[]): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const [row] = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> | string }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      const json = row!['QUERY PLAN'];
      plans.push({ sql, plan: (typeof json === 'string' ? (JSON.parse(json) as Array<{ Plan: PlanNode }>) : json)[0]!.Plan });
      return db.query<Row>(sql, params);
    },
  };
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Rows the scans of `table` produced or dropped, over all their loops. */
function rowsRead(plans: readonly Explained[], table: string): number {
  let total = 0;
  for (const { plan } of plans) {
    for (const node of nodes(plan)) {
      if (node['Relation Name'] !== table) continue;
      const seen = (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
      total += seen * (node['Actual Loops'] ?? 1);
    }
  }
  return total;
}

/** The plan's shape, for the failure message. */
function outline(plans: readonly Explained[]): string {
  const line = (node: PlanNode, depth: number): string[] => [
    `${'  '.repeat(depth)}${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}` +
      ` est=${node['Plan Rows']} rows=${node['Actual Rows']} loops=${node['Actual Loops']}${node['Rows Removed by Filter'] ? ` filtered=${node['Rows Removed by Filter']}` : ''}`,
    ...(node.Plans ?? []).flatMap((child) => line(child, depth + 1)),
  ];
  return plans.flatMap(({ plan }) => line(plan, 1)).join('\n');
}

function assertBounded(plans: readonly Explained[], table: string, what: string): void {
  const read = rowsRead(plans, table);
  assert.ok(read <= BOUND, `${what} read ${read} rows of ${table} (at most ${BOUND} expected):\n${outline(plans)}`);
  for (const { plan } of plans) {
    const seq = nodes(plan).find((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === table && (node['Actual Loops'] ?? 0) > 0);
    assert.equal(seq, undefined, `${what} scans all of ${table}:\n${outline(plans)}`);
  }
}

async function waitForStatistics(db: Queryable, table: string, rows: number): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 15_000; ) {
    const [row] = await db.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = $1 AND relkind = 'r'`, [table]);
    if ((row?.n ?? -1) >= rows) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('feed and thread pages read the page, not the history', () => {
  let server: TestServer;
  const viewer = 'anna.lehmann';
  const followed = ['jonas.richter', 'marie.klein'];
  before(async () => {
    server = await startTestServer({ statisticsCheckMs: 100 });
    const actors = (await server.db.query<{ id: string }>('SELECT id FROM people ORDER BY id')).map((row) => row.id);
    const newest = new Date(Date.now() - 60_000);
    await fillActivities(server.db, actors, 1, ACTIVITIES, newest);
    await fillThread(server.db, THREAD, actors, COMMENTS, newest);
    await server.db.query(
      `INSERT INTO follows (follower_id, followee_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [viewer, followed],
    );
    await waitForStatistics(server.db, 'activities', ACTIVITIES / 2);
    await waitForStatistics(server.db, 'comments', COMMENTS / 2);
  });
  after(() => server?.close());

  const scopes: Array<{ name: string; scope: FeedScope; where: string; value: unknown }> = [
    { name: 'all', scope: { kind: 'all' }, where: 'true OR $1::text IS NULL', value: null },
    { name: 'user:<id>', scope: { kind: 'user', id: 'jonas.richter' }, where: 'actor_id = $1', value: 'jonas.richter' },
    {
      name: 'following',
      scope: { kind: 'following', viewerId: viewer },
      where: 'actor_id = $1 OR actor_id IN (SELECT followee_id FROM follows WHERE follower_id = $1)',
      value: viewer,
    },
    { name: 'space:<key> (several places)', scope: { kind: 'space', key: 'bereich:' }, where: `place LIKE $1 || '%'`, value: 'bereich:' },
    { name: 'space:<key> (one place)', scope: { kind: 'space', key: 'kantine' }, where: `place LIKE $1 || '%'`, value: 'kantine' },
  ];

  for (const { name, scope, where, value } of scopes) {
    test(`activities scope=${name}: the first page and one 500 items deep`, async () => {
      const plans: Explained[] = [];
      const first = await activityPage(explaining(server.db, plans), scope, ACTIVITY_KINDS, undefined, 20, { id: viewer, moderator: false }, KINDS, PROFILE_FIELDS);
      assert.equal(first.items.length, 20);
      assertBounded(plans, 'activities', `the first page of ${name}`);

      const [deep] = await server.db.query<{ at: string; id: string }>(
        `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, id FROM activities
         WHERE ${where} ORDER BY created_at DESC, id DESC OFFSET 500 LIMIT 1`,
        [value],
      );
      const deepPlans: Explained[] = [];
      const page = await activityPage(
        explaining(server.db, deepPlans),
        scope,
        ACTIVITY_KINDS,
        encodeCursor([deep!.at, deep!.id]),
        20,
        { id: viewer, moderator: false },
        KINDS,
        PROFILE_FIELDS,
      );
      assert.equal(page.items.length, 20);
      assertBounded(deepPlans, 'activities', `a deep page of ${name}`);
    });
  }

  for (const sort of ['newest', 'oldest'] satisfies CommentSort[]) {
    test(`a ${COMMENTS.toLocaleString('en')}-comment thread, sort=${sort}: the first page and one 5,000 comments deep`, async () => {
      const plans: Explained[] = [];
      const built = await buildThreadPage(explaining(server.db, plans), { key: THREAD, sort, cursor: undefined, limit: 20 }, { ids: [viewer], moderator: false }, KINDS, PROFILE_FIELDS);
      assert.equal(built.page.items.length, 20);
      assertBounded(plans, 'comments', `the first ${sort} page`);

      const [deep] = await server.db.query<{ at: string; id: string }>(
        `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, id FROM comments
         WHERE thread_key = $1 AND parent_id IS NULL ORDER BY created_at ${sort === 'newest' ? 'DESC' : ''}, id ${sort === 'newest' ? 'DESC' : ''} OFFSET 5000 LIMIT 1`,
        [THREAD],
      );
      const cursor = encodeCursor([sort, new Date().toISOString().replace('Z', '000Z'), 0, deep!.at, deep!.id]);
      const deepPlans: Explained[] = [];
      const page = await buildThreadPage(explaining(server.db, deepPlans), { key: THREAD, sort, cursor, limit: 20 }, { ids: [viewer], moderator: false }, KINDS, PROFILE_FIELDS);
      assert.equal(page.page.items.length, 20);
      assertBounded(deepPlans, 'comments', `a ${sort} page 5,000 comments deep`);
    });
  }

  test("the thread cache's freshness check reads what the page shows, not the thread", async () => {
    const built = await buildThreadPage(server.db, { key: THREAD, sort: 'newest', cursor: undefined, limit: 200 }, { ids: [], moderator: false }, KINDS, PROFILE_FIELDS);
    const [{ id: delivered } = { id: 0 }] = await server.db.query<{ id: number }>('SELECT coalesce(max(id), 0)::float8 AS id FROM events');
    const plans: Explained[] = [];
    const checked = await checkThreadPage(
      explaining(server.db, plans),
      { key: THREAD, delivered, people: built.people, viewers: [viewer], targets: built.targets },
      KINDS,
    );
    assert.equal(checked.behind, false);
    assert.deepEqual(checked.state, built.state, 'nothing changed, so the check finds the page fresh');
    assertBounded(plans, 'comments', 'the freshness check');
  });
});
