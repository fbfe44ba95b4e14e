import { LitElement, html, css } from 'lit';
import { consume, provide } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { configContext } from '../../core/context.ts';
import type { PlazaConfig } from '../../core/config.ts';

/**
 * Provides endpoint, locale, credentials mode and theme to every Plaza element
 * inside it. Optional: without it, elements read the page's
 * `<meta name="plaza:…">` tags, then use the same origin's `/api/v1`.
 *
 * @tagname plaza-config
 * @summary Configuration for the Plaza elements inside it.
 * @slot - The page content containing Plaza elements.
 */
export class PlazaConfigElement extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the Plaza API, e.g. `https://intranet.example/plaza/api/v1`. */
  @property() endpoint = '';

  /** Language of the elements inside: `de` or `en` (or a registered one). Defaults to the page's `lang`. */
  @property() locale = '';

  /** Fetch credentials mode: `include` (default; sends the intranet's cookies to another origin), `same-origin` or `omit`. */
  @property() credentials: RequestCredentials | '' = '';

  /** `light`, `dark` or `auto` (follow the operating system). Defaults to the page's own colour scheme. */
  @property() theme = '';

  /** Chat link template for profile cards, e.g. `msteams:/l/chat/0/0?users={email}` (`{email}`, `{phone}`, `{id}`, `{name}`; http(s), mailto, tel, msteams and sip only). */
  @property({ attribute: 'chat-url' }) chatUrl = '';

  /** An enclosing `<plaza-config>`'s values, so a nested one only overrides what it sets. */
  @consume({ context: configContext, subscribe: true })
  @state()
  private inherited?: Partial<PlazaConfig>;

  @provide({ context: configContext })
  private provided: Partial<PlazaConfig> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    // Elements inside upgrade right after this one, before its first update: they must find
    // the configuration now, or they would load once from the page's defaults first.
    this.provided = this.#merged();
  }

  protected override willUpdate(): void {
    this.provided = this.#merged();
  }

  /** A new object each time, so consumers subscribed through context re-render. */
  #merged(): Partial<PlazaConfig> {
    const own: Partial<PlazaConfig> = {
      endpoint: this.endpoint,
      locale: this.locale,
      credentials: this.credentials || undefined,
      theme: this.theme,
      chatUrl: this.chatUrl,
    };
    const merged: Partial<PlazaConfig> = { ...this.inherited };
    for (const [key, value] of Object.entries(own) as Array<[keyof PlazaConfig, string | undefined]>) {
      if (value) (merged as Record<string, string>)[key] = value;
    }
    return merged;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
