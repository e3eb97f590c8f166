import { Entity } from "electrodb";
import { Configuration, service } from "../dynamo";

/** Named sequences (ticket numbers BX-2026-000123): an atomic ADD on one item per name. */
const Counter = new Entity(
  {
    model: { entity: "counter", version: "1", service },
    attributes: {
      name: { type: "string", required: true, readOnly: true },
      value: { type: "number" },
    },
    indexes: { byName: { pk: { field: "pk", composite: ["name"] }, sk: { field: "sk", composite: [] } } },
  },
  Configuration,
);

export async function next(name: string): Promise<number> {
  const { data } = await Counter.update({ name }).add({ value: 1 }).go({ response: "all_new" });
  return data.value!;
}

/** "BX-2026" → "BX-2026-000123". */
export async function nextNumber(prefix: string, digits = 6): Promise<string> {
  return `${prefix}-${String(await next(prefix)).padStart(digits, "0")}`;
}
