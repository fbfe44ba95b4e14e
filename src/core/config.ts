/**
 * Where Plaza finds its configuration, so a CMS editor never types an endpoint:
 * the nearest `<plaza-config>` (through context), then page-level defaults
 * (`<meta name="plaza:endpoint">` and friends, or `data-*` attributes on the
 * script tag that loaded Plaza), then built-in defaults (same origin, `/api/v1`).
 */
export interface PlazaConfig {
  /** Absolute or page-relative URL of the API, e.g. `https://intranet.example/plaza/api/v1`. */
  endpoint: string;
  /** `de`, `en`, or any locale whose messages were registered; empty means "from the page". */
  locale: string;
  /** How requests carry the intranet's cookies; `include` lets an API on another origin see the session. */
  credentials: RequestCredentials;
  /** `light`, `dark`, or `auto` (follow the operating system); empty means "as the page". */
  theme: string;
  /**
   * The operator's chat link for profile cards, with `{email}`, `{phone}`, `{id}` or `{name}`
   * filled in (e.g. `msteams:/l/chat/0/0?users={email}`); empty means no chat button.
   */
  chatUrl: string;
}

export type ConfigKey = keyof PlazaConfig;
export const CONFIG_KEYS: readonly ConfigKey[] = ['endpoint', 'locale', 'credentials', 'theme', 'chatUrl'];

const BUILT_IN: PlazaConfig = { endpoint: '/api/v1', locale: '', credentials: 'include', theme: '', chatUrl: '' };

let scriptElement: HTMLScriptElement | null | undefined;

/**
 * Remembers which script tag loaded Plaza, so its `data-*` attributes count as page defaults.
 * The first one found counts: the classic build names its script before define.ts runs. The
 * loader names two: `plaza.js` and its alias `plaza.lazy.js` (decision 133).
 */
export function rememberLoaderScript(...scriptUrls: string[]): void {
  scriptElement ||= [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find((s) => scriptUrls.includes(s.src)) ?? null;
}

/**
 * The page-level defaults, read fresh each time because a CMS may add meta
 * tags late. Every element asks on every update, so this walks the document's
 * live list of `<meta>` tags (a handful) rather than querying the whole
 * document once per key, which on a large intranet page cost each element
 * four walks of the DOM for keys that are not set.
 */
export function pageDefaults(doc: Document = document): Partial<PlazaConfig> {
  const found: Partial<PlazaConfig> = {};
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const { name, content } = metas[i]!;
    const key = name.startsWith('plaza:') ? (name.slice(6) as ConfigKey) : undefined;
    // The first tag of a name counts, as querySelector would find it.
    if (key && CONFIG_KEYS.includes(key) && content && !(key in found)) (found as Record<string, string>)[key] = content;
  }
  for (const key of CONFIG_KEYS) {
    const data = scriptElement?.dataset[key];
    if (data && !(key in found)) (found as Record<string, string>)[key] = data;
  }
  return found;
}

/**
 * Merges, nearest first, ignoring empty values. A configured endpoint resolves
 * like the page's other URLs (against `<base href>`); the built-in default is
 * the page's own origin, whatever `<base>` says, so a page whose base points at
 * a CDN never sends its credentials there.
 */
export function resolveConfig(...layers: Array<Partial<PlazaConfig> | undefined>): PlazaConfig {
  const merged = { ...BUILT_IN };
  for (const layer of [...layers].reverse()) {
    for (const key of CONFIG_KEYS) {
      const value = layer?.[key];
      if (value) (merged as Record<string, string>)[key] = value;
    }
  }
  const configured = layers.some((layer) => layer?.endpoint);
  merged.endpoint = absolute(merged.endpoint, configured ? document.baseURI : location.href);
  return merged;
}

/** Endpoints resolved before: each element resolves its configuration on every update, with the same few inputs. */
const resolvedEndpoints = new Map<string, string>();

function absolute(endpoint: string, base: string): string {
  const key = `${endpoint} ${base}`;
  let url = resolvedEndpoints.get(key);
  if (url === undefined) {
    url = new URL(endpoint, base).href.replace(/\/$/, '');
    // A page may keep changing its base (a single-page app): stay small.
    if (resolvedEndpoints.size > 50) resolvedEndpoints.clear();
    resolvedEndpoints.set(key, url);
  }
  return url;
}
