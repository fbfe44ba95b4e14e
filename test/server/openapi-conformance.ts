import type { ValidateFunction } from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SseMessage } from './sse.ts';

/**
 * Checks real answers against the OpenAPI document the server serves: the
 * operation is found by method and path template, the answer's status must be
 * documented for it, its media type listed, and its body valid against the
 * schema there (JSON Schema 2020-12, as OpenAPI 3.1 says). Event stream
 * messages are checked against the stream's message schema. Every check is
 * counted per operation and status, so a test can say what it covered.
 */

interface MediaType {
  schema?: unknown;
}
interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

// CommonJS modules: under tsx their export is the module object's `default`.
const Ajv2020 = (Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module;
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const DOC_ID = 'https://plaza.invalid/openapi.json';

export class OpenApiConformance {
  /** `operationId status` of every answer checked. */
  readonly covered = new Set<string>();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: Array<{ template: string; regex: RegExp; params: number }>;

  constructor(readonly doc: OpenApiDoc) {
    addFormats(this.ajv);
    // The whole document as one schema resource, so `#/components/schemas/…` resolves inside it.
    this.ajv.addSchema({ ...doc, $id: DOC_ID });
    this.templates = Object.keys(doc.paths)
      .map((template) => ({
        template,
        regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** The operation a request went to; `path` relative to the API, query and all. */
  operation(method: string, path: string): { template: string; operation: Operation } {
    const bare = path.split('?')[0]!;
    const found = this.templates.find(({ regex, template }) => regex.test(bare) && this.doc.paths[template]![method.toLowerCase()]);
    if (!found) throw new Error(`${method} ${bare} is not in the document`);
    return { template: found.template, operation: this.doc.paths[found.template]![method.toLowerCase()]! };
  }

  /** Checks a whole answer; returns its body (parsed JSON, or the text). */
  async response(method: string, path: string, response: Response): Promise<unknown> {
    const { template, operation } = this.operation(method, path);
    const where = `${method} ${template} → ${response.status}`;
    const documented = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`] ?? operation.responses.default;
    if (!documented) throw new Error(`${where}: the status is not documented (${Object.keys(operation.responses).join(', ')})`);
    const text = await response.text();
    const mediaType = response.headers.get('content-type')?.split(';')[0]!.trim();
    this.covered.add(`${operation.operationId} ${response.status}`);
    if (!documented.content) {
      if (text !== '') throw new Error(`${where}: documented without a body, but has ${mediaType}: ${text.slice(0, 200)}`);
      return undefined;
    }
    const pointer = `#/paths/${escape(template)}/${method.toLowerCase()}/responses/${response.status in operation.responses ? response.status : 'default'}/content/${escape(mediaType ?? '')}/schema`;
    if (!mediaType || !documented.content[mediaType]) throw new Error(`${where}: ${mediaType} is not documented (${Object.keys(documented.content).join(', ')})`);
    const body: unknown = /json$/.test(mediaType) ? JSON.parse(text) : text;
    this.validate(pointer, body, where);
    return body;
  }

  /** Checks one message of `GET /events` against the stream's documented message schema; returns its `data`. */
  streamMessage(message: SseMessage): unknown {
    const pointer = `#/paths/${escape('/events')}/get/responses/200/content/${escape('text/event-stream')}/schema`;
    const value = { event: message.event, id: message.id, data: JSON.parse(message.data ?? 'null') as unknown };
    this.validate(pointer, value, `GET /events message ${message.event}`);
    return value.data;
  }

  private validate(pointer: string, value: unknown, where: string): void {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOC_ID}${pointer}` });
      this.validators.set(pointer, validate);
    }
    if (!validate(value)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
      throw new Error(`${where}: not as documented:\n  ${errors.join('\n  ')}\n  value: ${JSON.stringify(value).slice(0, 600)}`);
    }
  }
}

/** A JSON pointer token, also percent-escaped for use in a URI fragment. */
function escape(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}
