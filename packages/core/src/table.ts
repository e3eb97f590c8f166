/**
 * The one table's keys and indexes. Both the SST Storage stack and the local runtime
 * (dynalite CreateTable) are built from this definition, so they cannot drift apart.
 * Physical index names are generic; ElectroDB entities give them access-pattern names
 * (byDue, byEmail, byCustomer...).
 */
export const tableDefinition = {
  fields: {
    pk: "string",
    sk: "string",
    gsi1pk: "string",
    gsi1sk: "string",
    gsi2pk: "string",
    gsi2sk: "string",
    gsi3pk: "string",
    gsi3sk: "string",
  },
  primaryIndex: { partitionKey: "pk", sortKey: "sk" },
  globalIndexes: {
    gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    gsi3: { partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  },
  /** Epoch seconds; items such as sign-in codes and rate-limit windows expire on their own. */
  timeToLiveAttribute: "expireAt",
} as const;

export type TableDefinition = typeof tableDefinition;
