import type { Translate } from '../../core/i18n.ts';
import { isAbort } from '../../core/problem.ts';
import type { Preview } from '../../core/protocol.ts';
import { isBlank } from '../../core/text.ts';
import { describeComposerProblem } from './composer-problems.ts';

/**
 * The composer's "Vorschau": the draft rendered by the server (`POST
 * /preview`, decision 107), since the page has no Markdown parser. Pressing
 * it shows the preview and asks the server; pressing it again shows the field
 * and aborts a request still on its way, so pressing twice while it loads
 * does no harm. The draft is never touched: the field keeps its text while
 * hidden, and a failure says why beside it. An answer for a text that has
 * since changed is not shown.
 */

/** Asks the server for a draft's HTML (the client's `preview`, from the element's services). */
export type LoadPreview = (text: string, signal: AbortSignal) => Promise<Preview>;

/** What the preview shows for `text`. */
export type DraftPreviewState =
  | { text: string; status: 'pending' }
  | { text: string; status: 'complete'; html: string }
  | { text: string; status: 'error'; error: string };

/** The part of a composer's state the preview uses. */
export interface Previewable {
  text: string;
  preview?: boolean;
  previewed?: DraftPreviewState;
}

const requests = new WeakMap<Previewable, AbortController>();

/** Shows or hides the preview; showing it loads the draft's HTML unless it is loaded (or loading) for this very text. */
export function togglePreview(composer: Previewable, load: LoadPreview, t: Translate, update: () => void): void {
  composer.preview = !composer.preview;
  if (!composer.preview) {
    stopPreview(composer);
  } else if (!isBlank(composer.text) && (composer.previewed?.text !== composer.text || composer.previewed.status === 'error')) {
    void loadPreview(composer, load, t, update);
  }
  update();
}

/** Aborts a preview request still on its way (the preview closed, or the draft was sent). */
export function stopPreview(composer: Previewable): void {
  requests.get(composer)?.abort();
  requests.delete(composer);
  if (composer.previewed?.status === 'pending') composer.previewed = undefined;
}

async function loadPreview(composer: Previewable, load: LoadPreview, t: Translate, update: () => void): Promise<void> {
  stopPreview(composer);
  const abort = new AbortController();
  requests.set(composer, abort);
  const text = composer.text;
  composer.previewed = { text, status: 'pending' };
  try {
    const { html } = await load(text, abort.signal);
    if (abort.signal.aborted) return;
    composer.previewed = { text, status: 'complete', html };
  } catch (error) {
    if (abort.signal.aborted || isAbort(error)) return;
    composer.previewed = { text, status: 'error', error: t('composer.preview.failed', { reason: describeComposerProblem(t, error, text) }) };
  } finally {
    if (requests.get(composer) === abort) requests.delete(composer);
  }
  update();
}
