import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/browser/wait.ts';
import '../../src/define.ts';

/*
 * Issue 19, item 1: against a real server started with
 * PLAZA_READ_ACCESS=signed-in (the second server of web-test-runner.config.mjs),
 * a reader who is not signed in sees a calm "Melden Sie sich an, um … zu
 * sehen" in each element: no alert, no error part, no "try again" that
 * cannot help.
 */

const signedInOnly = document.querySelector<HTMLMetaElement>('meta[name="plaza-test:signed-in-only-endpoint"]')!.content;

const CASES = [
  ['plaza-comments', 'thread="page:/news/sign-in-to-read"', 'Melden Sie sich an, um die Kommentare zu sehen.', 'Sign in to see the comments.'],
  ['plaza-reactions', 'target="page:/news/sign-in-to-read"', 'Melden Sie sich an, um die Reaktionen zu sehen.', 'Sign in to see the reactions.'],
  ['plaza-activity-feed', 'scope="all"', 'Melden Sie sich an, um die Neuigkeiten zu sehen.', 'Sign in to see the news.'],
  ['plaza-profile-card', 'user="lea.neumann"', 'Melden Sie sich an, um das Profil zu sehen.', 'Sign in to see the profile.'],
] as const;

describe('elements on a server that lets only signed-in people read', function () {
  this.timeout(20_000);

  for (const [tag, attributes, de, en] of CASES) {
    for (const [lang, text] of [['de', de], ['en', en]] as const) {
      it(`<${tag}> invites to sign in, calmly (${lang})`, async () => {
        const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}></div>`);
        // The endpoint differs from the page's meta tag: a <plaza-config> points the element at the second server.
        wrapper.innerHTML = `<plaza-config endpoint="${signedInOnly}"><${tag} ${attributes}></${tag}></plaza-config>`;
        const element = wrapper.querySelector(tag)!;
        await waitUntil(() => element.shadowRoot?.querySelector('[part="signed-out"]'), `<${tag}> shows no sign-in state`, { timeout: 8000 });
        const root = element.shadowRoot!;
        expect(root.querySelector('[part="signed-out"]')!.textContent!.trim()).to.equal(text);
        expect(root.querySelector('[role="alert"]')?.textContent?.trim() ?? 'none', 'no alert').to.equal('none');
        expect([...root.querySelectorAll('button')].map((b) => b.textContent!.trim()), 'no retry').not.to.include.members(['Erneut versuchen', 'Try again']);
      });
    }
  }
});
