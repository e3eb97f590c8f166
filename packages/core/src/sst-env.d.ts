// The resources bound to our functions (see docs/runtime-config.md). `sst build` would generate
// these under .sst/types, but it needs AWS; this hand-kept copy keeps types working offline.
import "sst/node/config";
import "sst/node/table";
import "sst/node/bucket";

declare module "sst/node/config" {
  export interface ConfigTypes {
    APP: string;
    STAGE: string;
  }
  export interface ParameterResources {
    RUNTIME_MODE: { value: string };
    BUILD_VERSION: { value: string };
    EMAIL_SENDER: { value: string };
    EMAIL_CONFIGURATION_SET: { value: string };
    SITE_URL: { value: string };
    SCHEDULE_GROUP: { value: string };
    TIMER_FUNCTION_ARN: { value: string };
    SCHEDULER_ROLE_ARN: { value: string };
    TIMER_DLQ_ARN: { value: string };
    LOCAL_MAILBOX_URL: { value: string };
  }
  export interface SecretResources {
    SESSION_SECRET: { value: string };
  }
}
declare module "sst/node/table" {
  export interface TableResources {
    table: { tableName: string };
  }
}
declare module "sst/node/bucket" {
  export interface BucketResources {
    attachments: { bucketName: string };
  }
}
