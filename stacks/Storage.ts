import { RemovalPolicy } from "aws-cdk-lib";
import { BillingMode } from "aws-cdk-lib/aws-dynamodb";
import { BlockPublicAccess, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { Bucket, Table, type StackContext, type TableGlobalIndexProps } from "sst/constructs";
import { tableDefinition } from "../packages/core/src/table";
import { isProd, stageParams } from "./params";

export function Storage({ stack, app }: StackContext) {
  const prod = isProd(app.stage);
  const { siteUrl } = stageParams(app.stage);
  // Prod data outlives the stack; other stages are disposable (sst.config.ts also sets
  // "destroy" as their default removal policy).
  const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

  // Keys and indexes come from the one definition the local runtime also creates its table from.
  const globalIndexes: Record<string, TableGlobalIndexProps> = {};
  for (const [name, index] of Object.entries(tableDefinition.globalIndexes)) {
    globalIndexes[name] = { partitionKey: index.partitionKey, sortKey: index.sortKey };
  }
  const table = new Table(stack, "table", {
    fields: { ...tableDefinition.fields },
    primaryIndex: { ...tableDefinition.primaryIndex },
    globalIndexes,
    timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
    cdk: {
      table: {
        billingMode: BillingMode.PAY_PER_REQUEST,
        // SST sets the deprecated `pointInTimeRecovery` flag; CDK refuses both at once.
        pointInTimeRecovery: undefined,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: prod,
        removalPolicy,
      },
    },
  });

  // Photos, signatures, receipts and stamped forms, uploaded by the browser with presigned PUTs.
  const bucket = new Bucket(stack, "attachments", {
    blockPublicACLs: true,
    cors: [
      {
        allowedMethods: ["PUT", "GET", "HEAD"],
        allowedOrigins: [siteUrl],
        // Presigned PUTs carry signed headers (content-type, x-amz-checksum-*...); the origin is the boundary.
        allowedHeaders: ["*"],
        exposedHeaders: ["ETag"],
        maxAge: "1 hour",
      },
    ],
    cdk: {
      bucket: {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        removalPolicy,
      },
    },
  });

  return { table, bucket };
}
