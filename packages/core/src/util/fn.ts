import type { z, ZodTypeAny } from "zod";
import { fromZod } from "../error";

/**
 * A domain function that declares its input schema once. Calling it validates the input
 * (throwing a field-level ValidationError); routes reuse `.schema` for docs.
 */
export function fn<Schema extends ZodTypeAny, Result>(
  schema: Schema,
  cb: (input: z.output<Schema>) => Result,
): ((input: z.input<Schema>) => Result) & { schema: Schema } {
  const result = (input: z.input<Schema>) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw fromZod(parsed.error);
    return cb(parsed.data);
  };
  result.schema = schema;
  return result;
}
