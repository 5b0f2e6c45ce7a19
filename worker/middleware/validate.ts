/**
 * Request validation with the schemas the description is made from (routes/schemas.ts, api-doc/kit.ts):
 * a failure is the contract's 400 with the first problem's message, before any handler, so before any
 * upstream call.
 */
import { safeParse, type GenericSchema, type InferOutput } from "valibot";
import { validator } from "hono/validator";
import { ApiError } from "../core/errors";

/** The first problem only: one clear sentence is what a caller can act on. */
export function check<S extends GenericSchema>(schema: S, input: unknown, fallback = "Bad request"): InferOutput<S> {
  const r = safeParse(schema, input, { abortEarly: true });
  if (!r.success) throw new ApiError("bad_request", r.issues[0]?.message ?? fallback);
  return r.output;
}

export const validQuery = <S extends GenericSchema>(schema: S) => validator("query", (value) => check(schema, value));
export const validParams = <S extends GenericSchema>(schema: S) => validator("param", (value) => check(schema, value));
