import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { randomBytes } from "node:crypto";
import { createTableInput } from "../packages/local/src/embedded";

/**
 * Each test file gets a table of its own in the shared dynalite. Test files run in separate
 * processes, each with its own business clock; with one shared table a file that moved its clock
 * three days ahead would sweep and fire another file's timers early. The SES mailbox stays shared:
 * tests read it by their own fresh addresses.
 */
const tableName = `t-${randomBytes(6).toString("hex")}`;
const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
await client.send(new CreateTableCommand(createTableInput(tableName)));
client.destroy();
process.env.SST_Table_tableName_table = tableName;
