import type { Message, MessageKey, Messages } from './messages/types.ts';
import { PROBLEM_TYPES } from './protocol.ts';
import { ORIGIN_REFUSED, PlazaError } from './problem.ts';
import { formatNumber, WITHOUT_INTL } from './numbers.ts';

export type { Message, MessageKey, Messages };
export interface Translate {
  (key: MessageKey, vars?: Record<string, string | number>): string;
  /** Whether the language (or English) has this key; for keys built at run time, like a custom reaction kind's label. */
  has(key: string): key is MessageKey;
}

type Catalog = Partial<Messages> & Record<string, Message>;
type BuiltIn = 'de' | 'en';

/**
 * One piece of the built-in catalogs: a module per language, loaded when an element first speaks
 * that language (decisions 131, 180). Each element names its own (`src/elements/<name>/messages.ts`)
 * in its class's `messages`, so a page fetches the text of the elements on it, in its language only.
 */
export type MessagePart = Readonly<Record<BuiltIn, () => Promise<Catalog>>>;

/** What every element may say (retry, the problems, reaction kinds); always loaded with an element's own part. */
const corePart: MessagePart = {
  de: () => import('./messages/de/core.ts').then((m) => m.messages),
  en: () => import('./messages/en/core.ts').then((m) => m.messages),
};
/**
 * English is the base of every other language a page registers, and the fallback for keys it
 * lacks; a German page never fetches it.
 */
const baseOf = (locale: string): BuiltIn => (locale === 'de' ? 'de' : 'en');

/** The built-in messages loaded so far per language, every part in one catalog. */
const loaded = new Map<BuiltIn, Catalog>();
/** Per part and language: on its way (the promise) or here (`true`). */
const parts = new WeakMap<MessagePart, Map<BuiltIn, Promise<void> | true>>();
/** What a page added or changed per language (registerMessages). */
const registered = new Map<string, Catalog>();

/**
 * Undefined once the messages `locale` speaks from are here (the core part and `wanted`), else
 * the promise of them (asked for now). It never rejects: a part that fails to load is logged, the
 * element shows what is loaded (English, German or the keys), and the next element to ask tries again.
 */
export function messagesLoading(locale: string, wanted: readonly MessagePart[] = []): Promise<void> | undefined {
  const base = baseOf(locale);
  const pending = [corePart, ...wanted].map((part) => partLoading(part, base)).filter((p) => p !== undefined);
  return pending.length ? Promise.all(pending).then(() => undefined) : undefined;
}

function partLoading(part: MessagePart, base: BuiltIn): Promise<void> | undefined {
  let states = parts.get(part);
  if (!states) parts.set(part, (states = new Map()));
  const state = states.get(base);
  if (state === true) return undefined;
  if (state) return state;
  const pending = part[base]().then(
    (messages) => {
      states.set(base, true);
      loaded.set(base, { ...loaded.get(base), ...messages });
      translators.clear();
    },
    (error: unknown) => {
      states.delete(base);
      console.error(`[plaza] the "${base}" messages could not be loaded`, error);
    },
  );
  states.set(base, pending);
  return pending;
}

/** Loads the messages `locale` speaks from, the core part and `wanted` (tests, and pages that translate before any element draws). */
export async function loadMessages(locale: string, wanted: readonly MessagePart[] = []): Promise<void> {
  await messagesLoading(locale, wanted);
}

/**
 * Adds or overrides a language, e.g. `registerMessages('de', { 'reactions.who': 'Wer war das?' })`
 * for a company that says "Du", or `registerMessages('fr', fr)`. Missing keys fall back to English.
 */
export function registerMessages(locale: string, messages: Catalog): void {
  translators.clear();
  const lower = locale.toLowerCase();
  registered.set(lower, { ...registered.get(lower), ...messages });
}

/**
 * The locale an element speaks: its configured one, else the nearest `lang`
 * attribute (the page's `<html lang>` included, across shadow roots), else the
 * browser's. Narrowed to a language we have messages for.
 */
export function resolveLocale(configured: string, element: Element): string {
  const candidates = [configured, closestLang(element), ...navigator.languages, 'en'];
  const known = (locale: string) => locale === 'de' || locale === 'en' || registered.has(locale);
  for (const candidate of candidates) {
    if (!candidate) continue;
    const lower = candidate.toLowerCase();
    if (known(lower)) return lower;
    const language = lower.split('-')[0]!;
    if (known(language)) return language;
  }
  return 'en';
}

const translators = new Map<string, Translate>();

/** The message function for a locale; cached, since elements ask for it on every render. */
export function translator(locale: string): Translate {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = makeTranslator(locale)));
  // Every part that arrives (and every registerMessages) clears the cache: the next render asks again.
  return t;
}

function makeTranslator(locale: string): Translate {
  // English where it is loaded, else German (a German page never fetches English).
  const en: Catalog = { ...loaded.get('de'), ...loaded.get('en') };
  const messages: Catalog = { ...(loaded.get(baseOf(locale)) ?? en), ...registered.get(locale) };
  const plural = pluralOf(locale);
  const t = (key: MessageKey, vars: Record<string, string | number> = {}) => {
    const message: Message = messages[key] ?? en[key] ?? key;
    const template =
      typeof message === 'string' ? message : ((vars.count === 0 ? message.zero : undefined) ?? message[plural(Number(vars.count)) as 'one' | 'other'] ?? message.other);
    const pieces = compiled(template);
    if (pieces.length === 1) return template;
    let out = pieces[0]!;
    for (let i = 1; i < pieces.length; i += 2) {
      const value = vars[pieces[i]!];
      out += (value === undefined ? `{${pieces[i]!}}` : typeof value === 'number' ? formatNumber(value, locale) : value) + pieces[i + 1]!;
    }
    return out;
  };
  return Object.assign(t, { has: (key: string): key is MessageKey => key in messages || key in en });
}

/**
 * A message split once into text and placeholder names, alternating
 * (`'{kind}: {count} Reaktionen'` → `['', 'kind', ': ', 'count', ' Reaktionen']`):
 * a comment thread formats a few thousand labels on its first render.
 */
const pieceCache = new Map<string, string[]>();

function compiled(template: string): string[] {
  let pieces = pieceCache.get(template);
  if (!pieces) pieceCache.set(template, (pieces = template.split(/\{(\w+)\}/)));
  return pieces;
}

/** German and English plurals need no Intl.PluralRules, whose first use on a page is slow. */
function pluralOf(locale: string): (count: number) => Intl.LDMLPluralRule {
  if (WITHOUT_INTL.test(locale)) return (count) => (count === 1 ? 'one' : 'other');
  const rules = new Intl.PluralRules(locale);
  return (count) => rules.select(count);
}

const PROBLEM_MESSAGES: Record<string, MessageKey> = {
  [PROBLEM_TYPES.unauthenticated]: 'problem.unauthenticated',
  [PROBLEM_TYPES.forbidden]: 'problem.forbidden',
  [PROBLEM_TYPES.network]: 'problem.network',
  [PROBLEM_TYPES.rateLimited]: 'problem.rateLimited',
  [PROBLEM_TYPES.unknownKind]: 'problem.unknownKind',
  [PROBLEM_TYPES.notFound]: 'problem.notFound',
  [PROBLEM_TYPES.unavailable]: 'problem.unavailable',
  [ORIGIN_REFUSED]: 'problem.originRefused',
};

/** A sentence the user can act on, in their language, for any error the client raised. */
export function describeProblem(t: Translate, error: unknown): string {
  if (!(error instanceof PlazaError)) return t('problem.generic', { status: error instanceof Error ? error.name : String(error) });
  const key = PROBLEM_MESSAGES[error.type] ?? (error.status === 401 ? 'problem.unauthenticated' : undefined);
  return key ? t(key) : t('problem.generic', { status: error.status || error.title });
}

function closestLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return '';
}
