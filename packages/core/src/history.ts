import * as Actor from "./actor";
import * as Clock from "./clock";

/**
 * Each aggregate keeps its own history (who, what, when) on its item: that list is the
 * aggregate's audit trail (ISO 9001 asks for it), written in the same conditional update
 * as the change it records.
 */
export type Entry = {
  at: string;
  by: { type: string; id?: string; name?: string };
  action: string;
  details?: Record<string, unknown>;
};

export function entry(action: string, details?: Record<string, unknown>): Entry {
  return {
    at: Clock.nowISO(),
    by: Actor.describe(),
    action,
    ...(details ? { details: JSON.parse(JSON.stringify(details)) } : {}),
  };
}

/** ElectroDB attribute definition shared by every aggregate's entity. */
export const attribute = {
  type: "list",
  required: true,
  default: () => [],
  items: {
    type: "map",
    properties: {
      at: { type: "string", required: true },
      by: {
        type: "map",
        required: true,
        properties: { type: { type: "string", required: true }, id: { type: "string" }, name: { type: "string" } },
      },
      action: { type: "string", required: true },
      details: { type: "any" },
    },
  },
} as const;
