import { createHash } from 'node:crypto';

/**
 * The API reference at /api/docs, rendered on the server from the OpenAPI
 * document: plain HTML and one inline stylesheet, no script. Swagger UI loads
 * its scripts from a CDN, which an intranet (and many build machines) cannot
 * reach; this page works offline and under a strict CSP (the stylesheet is
 * allowed by its hash). The document at /api/v1/openapi.json stays the law;
 * this page is a reading aid for it.
 */

interface Schema {
  $ref?: string;
  type?: string | string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string }>;
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1b1b1f;background:#fff}
h1{margin-bottom:0}h2{border-bottom:2px solid #ccd;padding-bottom:.2rem;margin-top:2.5rem}
h3{margin:1.8rem 0 .3rem;font-size:1.05rem}code{font:13px/1.4 ui-monospace,monospace;background:#f1f1f5;padding:0 .2rem;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #e3e3ea;padding:.3rem .5rem}
th{font-weight:600;background:#f7f7fa}.m{display:inline-block;min-width:4.2rem;font:600 12px ui-monospace,monospace;color:#fff;border-radius:3px;padding:.15rem .4rem;text-align:center;margin-right:.4rem}
.get{background:#2f6f9f}.post{background:#2e7d32}.put{background:#8d5a00}.patch{background:#6a4c93}.delete{background:#b3261e}
.muted{color:#5c5c66}nav ul{columns:2;padding-left:1.2rem}a{color:#1f5fa8}
@media (prefers-color-scheme:dark){body{background:#16161a;color:#e6e6ea}code{background:#26262d}th{background:#202027}th,td{border-color:#33333b}.muted{color:#a0a0aa}a{color:#8ab4f8}}
`;

/** The page, and the Content-Security-Policy that lets exactly its stylesheet apply. */
export function renderApiReference(doc: OpenApiDocument, documentUrl: string): { html: string; csp: string } {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, op: item[method]! })),
  );
  const tags = [...new Set(operations.map(({ op }) => op.tags?.[0] ?? 'other'))];
  const base = doc.servers?.[0]?.url ?? '';
  const sections = tags.map((tag) => {
    const ops = operations.filter(({ op }) => (op.tags?.[0] ?? 'other') === tag);
    return `<h2 id="${anchor(`tag-${tag}`)}">${esc(tag)}</h2>${ops.map(({ path, method, op }) => operation(path, method, op)).join('')}`;
  });
  const nav = operations
    .map(({ path, method, op }) => `<li><a href="#${opAnchor(method, path)}"><code>${method.toUpperCase()} ${esc(path)}</code></a> ${inline(op.summary)}</li>`)
    .join('');
  const components = doc.components?.schemas ?? {};
  const schemas = Object.entries(components)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schema]) => `<h3 id="${anchor(`schema-${name}`)}">${esc(name)}</h3>${describe(schema.description)}${schemaBody(schema, components)}`)
    .join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)} reference</title><style>${STYLE}</style></head><body>
<h1>${esc(doc.info.title)} <span class="muted">v${esc(doc.info.version)}</span></h1>
${describe(doc.info.description)}
<p>Every path is relative to <code>${esc(base)}</code>. The authoritative document: <a href="${esc(documentUrl)}"><code>${esc(documentUrl)}</code></a> (OpenAPI 3.1).</p>
<nav><h2>Routes</h2><ul>${nav}</ul></nav>${sections.join('')}<h2 id="schemas">Schemas</h2>${schemas}</body></html>`;
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { html, csp };
}

function operation(path: string, method: string, op: Operation): string {
  const params = op.parameters ?? [];
  const paramRows = params
    .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}${p.required ? ', required' : ''}</td><td>${typeLabel(p.schema)}</td><td>${inline(p.description ?? p.schema?.description)}</td></tr>`)
    .join('');
  const body = Object.entries(op.requestBody?.content ?? {})
    .map(([type, media]) => `<p>Body <code>${esc(type)}</code>: ${typeLabel(media.schema)}</p>`)
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(([status, res]) => {
      const types = Object.entries(res.content ?? {}).map(([type, media]) => `<code>${esc(type)}</code> ${typeLabel(media.schema)}`);
      return `<tr><td>${esc(status)}</td><td>${inline(res.description)}</td><td>${types.join('<br>')}</td></tr>`;
    })
    .join('');
  return `<h3 id="${opAnchor(method, path)}"><span class="m ${method}">${method.toUpperCase()}</span><code>${esc(path)}</code></h3>
<p>${inline(op.summary)}</p>${describe(op.description)}
${paramRows ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>${paramRows}</table>` : ''}${body}
<table><tr><th>status</th><th>meaning</th><th>body</th></tr>${responses}</table>`;
}

function schemaBody(schema: Schema, components: Record<string, Schema>): string {
  const object = schema.allOf ? mergeAllOf(schema.allOf, components) : schema;
  if (!object.properties) return `<p>${typeLabel(schema)}</p>`;
  const required = new Set(object.required ?? []);
  const rows = Object.entries(object.properties)
    .map(([name, prop]) => `<tr><td><code>${esc(name)}</code>${required.has(name) ? '' : ' <span class="muted">optional</span>'}</td><td>${typeLabel(prop)}</td><td>${inline(prop.description)}</td></tr>`)
    .join('');
  return `<table><tr><th>field</th><th>type</th><th>meaning</th></tr>${rows}</table>`;
}

/** A short, linked type: `Comment[]`, `string | null`, `"newest" | "oldest"`, `{ a: string }`. */
function typeLabel(schema: Schema | undefined, depth = 0): string {
  if (!schema) return '';
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return `<a href="#${anchor(`schema-${name}`)}">${esc(name)}</a>`;
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => typeLabel(s, depth)).join(' | ');
  if (schema.allOf) return schema.allOf.map((s) => typeLabel(s, depth)).join(' &amp; ');
  if (schema.enum) return schema.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  if (schema.const !== undefined) return `<code>${esc(JSON.stringify(schema.const))}</code>`;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any'];
  return types.map((type) => single(type, schema, depth)).join(' | ') + constraints(schema);
}

function single(type: string, schema: Schema, depth: number): string {
  if (type === 'array') return `${typeLabel(schema.items, depth)}[]`;
  if (type !== 'object') return esc(schema.format ? `${type} (${schema.format})` : type);
  if (schema.properties && depth < 2) {
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties).map(([k, v]) => `${esc(k)}${required.has(k) ? '' : '?'}: ${typeLabel(v, depth + 1)}`);
    return `{ ${fields.join(', ')} }`;
  }
  if (typeof schema.additionalProperties === 'object') return `Record&lt;string, ${typeLabel(schema.additionalProperties, depth + 1)}&gt;`;
  return 'object';
}

function constraints(schema: Schema): string {
  const notes: string[] = [];
  const range = (min: number | undefined, max: number | undefined) =>
    min !== undefined && max !== undefined ? `${min}…${max}` : min !== undefined ? `≥ ${min}` : max !== undefined ? `≤ ${max}` : '';
  const length = range(schema.minLength, schema.maxLength);
  if (length) notes.push(`length ${length}`);
  const value = range(schema.minimum, schema.maximum);
  if (value) notes.push(value);
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.pattern) notes.push(`pattern <code>${esc(schema.pattern)}</code>`);
  return notes.length ? ` <span class="muted">(${notes.map((n) => (n.startsWith('pattern') ? n : esc(n))).join(', ')})</span>` : '';
}

/** An extended schema (`allOf: [$ref Base, {more fields}]`) as one table: the base's fields, then its own. */
function mergeAllOf(parts: Schema[], components: Record<string, Schema>, depth = 0): Schema {
  return parts.reduce<Schema>((merged, part) => {
    let resolved = part.$ref ? (components[part.$ref.split('/').pop()!] ?? {}) : part;
    if (resolved.allOf && depth < 5) resolved = mergeAllOf(resolved.allOf, components, depth + 1);
    // A field the extension redefines (an event's `type`) keeps the base's required-ness.
    return {
      properties: { ...merged.properties, ...resolved.properties },
      required: [...new Set([...(merged.required ?? []), ...(resolved.required ?? [])])],
    };
  }, {});
}

function describe(text: string | undefined): string {
  return text ? `<p>${inline(text)}</p>` : '';
}

/** Escapes, then shows `code` as code: the only Markdown the descriptions use. */
function inline(text: string | undefined): string {
  return esc(text ?? '').replace(/`([^`]+)`/g, '<code>$1</code>');
}

function opAnchor(method: string, path: string): string {
  return anchor(`${method}-${path}`);
}

function anchor(text: string): string {
  return text.replace(/[^\w-]+/g, '-');
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
