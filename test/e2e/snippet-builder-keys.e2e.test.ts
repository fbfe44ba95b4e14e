/**
 * Issue 16, item 12: the snippet builder (/demo/baukasten.html) took `news/kantine` without
 * `page:` (a different, empty thread) without a word. It checks keys with the rule the server
 * uses (src/core/thread-key.ts), says what is wrong next to the field and leaves such a key out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { usePlazaServer, waitFor, watchProblems } from './support.ts';

describe('the snippet builder checks thread keys (built library, demo server)', { timeout: 90_000 }, () => {
  const server = usePlazaServer(1);

  test('a path without page:, and a key the server would refuse, get a clear message and stay out of the snippet', async () => {
    const context = await server.plaza.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${server.plaza.url}demo/baukasten.html`);
      const snippet = page.getByLabel('Snippet zum Kopieren');
      const thread = page.getByLabel('Diskussion (thread)');
      const message = page.locator('#options-error');
      await waitFor(async () => (await snippet.inputValue()) === '<plaza-comments></plaza-comments>', 'the builder to start');

      await thread.fill('news/kantine');
      await waitFor(async () => /page:\/news\/kantine/.test((await message.textContent()) ?? ''), 'a message suggesting page:/news/kantine');
      assert.match((await message.textContent())!, /„news\/kantine“ beginnt nicht mit page:.*Meinten Sie page:\/news\/kantine\?/);
      assert.equal(await message.getAttribute('role'), 'alert');
      assert.equal(await thread.getAttribute('aria-invalid'), 'true');
      assert.equal(await snippet.inputValue(), '<plaza-comments></plaza-comments>', 'the key stays out');

      await thread.fill('page:/news/neue kantine');
      await waitFor(async () => /Leerzeichen/.test((await message.textContent()) ?? ''), 'a message about the space');
      assert.equal(await snippet.inputValue(), '<plaza-comments></plaza-comments>');

      await thread.fill('page:/news/kantine');
      await waitFor(async () => (await snippet.inputValue()) === '<plaza-comments thread="page:/news/kantine"></plaza-comments>', 'the good key in the snippet');
      assert.equal((await message.textContent())!.trim(), '');
      assert.equal(await thread.getAttribute('aria-invalid'), null);

      // The other key fields follow the same rule.
      await page.getByRole('radio', { name: /^Kommentarzahl/ }).check();
      await page.getByLabel('Welche Diskussion gezählt wird (thread)').fill('/news/kantine');
      await waitFor(async () => /Meinten Sie page:\/news\/kantine\?/.test((await message.textContent()) ?? ''), 'the count’s key checked');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
