import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './harness.ts';

/**
 * Issue 16, item 21: `/api/docs` showed the descriptions' Markdown as typed
 * (literal backticks). The page renders what the OpenAPI descriptions use.
 */
describe('the API reference page shows the descriptions as text, not Markdown source', () => {
  let server: TestServer;
  let html = '';
  before(async () => {
    server = await startTestServer();
    html = await (await fetch(`${server.url}api/docs`)).text();
  });
  after(() => server.close());

  /** What a reader sees: the text without tags, with entities decoded. */
  const visible = (markup: string) =>
    markup
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');

  test('no backticks, no **bold** markers, no [text](link) source outside code on the page', () => {
    // Code may show Markdown on purpose (the mention syntax `@[Name](person:id)`).
    const text = visible(html.replace(/<code>[\s\S]*?<\/code>/g, ' CODE '));
    const found = [...text.matchAll(/`|\*\*|\]\(/g)].map((match) => text.slice(Math.max(0, match.index - 60), match.index + 40).replace(/\s+/g, ' '));
    assert.deepEqual(found, []);
  });

  test('code in the route list and in descriptions is shown as code', () => {
    assert.doesNotMatch(html, /<li><a href="#[^"]*"><code>[^<]*<\/code><\/a> [^<]*`/, 'route summaries');
    assert.match(html, /<code>[^<]+<\/code>/);
  });
});
