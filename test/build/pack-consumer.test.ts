import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ELEMENT_ENTRIES } from '../../build/elements.ts';

/**
 * Issue 18, item 4: what `npm pack` makes of the built library is what a project that
 * installs Plaza gets. The tarball is installed into a scratch TypeScript project, which
 * imports the root, `plaza/define` and every `plaza/elements/<name>` and type-checks; the
 * same install then starts as a production server.
 *
 * Run after `npm run build` (npm test builds first). Offline and quick: the tarball is
 * installed with `--offline`, and Plaza's dependencies, with theirs as npm hoists them
 * (Plaza's .d.ts name `lit-html`, which comes with `lit`), are links to this repository's
 * node_modules, so npm only unpacks Plaza.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
};
/** The subpaths issue 18 names; the list in build/elements.ts may grow, never lose one. */
const ISSUE_ELEMENTS = ['comments', 'reactions', 'comment-count', 'person', 'profile-card', 'activity-feed', 'config'];

let scratch = '';
let installed = '';
let packed: string[] = [];

before(() => {
  assert.ok(existsSync(join(root, 'dist', 'plaza.js')), 'dist/plaza.js is missing: run `npm run build` first, this test packs its output');
  scratch = mkdtempSync(join(tmpdir(), 'plaza-pack-'));
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], root);
  const [result] = JSON.parse(pack) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = result!.files.map((f) => f.path);
  const consumer = join(scratch, 'consumer');
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'plaza-consumer', private: true, type: 'module' }));
  const link = (dependency: string) => {
    const to = join(consumer, 'node_modules', dependency);
    if (existsSync(to)) return;
    mkdirSync(dirname(to), { recursive: true });
    symlinkSync(join(root, 'node_modules', dependency), to, 'dir');
  };
  Object.keys(pkg.dependencies).forEach(link);
  run('npm', ['install', join(scratch, result!.filename), '--no-audit', '--no-fund', '--offline', '--ignore-scripts'], consumer);
  // npm drops links it did not need; theirs go where npm's hoisting would have put them.
  productionClosure().forEach(link);
  installed = join(consumer, 'node_modules', pkg.name);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('the tarball holds what exports and bin point at, and no development files', () => {
  const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const target of [...targets, ...Object.values(pkg.bin)]) {
    assert.ok(!target.includes('*'), `${target}: every subpath is spelled out, so each can be checked`);
    assert.ok(existsSync(join(installed, target)), `the installed package lacks ${target}`);
  }
  // dist/.vite/manifest.json serves the size bench and the e2e tests, not the pages.
  const unwanted = packed.filter((path) => /^(\.ci|\.storybook|bench|test|stories|scripts|docs|dist\/\.vite)\/|^\.installed$|^tsconfig\.(test|build|server)\.json$/.test(path));
  assert.deepEqual(unwanted, [], 'development files are not shipped');
});

test('a TypeScript project type-checks imports of the root, ./define and every element subpath', { timeout: 60_000 }, () => {
  const names = ELEMENT_ENTRIES.map((entry) => entry.name);
  for (const name of ISSUE_ELEMENTS) assert.ok(names.includes(name), `build/elements.ts lists ${name}`);
  typeCheck('page.ts', pageSource());
});

test("a bundler's project that imports only ./define and element subpaths gets the elements' typed events", { timeout: 60_000 }, () => {
  typeCheck('bundle.ts', bundleSource());
});

test('the installed package runs the plaza command and starts as a production server', { timeout: 90_000 }, async (t) => {
  const help = spawnSync(join(dirname(installed), '.bin', 'plaza'), ['--help'], { cwd: installed, encoding: 'utf8', timeout: 30_000 });
  assert.equal(help.status, 0, `plaza --help failed:\n${help.stdout}${help.stderr}`);
  assert.match(help.stdout, /import-people/);

  // The initialised-database template is a cache (server/db/pglite-template.ts): share this checkout's.
  const cache = join(root, 'node_modules', '.cache', 'plaza');
  if (existsSync(cache)) {
    mkdirSync(join(installed, 'node_modules', '.cache'), { recursive: true });
    symlinkSync(cache, join(installed, 'node_modules', '.cache', 'plaza'), 'dir');
  }
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: installed,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PLAZA_DATA_DIR: join(scratch, 'data'), PLAZA_AUTH: 'none', PLAZA_SEED: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  t.after(async () => {
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  });
  let url: string | undefined;
  for (const deadline = Date.now() + 75_000; !url && Date.now() < deadline && server.exitCode === null; ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    url = /Plaza listening on (\S+)/.exec(output)?.[1];
  }
  assert.ok(url, `the server did not start:\n${output}`);
  assert.doesNotMatch(output, /plaza\.js is missing/);
  for (const path of ['healthz', 'dist/plaza.js', 'dist/elements/comments.js', 'demo/']) {
    const response: Response = await fetch(new URL(path, url));
    assert.equal(response.status, 200, `GET /${path}`);
    await response.arrayBuffer();
  }
});

/** `tsc --noEmit` of one file in the consumer project (one at a time: the root's global declarations would cover the other's). */
function typeCheck(file: string, source: string): void {
  const consumer = dirname(dirname(installed));
  const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, types: [], skipLibCheck: false };
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: [file] }));
  writeFileSync(join(consumer, file), source);
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], { cwd: consumer, encoding: 'utf8', timeout: 50_000 });
  assert.equal(tsc.status, 0, `tsc --noEmit of ${file} in the consumer failed:\n${tsc.stdout}${tsc.stderr}`);
}

/** A page's script: the root (which registers every element), ./define and each element subpath, and a type from each. */
function pageSource(): string {
  const elements = ELEMENT_ENTRIES.map((entry) => {
    const alias = `${entry.className}From${entry.name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}`;
    return [
      `import { ${entry.className} as ${alias} } from 'plaza/elements/${entry.name}';`,
      `export const ${alias}Instance: ${alias} | null = document.querySelector('${entry.tag}');`,
      `customElements.define('consumer-${entry.name}', class extends ${alias} {});`,
    ].join('\n');
  });
  return `import {
  PlazaError,
  PlazaCommentDeletedEvent,
  PlazaCommentFailedEvent,
  PlazaReactionChangedEvent,
  PlazaStatusPostedEvent,
  PlazaActivityDeletedEvent,
  PlazaFollowChangedEvent,
  registerMessages,
  threadKeyFor,
  type CommentDeletedEvent,
  type ReactionChangedEvent,
  type RealtimeEvent,
} from 'plaza';
import { defineElements, elements } from 'plaza/define';
${elements.join('\n')}

// The DOM events, by the names a page imports them, with typed fields.
const comments = document.querySelector('plaza-comments');
comments?.addEventListener('plaza-comment-deleted', (event) => {
  const typed: PlazaCommentDeletedEvent = event;
  console.log(typed.commentId, typed.byModerator);
});
comments?.addEventListener('plaza-comment-failed', (event: PlazaCommentFailedEvent) => {
  // The client only throws PlazaError, so a failure's reason is one.
  const problem: PlazaError = event.error;
  console.log(problem.type, problem.status, problem.field);
});
document.querySelector('plaza-reactions')?.addEventListener('plaza-reaction-changed', (event: PlazaReactionChangedEvent) => console.log(event.summary.counts));
document.querySelector('plaza-activity-feed')?.addEventListener('plaza-status-posted', (event: PlazaStatusPostedEvent) => console.log(event.activity.id));
document.querySelector('plaza-activity-feed')?.addEventListener('plaza-activity-deleted', (event: PlazaActivityDeletedEvent) => console.log(event.activity.id));
document.querySelector('plaza-profile-card')?.addEventListener('plaza-follow-changed', (event: PlazaFollowChangedEvent) => console.log(event.profile.name));
document.querySelector('plaza-reactions')?.addEventListener('plaza-reaction-failed', (event) => console.log(event.error.detail));
document.querySelector('plaza-activity-feed')?.addEventListener('plaza-status-failed', (event) => console.log(event.error.title));
document.querySelector('plaza-profile-card')?.addEventListener('plaza-follow-failed', (event) => console.log(event.error.transient));

// The protocol's realtime events keep their own names beside them.
export function onRealtime(event: RealtimeEvent): void {
  if (event.type === 'comment.deleted') {
    const deleted: CommentDeletedEvent = event;
    const type: 'comment.deleted' = deleted.type;
    console.log(type, deleted.topic);
  }
  if (event.type === 'reaction.changed') {
    const changed: ReactionChangedEvent = event;
    console.log(changed.counts, changed.actor);
  }
}

defineElements();
console.log(Object.keys(elements), threadKeyFor, registerMessages, new PlazaError({ type: 'about:blank', title: 'x', status: 400 }));
`;
}

/** Plaza's dependencies and theirs, by name: the top level of a consumer's node_modules after npm hoisted them. */
function productionClosure(): string[] {
  const found = new Set<string>();
  const queue = Object.keys(pkg.dependencies);
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const manifest = join(root, 'node_modules', name, 'package.json');
    if (found.has(name) || !existsSync(manifest)) continue; // optional, or not for this platform
    found.add(name);
    const { dependencies = {}, optionalDependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, string> | undefined>;
    queue.push(...Object.keys(dependencies), ...Object.keys(optionalDependencies));
  }
  return [...found];
}

/** A bundler user's module: no root import (it would register everything), typed events from the element modules. */
function bundleSource(): string {
  return `import { defineElements } from 'plaza/define';
import { PlazaComments, PlazaCommentPostedEvent, PlazaCommentFailedEvent } from 'plaza/elements/comments';
import { PlazaReactions, PlazaReactionChangedEvent } from 'plaza/elements/reactions';
import { PlazaActivityFeed, PlazaActivityDeletedEvent } from 'plaza/elements/activity-feed';
import { PlazaProfileCard, PlazaFollowChangedEvent } from 'plaza/elements/profile-card';

defineElements();
const comments: PlazaComments | null = document.querySelector('plaza-comments');
comments?.addEventListener('plaza-comment-posted', (event) => {
  const posted: PlazaCommentPostedEvent = event;
  console.log(posted.comment.id, posted instanceof PlazaCommentPostedEvent);
});
comments?.addEventListener('plaza-comment-failed', (event: PlazaCommentFailedEvent) => console.log(event.error.type));
const reactions: PlazaReactions | null = document.querySelector('plaza-reactions');
reactions?.addEventListener('plaza-reaction-changed', (event: PlazaReactionChangedEvent) => console.log(event.summary.counts));
const feed: PlazaActivityFeed | null = document.querySelector('plaza-activity-feed');
feed?.addEventListener('plaza-activity-deleted', (event: PlazaActivityDeletedEvent) => console.log(event.activity.id));
const card: PlazaProfileCard | null = document.querySelector('plaza-profile-card');
card?.addEventListener('plaza-follow-changed', (event: PlazaFollowChangedEvent) => console.log(event.profile.name));
`;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))), npm_config_update_notifier: 'false' },
  });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
