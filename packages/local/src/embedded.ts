import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, type CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from "@aws-sdk/client-s3";
import dynalite from "dynalite";
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import S3rver from "s3rver";
import { tableDefinition } from "../../core/src/table";

/**
 * The embedded stand-ins that speak the AWS APIs: dynalite (DynamoDB), aws-ses-v2-local (SES v2)
 * and s3rver (S3). Used by `npm start` (persisted under .data/) and by the tests (in memory).
 */
export type Embedded = {
  endpoints: { dynamo: string; ses: string; s3: string };
  tableName: string;
  bucketName: string;
  stop(): Promise<void>;
};

const HOST = "127.0.0.1";
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export function createTableInput(tableName: string): CreateTableCommandInput {
  const def = tableDefinition;
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.entries(def.fields).map(([AttributeName]) => ({ AttributeName, AttributeType: "S" as const })),
    KeySchema: [
      { AttributeName: def.primaryIndex.partitionKey, KeyType: "HASH" },
      { AttributeName: def.primaryIndex.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(def.globalIndexes).map(([IndexName, index]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" as const },
        { AttributeName: index.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: { close(cb: (err?: Error) => void): unknown }): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startEmbedded(options: {
  /** Directory to persist data in; omitted = in memory (tests). */
  dataDir?: string;
  ports?: { dynamo?: number; ses?: number; s3?: number };
  tableName?: string;
  bucketName?: string;
  /** Origins allowed to upload to the bucket from a browser. */
  corsOrigins?: string[];
}): Promise<Embedded> {
  const tableName = options.tableName ?? "aftersales-local";
  const bucketName = options.bucketName ?? "attachments";

  if (options.dataDir) mkdirSync(`${options.dataDir}/dynamo`, { recursive: true });
  const dynamo = dynalite({ path: options.dataDir ? `${options.dataDir}/dynamo` : undefined, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const dynamoPort = await listen(dynamo, options.ports?.dynamo ?? 0);

  const sesModule: any = await import("aws-ses-v2-local");
  const startSes = sesModule.default?.default ?? sesModule.default ?? sesModule;
  const ses: Server = await startSes({ host: HOST, port: options.ports?.ses ?? 0 });
  const sesPort = (ses.address() as AddressInfo).port;

  const s3Dir = options.dataDir ? `${options.dataDir}/s3` : `${process.env.TMPDIR ?? "/tmp"}/aftersales-s3-${process.pid}-${Date.now()}`;
  mkdirSync(s3Dir, { recursive: true });
  const s3rver = new S3rver({ port: options.ports?.s3 ?? 0, address: HOST, directory: s3Dir, silent: true });
  const s3Address = (await s3rver.run()) as AddressInfo;

  const endpoints = {
    dynamo: `http://${HOST}:${dynamoPort}`,
    ses: `http://${HOST}:${sesPort}`,
    s3: `http://${HOST}:${s3Address.port}`,
  };

  const ddb = new DynamoDBClient({ endpoint: endpoints.dynamo, region: "ap-southeast-1", credentials });
  try {
    await ddb.send(new DescribeTableCommand({ TableName: tableName }));
  } catch {
    await ddb.send(new CreateTableCommand(createTableInput(tableName)));
  }
  ddb.destroy();

  const s3 = new S3Client({ endpoint: endpoints.s3, region: "ap-southeast-1", credentials, forcePathStyle: true });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
  } catch (err) {
    if (!/BucketAlready/.test((err as Error).name)) throw err;
  }
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucketName,
      CORSConfiguration: {
        CORSRules: [
          { AllowedOrigins: options.corsOrigins ?? ["*"], AllowedMethods: ["PUT", "GET", "HEAD"], AllowedHeaders: ["*"], MaxAgeSeconds: 3000 },
        ],
      },
    }),
  );
  s3.destroy();

  return {
    endpoints,
    tableName,
    bucketName,
    async stop() {
      await Promise.all([close(dynamo), close(ses), s3rver.close()]);
    },
  };
}

/**
 * The variables SST `bind` would set on AWS, plus the SDK endpoint overrides that point the
 * same code at the stand-ins. See docs/runtime-config.md.
 */
export function localEnvironment(embedded: Embedded, options: { siteURL: string; sessionSecret: string; mailboxURL?: string; version?: string }) {
  return {
    SST_APP: "aftersales",
    SST_STAGE: "local",
    SST_REGION: "ap-southeast-1",
    AWS_REGION: "ap-southeast-1",
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: embedded.endpoints.dynamo,
    AWS_ENDPOINT_URL_SESV2: embedded.endpoints.ses,
    AWS_ENDPOINT_URL_S3: embedded.endpoints.s3,
    SST_Table_tableName_table: embedded.tableName,
    SST_Bucket_bucketName_attachments: embedded.bucketName,
    SST_Secret_value_SESSION_SECRET: options.sessionSecret,
    SST_Parameter_value_RUNTIME_MODE: "local",
    SST_Parameter_value_BUILD_VERSION: options.version ?? "dev",
    SST_Parameter_value_EMAIL_SENDER: "noreply@aftersales.local",
    SST_Parameter_value_EMAIL_CONFIGURATION_SET: "",
    SST_Parameter_value_SITE_URL: options.siteURL,
    SST_Parameter_value_SCHEDULE_GROUP: "",
    SST_Parameter_value_TIMER_FUNCTION_ARN: "",
    SST_Parameter_value_SCHEDULER_ROLE_ARN: "",
    SST_Parameter_value_TIMER_DLQ_ARN: "",
    SST_Parameter_value_LOCAL_MAILBOX_URL: options.mailboxURL ?? embedded.endpoints.ses + "/",
  } satisfies Record<string, string>;
}
