import { LitElement, type PropertyDeclaration, type PropertyValues } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { configContext } from '../../core/context.ts';
import { pageDefaults, resolveConfig, type PlazaConfig } from '../../core/config.ts';
import { messagesLoading, resolveLocale, translator, type MessagePart, type Translate } from '../../core/i18n.ts';
import { servicesFor, type PlazaServices } from '../../core/services.ts';
import { forget, startNow, whenNear } from './near-view.ts';
import { keepOwnKeys } from './own-keys.ts';
import { announceRenderRoot } from '../loader-link.ts';

/**
 * The one base class of Plaza's elements, and deliberately thin: it resolves
 * configuration (context, then page defaults, then built-ins), the locale and
 * its messages. Everything else an element needs comes from controllers.
 */
export class PlazaElement extends LitElement {
  /**
   * The parts of the messages this element speaks besides the core ones (its own, and the shared
   * composer's where it shows one): it draws once they are here in its language (decision 180).
   * @internal
   */
  static messages: readonly MessagePart[] = [];

  /**
   * What else must be here before the element draws: the HTML sanitiser, for the elements that
   * show what people wrote (DOMPurify, in browsers without the Sanitizer API: decision 182).
   * @internal
   */
  static ready: ReadonlyArray<() => Promise<void> | undefined> = [];

  /**
   * Loads what the element needs to draw, its messages in the page's language and `ready`; the
   * lazy loader defines the element once they are here, so it draws as it upgrades (decision 135).
   * @internal
   */
  static prepare(): Promise<unknown> | undefined {
    return this.waitingFor(resolveLocale(pageDefaults().locale ?? '', document.documentElement));
  }

  /** Undefined when the element can draw in `locale`, else the promise of what it waits for (asked for now). */
  private static waitingFor(locale: string): Promise<unknown> | undefined {
    const pending = [messagesLoading(locale, this.messages), ...this.ready.map((load) => load())].filter((p) => p !== undefined);
    return pending.length ? Promise.all(pending) : undefined;
  }

  @consume({ context: configContext, subscribe: true })
  @state()
  private contextConfig?: Partial<PlazaConfig>;

  /**
   * `lazy`: the element loads and makes its content only once it is within a screen of the viewport
   * or the browser is idle, like an image's `loading="lazy"`; until then it shows what is inside it.
   * A thread does this for the names and bars of comments far down. Read when the element is connected.
   */
  @property() loading: 'eager' | 'lazy' = 'eager'; // spelled out, not `Loading`: the element reference shows the type as written

  /**
   * Configuration and locale, resolved once per update: both read the DOM
   * (meta tags, `lang` ancestors), and a render asks for them many times.
   */
  private resolved?: { config: PlazaConfig; locale: string };

  /**
   * The configuration in force for this element.
   * @internal
   */
  get config(): PlazaConfig {
    return this.resolve().config;
  }

  /**
   * The services shared by every element on the page that talks to the same endpoint.
   * @internal
   */
  get services(): PlazaServices {
    return servicesFor(this.config);
  }

  /**
   * The language this element speaks (`de`, `en`, …).
   * @internal
   */
  get locale(): string {
    return this.resolve().locale;
  }

  /**
   * Translates a message key into the element's language.
   * @internal
   */
  get t(): Translate {
    return translator(this.locale);
  }

  constructor() {
    super();
    // Keys typed into Plaza's fields must not reach the page's handlers (own-keys.ts).
    keepOwnKeys(this);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // The lazy loader watches it for Plaza tags it renders (loader-link.ts).
    announceRenderRoot(root);
    return root;
  }

  /** Lit's connecting (shadow root, styles, controllers) has run; for a lazy element, only once it was near. */
  private started = false;

  override connectedCallback(): void {
    // A moved element may sit under another <plaza-config> or `lang` now.
    this.resolved = undefined;
    if (this.hasUpdated || this.loading !== 'lazy') return this.start();
    // Until then it is the text inside it (a name tag's name) or nothing; nothing waits for it.
    whenNear(this, () => {
      this.start();
      // Now rather than in a microtask: idle time counts what starting cost. (Unless its
      // messages are still on their way: then the update scheduled by starting waits for them.)
      if (!this.waiting()) this.performUpdate();
    });
  }

  override disconnectedCallback(): void {
    if (!this.started) return forget(this);
    this.started = false;
    super.disconnectedCallback();
  }

  private start(): void {
    this.started = true;
    super.connectedCallback();
  }

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    super.requestUpdate(name, oldValue, options);
    // Made eager while waiting (attribute or property): it starts now, as an image's `loading` does.
    if (name === 'loading' && this.loading !== 'lazy') startNow(this);
  }

  /**
   * Each built-in language is its own modules (decisions 131, 180): an element draws once the
   * messages it speaks, and what else it is `ready` for, are here.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const waiting = this.waiting();
    return waiting ? waiting.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  private waiting(): Promise<unknown> | undefined {
    return (this.constructor as typeof PlazaElement).waitingFor(this.locale);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // The first update follows connecting at once (same task): what was resolved then still holds,
    // unless a <plaza-config> answered in between. Later updates look again (meta tags, `lang`).
    if (this.hasUpdated || changed.has('contextConfig')) this.resolved = undefined;
    super.willUpdate(changed);
    // Themes are a host attribute so that the styles' :host([data-plaza-theme]) selectors apply.
    const theme = this.config.theme;
    if (theme) this.dataset.plazaTheme = theme;
    else delete this.dataset.plazaTheme;
  }

  private resolve(): { config: PlazaConfig; locale: string } {
    if (!this.resolved) {
      const config = resolveConfig(this.contextConfig, pageDefaults());
      this.resolved = { config, locale: resolveLocale(config.locale, this) };
    }
    return this.resolved;
  }
}
