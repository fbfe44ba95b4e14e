/**
 * `dist/plaza.classic.js`: Plaza for a classic `<script src>`, as old templates and tag managers
 * insert it (no `type="module"`). The same elements as `plaza.js`, in one function that runs as
 * a plain script (no `import`, `export` or `import.meta`, and no AMD `define` either: it never
 * asks a page's loader to register it). Like a module script it waits for the document to be
 * parsed, so meta tags after it count and elements see their content; its `data-*` attributes
 * count as page defaults. `plaza.js` stays the module, whose exports pages and bundlers import.
 */
import { rememberLoaderScript } from './core/config.ts';

rememberLoaderScript((document.currentScript as HTMLScriptElement | null)?.src ?? '');
const start = () => void import('./define.ts');
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
