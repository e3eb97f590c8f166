import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { EntityConfiguration } from "electrodb";
import { Table } from "sst/node/table";

/**
 * The one table. Locally the SDK reaches dynalite through AWS_ENDPOINT_URL_DYNAMODB,
 * which the local runtime sets; the code is the same on AWS.
 */
export const Client = new DynamoDBClient({});

export const Configuration: EntityConfiguration = {
  table: Table.table.tableName,
  client: Client,
};

/** Every entity belongs to the same ElectroDB service name, so key prefixes never collide. */
export const service = "aftersales";
