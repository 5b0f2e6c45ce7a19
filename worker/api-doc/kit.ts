/**
 * The OpenAPI description, assembled from the same valibot schemas that validate requests
 * (middleware/validate.ts): routes.ts describes each route with `describe()`, and openApiDocument() turns
 * the lot into a document, at build time (scripts/build-openapi.mjs).
 *
 * Why valibot and not zod, and why at build time: the worker's bundle (issue #11). zod with its locales and
 * its OpenAPI generator were about 70% of a 176 kB gz worker; valibot's functions tree-shake to what the
 * request schemas use, and the converter (@valibot/to-json-schema) and the prose stay out of the worker.
 */
import type { GenericSchema } from "valibot";
import { toJsonSchemaDefs, type ConversionConfig } from "@valibot/to-json-schema";

type Json = Record<string, unknown>;

/** A response or request body: its media types, each with a schema (valibot, or already JSON Schema) and an example. */
export interface Content {
  [mediaType: string]: { schema: GenericSchema | Json; example?: unknown };
}
export interface ResponseDoc {
  description: string;
  headers?: Record<string, Json>;
  content?: Content;
}
export interface RouteDoc {
  method: "get" | "post";
  /** OpenAPI's form: `/v1/articles/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  request?: {
    params?: GenericSchema;
    query?: GenericSchema;
    headers?: GenericSchema;
    body?: { content: Content; required: boolean };
  };
  responses: Partial<Record<number, ResponseDoc>>;
}

const routes: RouteDoc[] = [];
const components = new Map<string, GenericSchema>();
let securitySchemes: Json = {};

/** A route, as the description shows it. Called once per route, when its file is wired into the app. */
export function describe(route: RouteDoc): void {
  if (!routes.some((r) => r.method === route.method && r.path === route.path)) routes.push(route);
}

/** A schema the description shows once, under components/schemas, and refers to by name. */
export function named<T extends GenericSchema>(name: string, schema: T): T {
  components.set(name, schema);
  return schema;
}

export function describeSecurity(schemes: Json): void {
  securitySchemes = schemes;
}

/**
 * What JSON Schema cannot say of a check (a string that must parse to an integer, a trimmed length) is said
 * by the schema's own `metadata({ doc })`: it stands for the whole schema in the description.
 */
const config: ConversionConfig = {
  target: "draft-2020-12",
  errorMode: "ignore",
  overrideAction: ({ valibotAction }) => {
    const meta = valibotAction.type === "metadata" ? (valibotAction as unknown as { metadata: { doc?: Json } }).metadata : undefined;
    return meta?.doc ? { ...meta.doc } : undefined;
  },
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
};

function isSchema(s: unknown): s is GenericSchema {
  return typeof s === "object" && s !== null && (s as { kind?: unknown }).kind === "schema";
}

/** valibot → JSON Schema, with named schemas as $refs; the empty `required: []` the converter leaves is dropped. */
function converter() {
  const defs = Object.fromEntries(components);
  const tidy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(tidy);
    if (typeof node !== "object" || node === null) return node;
    const out: Json = {};
    for (const [k, val] of Object.entries(node)) {
      if (k === "required" && Array.isArray(val) && val.length === 0) continue;
      out[k] = tidy(val);
    }
    return out;
  };
  const componentSchemas = tidy(toJsonSchemaDefs(defs, config)) as Record<string, Json>;
  const refs = new Map([...components].map(([name, s]) => [s, name]));
  const convert = (s: GenericSchema | Json): Json => {
    if (!isSchema(s)) return s;
    const name = refs.get(s);
    if (name) return { $ref: `#/components/schemas/${name}` };
    // Converted as a one-off definition, so named schemas inside it become references.
    const one = toJsonSchemaDefs({ ...defs, __: s }, config).__ as Json;
    return tidy(one) as Json;
  };
  return { componentSchemas, convert };
}

/** The `parameters` of one part of a request (`query`, `path`, `header`): one per property of its object schema. */
function parameters(where: "query" | "path" | "header", schema: GenericSchema | undefined, convert: (s: GenericSchema) => Json) {
  if (!schema) return [];
  const entries = (schema as unknown as { entries: Record<string, GenericSchema> }).entries;
  return Object.entries(entries).map(([name, entry]) => {
    const optional = entry.type === "optional";
    const s = convert(entry);
    return { name, in: where, required: where === "path" || !optional, ...(s.description ? { description: s.description } : {}), schema: s };
  });
}

function content(c: Content, convert: (s: GenericSchema | Json) => Json) {
  return Object.fromEntries(
    Object.entries(c).map(([type, { schema, example }]) => [type, { schema: convert(schema), ...(example !== undefined ? { example } : {}) }]),
  );
}

/** The whole document, built once (the worker adds `servers` when it serves it). */
let built: { paths: Json; components: Json } | null = null;

export function openApiDocument(info: Json): Json {
  if (!built) {
    const { componentSchemas, convert } = converter();
    const paths: Record<string, Json> = {};
    for (const r of routes) {
      const op: Json = {
        operationId: r.operationId,
        summary: r.summary,
        ...(r.description ? { description: r.description } : {}),
        security: r.security,
      };
      const params = [
        ...parameters("path", r.request?.params, convert),
        ...parameters("query", r.request?.query, convert),
        ...parameters("header", r.request?.headers, convert),
      ];
      if (params.length) op.parameters = params;
      if (r.request?.body) op.requestBody = { required: r.request.body.required, content: content(r.request.body.content, convert) };
      op.responses = Object.fromEntries(
        Object.entries(r.responses).map(([status, res]) => [
          status,
          {
            description: res!.description,
            ...(res!.headers ? { headers: res!.headers } : {}),
            ...(res!.content ? { content: content(res!.content, convert) } : {}),
          },
        ]),
      );
      (paths[r.path] ??= {})[r.method] = op;
    }
    built = { paths, components: { securitySchemes, schemas: componentSchemas } };
  }
  return { openapi: "3.1.0", info, components: built.components, paths: built.paths };
}
