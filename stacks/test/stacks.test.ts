/**
 * CDK assertions on the synthesized templates of the real app (sst.config.ts), offline.
 * One file on purpose: SST keeps the project and the current app in module state, so the apps
 * (stage "test", the site build, stage "prod") are synthesized one after the other here.
 */
import { Match, Template } from "aws-cdk-lib/assertions";
import { CachePolicy, OriginRequestPolicy } from "aws-cdk-lib/aws-cloudfront";
import { beforeAll, describe, expect, it } from "vitest";
import { tableDefinition } from "../../packages/core/src/table";
import {
  actions,
  functionStatements,
  evaluate,
  joined,
  only,
  resourceList,
  resources,
  roleStatements,
  sstFunctions,
  type Resource,
  type Statement,
} from "./helpers";
import { synth, TEST_ACCOUNT, TEST_REGION as REGION, type Templates } from "./synth";

const SYNTH_TIMEOUT = 300_000;
const GROUP = "test-aftersales-timers";
const TIMER_FUNCTION_NAME = "test-aftersales-timer";

/** The variables runtime code reads (docs/runtime-config.md), as SST bind sets them. */
const RUNTIME_BINDINGS = [
  "SST_Table_tableName_table",
  "SST_Bucket_bucketName_attachments",
  "SST_Secret_value_SESSION_SECRET",
  ...[
    "RUNTIME_MODE",
    "BUILD_VERSION",
    "EMAIL_SENDER",
    "EMAIL_CONFIGURATION_SET",
    "SITE_URL",
    "SCHEDULE_GROUP",
    "TIMER_FUNCTION_ARN",
    "SCHEDULER_ROLE_ARN",
    "TIMER_DLQ_ARN",
  ].map((name) => `SST_Parameter_value_${name}`),
];

function expectedKeySchema(index: { partitionKey: string; sortKey: string }) {
  return [
    { AttributeName: index.partitionKey, KeyType: "HASH" },
    { AttributeName: index.sortKey, KeyType: "RANGE" },
  ];
}

describe("stage test", () => {
  let t: Templates;
  beforeAll(async () => {
    // Web is synthesized separately (below) so a broken web/ build fails only the Web tests.
    t = await synth({ stage: "test", activeStacks: ["Secrets", "Storage", "Email", "Timers", "Api"] });
  }, SYNTH_TIMEOUT);

  const timerFunctionId = () => only(sstFunctions(t.Timers), "timer function")[0];
  const timerFunction = () => only(sstFunctions(t.Timers), "timer function")[1];
  const apiFunction = () => only(sstFunctions(t.Api), "api function")[1];
  const logicalId = (template: Template, type: string) => only(resources(template, type), type)[0];

  describe("Storage", () => {
    it("builds the one table from tableDefinition: keys, three GSIs, on-demand, TTL, PITR", () => {
      const globalIndexes = Object.entries(tableDefinition.globalIndexes);
      expect(globalIndexes).toHaveLength(3);
      t.Storage.resourceCountIs("AWS::DynamoDB::Table", 1);
      t.Storage.hasResourceProperties("AWS::DynamoDB::Table", {
        KeySchema: expectedKeySchema(tableDefinition.primaryIndex),
        AttributeDefinitions: Match.arrayEquals(
          Object.keys(tableDefinition.fields).map((name) => ({ AttributeName: name, AttributeType: "S" })),
        ),
        GlobalSecondaryIndexes: Match.arrayEquals(
          globalIndexes.map(([name, index]) => ({
            IndexName: name,
            KeySchema: expectedKeySchema(index),
            Projection: { ProjectionType: "ALL" },
          })),
        ),
        BillingMode: "PAY_PER_REQUEST",
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: false,
      });
    });

    it("makes non-prod data disposable", () => {
      t.Storage.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Delete" });
      t.Storage.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Delete" });
    });

    it("keeps the attachments bucket private, encrypted, TLS-only, CORS for the site origin only", () => {
      t.Storage.resourceCountIs("AWS::S3::Bucket", 1);
      t.Storage.hasResourceProperties("AWS::S3::Bucket", {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
        },
        CorsConfiguration: {
          CorsRules: [
            Match.objectLike({
              AllowedMethods: Match.arrayEquals(["PUT", "GET", "HEAD"]),
              // SITE_URL's non-prod default (stacks/params.ts)
              AllowedOrigins: ["https://example.invalid"],
            }),
          ],
        },
      });
      t.Storage.hasResourceProperties("AWS::S3::BucketPolicy", {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: "Deny",
              Action: "s3:*",
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            }),
          ]),
        },
      });
    });
  });

  describe("Email", () => {
    it("creates a configuration set that suppresses bounces and complaints", () => {
      t.Email.hasResourceProperties("AWS::SES::ConfigurationSet", {
        Name: "test-aftersales-email",
        SuppressionOptions: { SuppressedReasons: Match.arrayEquals(["BOUNCE", "COMPLAINT"]) },
      });
    });
  });

  describe("Timers", () => {
    it("creates the schedule group and an encrypted dead-letter queue", () => {
      t.Timers.hasResourceProperties("AWS::Scheduler::ScheduleGroup", { Name: GROUP });
      t.Timers.resourceCountIs("AWS::SQS::Queue", 1);
      t.Timers.hasResourceProperties("AWS::SQS::Queue", { SqsManagedSseEnabled: true });
    });

    it.each([
      ["sweep", "rate(5 minutes)", { sweep: true }],
      ["planner", "cron(0 2 * * ? *)", { planner: true }],
    ])("schedules the %s in Asia/Shanghai, in the group, with retries and the DLQ", (_, expression, input) => {
      t.Timers.hasResourceProperties("AWS::Scheduler::Schedule", {
        GroupName: GROUP,
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: "Asia/Shanghai",
        State: "ENABLED",
        Target: {
          Arn: { "Fn::GetAtt": [timerFunctionId(), "Arn"] },
          RoleArn: { "Fn::GetAtt": [schedulerRoleId(), "Arn"] },
          Input: JSON.stringify(input),
          DeadLetterConfig: { Arn: { "Fn::GetAtt": [logicalId(t.Timers, "AWS::SQS::Queue"), "Arn"] } },
          RetryPolicy: {
            MaximumEventAgeInSeconds: Match.anyValue(),
            MaximumRetryAttempts: Match.anyValue(),
          },
        },
      });
    });

    it("has exactly those two recurring schedules", () => {
      t.Timers.resourceCountIs("AWS::Scheduler::Schedule", 2);
    });

    /** The role that schedules run as: the one scheduler.amazonaws.com may assume. */
    function schedulerRoleId(): string {
      return only(
        resources(t.Timers, "AWS::IAM::Role").filter(([, role]) =>
          JSON.stringify(role.Properties?.AssumeRolePolicyDocument).includes("scheduler.amazonaws.com"),
        ),
        "scheduler role",
      )[0];
    }

    it("lets only EventBridge Scheduler of this account and group assume the scheduler role", () => {
      const role = t.Timers.findResources("AWS::IAM::Role")[schedulerRoleId()] as Resource;
      expect(role.Properties!.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { Service: "scheduler.amazonaws.com" },
          Condition: {
            StringEquals: {
              "aws:SourceAccount": TEST_ACCOUNT,
              "aws:SourceArn": { "Fn::GetAtt": [logicalId(t.Timers, "AWS::Scheduler::ScheduleGroup"), "Arn"] },
            },
          },
        },
      ]);
      expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties!.Policies).toBeUndefined();
    });

    it("allows the scheduler role only to invoke the timer function and to dead-letter", () => {
      const timerArn = { "Fn::GetAtt": [timerFunctionId(), "Arn"] };
      expect(roleStatements(t.Timers, schedulerRoleId())).toEqual([
        {
          Effect: "Allow",
          Action: "lambda:InvokeFunction",
          Resource: [timerArn, { "Fn::Join": ["", [timerArn, ":*"]] }],
        },
        {
          Effect: "Allow",
          Action: "sqs:SendMessage",
          Resource: { "Fn::GetAtt": [logicalId(t.Timers, "AWS::SQS::Queue"), "Arn"] },
        },
      ]);
    });

    it("names the timer function so its own ARN is configured without referencing it", () => {
      const fn = timerFunction();
      expect(fn.Properties!.FunctionName).toBe(TIMER_FUNCTION_NAME);
      const arn = joined(fn.Properties!.Environment.Variables.SST_Parameter_value_TIMER_FUNCTION_ARN);
      expect(arn).toMatch(
        new RegExp(`^arn:\\$\\{.*AWS::Partition.*\\}:lambda:${REGION}:${TEST_ACCOUNT}:function:${TIMER_FUNCTION_NAME}$`),
      );
    });
  });

  describe("Api", () => {
    it("routes /api/* of one HTTP API to one function, without CORS (same origin)", () => {
      const [fnId] = only(sstFunctions(t.Api), "api function");
      t.Api.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
      t.Api.hasResourceProperties("AWS::ApiGatewayV2::Api", {
        ProtocolType: "HTTP",
        CorsConfiguration: Match.absent(),
      });
      const routes = resources(t.Api, "AWS::ApiGatewayV2::Route");
      expect(routes.map(([, r]) => r.Properties!.RouteKey)).toEqual(["ANY /api/{proxy+}"]);
      const [integrationId, integration] = only(resources(t.Api, "AWS::ApiGatewayV2::Integration"), "integration");
      expect(integration.Properties!.IntegrationUri).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
      expect(JSON.stringify(routes[0]![1].Properties!.Target)).toContain(integrationId);
      expect(apiFunction().Properties!.Handler).toBe("packages/functions/src/api.handler");
    });

    it("outputs the API URL", () => {
      t.Api.hasOutput("ApiUrl", Match.anyValue());
    });

    it("lets the API manage schedules in the group only and pass the scheduler role only to Scheduler", () => {
      const statements = functionStatements(t.Api, apiFunction());
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: "Allow",
            Action: ["scheduler:CreateSchedule", "scheduler:DeleteSchedule", "scheduler:GetSchedule"],
          }),
          expect.objectContaining({
            Effect: "Allow",
            Action: "iam:PassRole",
            Condition: { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } },
          }),
        ]),
      );
      const scheduler = statements.find((s) => actions(s).includes("scheduler:CreateSchedule"))!;
      expect(resourceList(scheduler).map(joined)).toEqual([
        `arn:\${{"Ref":"AWS::Partition"}}:scheduler:${REGION}:${TEST_ACCOUNT}:schedule/${GROUP}/*`,
      ]);
      const passRole = statements.find((s) => actions(s).includes("iam:PassRole"))!;
      // the scheduler role's ARN, exported by the Timers stack
      expect(JSON.stringify(passRole.Resource)).toMatch(/"Fn::ImportValue":"test-aftersales-Timers:.*SchedulerRole/);
    });
  });

  describe("both runtime functions (API and timer)", () => {
    const both = () => [
      ["api", t.Api, apiFunction()],
      ["timer", t.Timers, timerFunction()],
    ] as const;

    it("run on nodejs22.x arm64, as does every function of ours", () => {
      const ours = Object.values(t).flatMap((template) => sstFunctions(template));
      expect(ours).toHaveLength(2);
      for (const [id, fn] of ours) {
        expect({ id, runtime: fn.Properties!.Runtime, arch: fn.Properties!.Architectures }).toEqual({
          id,
          runtime: "nodejs22.x",
          arch: ["arm64"],
        });
      }
      // Anything else is an SST/CDK deploy-time helper (custom resources), not application code.
      const helpers = Object.values(t)
        .flatMap((template) => resources(template, "AWS::Lambda::Function"))
        .filter(([, fn]) => fn.Properties?.Environment?.Variables?.SST_APP === undefined)
        .map(([id]) => id);
      for (const id of helpers) {
        expect(id).toMatch(/^(CustomResourceHandler|CustomS3AutoDeleteObjectsCustomResourceProvider)/);
      }
    });

    it("are bound to the table, bucket, SESSION_SECRET and every runtime parameter", () => {
      for (const [name, , fn] of both()) {
        const vars = fn.Properties!.Environment.Variables as Record<string, unknown>;
        expect({ name, missing: RUNTIME_BINDINGS.filter((key) => !(key in vars)) }).toEqual({ name, missing: [] });
        expect(vars.SST_Secret_value_SESSION_SECRET).toBe("__FETCH_FROM_SSM__");
        expect(vars.SST_Parameter_value_RUNTIME_MODE).toBe("aws");
        expect(vars.SST_Parameter_value_SITE_URL).toBe("https://example.invalid");
        expect(vars.SST_Parameter_value_SCHEDULE_GROUP).toBe(GROUP);
      }
    });

    it("may read SESSION_SECRET from SSM", () => {
      for (const [, template, fn] of both()) {
        const ssm = functionStatements(template, fn).filter((s) => actions(s).includes("ssm:GetParameters"));
        expect(ssm.flatMap(resourceList).map(joined)).toEqual(
          expect.arrayContaining([expect.stringContaining(":parameter/sst/aftersales/test/Secret/SESSION_SECRET/value")]),
        );
      }
    });

    it("may send mail only as EMAIL_SENDER through the configuration set", () => {
      for (const [, template, fn] of both()) {
        const ses = only(
          functionStatements(template, fn).filter((s) => actions(s).some((a) => a.startsWith("ses:"))),
          "ses statement",
        );
        expect(actions(ses)).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
        expect(ses.Condition).toEqual({ StringEquals: { "ses:FromAddress": "noreply@example.com" } });
        const arns = resourceList(ses).map(joined);
        expect(arns).toHaveLength(3);
        expect(arns[0]).toMatch(new RegExp(`:ses:${REGION}:${TEST_ACCOUNT}:identity/noreply@example\\.com$`));
        expect(arns[1]).toMatch(new RegExp(`:ses:${REGION}:${TEST_ACCOUNT}:identity/example\\.com$`));
        expect(arns[2]).toMatch(/:configuration-set\/\$\{.*ConfigurationSet.*\}$/);
      }
    });

    it("have the same scheduler, PassRole and SES permissions", () => {
      const granted = (template: Template, fn: Resource) =>
        functionStatements(template, fn)
          .filter((s) => actions(s).some((a) => /^(scheduler|iam|ses):/.test(a)))
          .map((s) => ({
            Action: s.Action,
            Condition: s.Condition,
            // the role is local to Timers and imported by Api: compare what it is, not how it is referenced
            Resource: resourceList(s)
              .map(joined)
              .map((r) => (r.includes("SchedulerRole") ? "<scheduler role ARN>" : r)),
          }));
      expect(granted(t.Api, apiFunction())).toEqual(granted(t.Timers, timerFunction()));
      expect(granted(t.Api, apiFunction())).toHaveLength(3);
    });

    it("get no wildcard actions beyond SST's table and bucket bindings, and no unscoped resources", () => {
      for (const [name, template, fn] of both()) {
        for (const s of functionStatements(template, fn) as Statement[]) {
          const wildcard = actions(s).filter((a) => a.includes("*"));
          expect({ name, wildcard }).toEqual({
            name,
            wildcard: wildcard.filter((a) => a === "dynamodb:*" || a === "s3:*"),
          });
          if (wildcard.length) expect(resourceList(s)).not.toContain("*");
          // X-Ray tracing is the only action granted on every resource.
          if (resourceList(s).includes("*")) {
            expect(actions(s)).toEqual(["xray:PutTraceSegments", "xray:PutTelemetryRecords"]);
          }
        }
      }
    });
  });
});

describe("stage test: Web (builds web/)", () => {
  let t: Templates;
  beforeAll(async () => {
    t = await synth({ stage: "test", activeStacks: ["Web"] });
  }, SYNTH_TIMEOUT);

  const distribution = () => only(resources(t.Web, "AWS::CloudFront::Distribution"), "distribution")[1];

  it("uploads the built site", () => {
    t.Web.resourceCountIs("Custom::S3Uploader", 1);
  });

  it("forwards /api/* to the HTTP API, uncached, over HTTPS, with every viewer header but Host", () => {
    const config = distribution().Properties!.DistributionConfig;
    const api = only(
      (config.CacheBehaviors as any[]).filter((b) => b.PathPattern === "/api/*"),
      "/api/* behavior",
    );
    expect(api).toMatchObject({
      AllowedMethods: expect.arrayContaining(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]),
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ViewerProtocolPolicy: "https-only",
    });
    const origin = only(
      (config.Origins as any[]).filter((o) => o.Id === api.TargetOriginId),
      "api origin",
    );
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: "https-only" });
    // the host of the Api stack's endpoint URL, e.g. https://abc123.execute-api.<region>.amazonaws.com
    const endpoint = `https://abc123.execute-api.${REGION}.amazonaws.com`;
    expect(
      evaluate(origin.DomainName, (exportName) => {
        expect(exportName).toMatch(/^test-aftersales-Api:.*ApiEndpoint/);
        return endpoint;
      }),
    ).toBe(`abc123.execute-api.${REGION}.amazonaws.com`);
  });

  it("has no error-page rewriting that would turn API 403/404 JSON into HTML", () => {
    expect(distribution().Properties!.DistributionConfig.CustomErrorResponses).toBeUndefined();
  });

  it("outputs the site URL", () => {
    t.Web.hasOutput("SiteUrl", Match.anyValue());
  });
});

describe("stage prod", () => {
  let t: Templates;
  beforeAll(async () => {
    t = await synth({
      stage: "prod",
      env: {
        SITE_URL: "https://aftersales.example.com/",
        SITE_DOMAIN: undefined,
        EMAIL_SENDER: "Aftersales <noreply@aftersales.example.com>",
        BUILD_VERSION: "1.2.3+abc1234",
      },
      // Resources only: no function bundling and no site build.
      activeStacks: [],
    });
  }, SYNTH_TIMEOUT);

  it("protects and retains the table", () => {
    t.Storage.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it("retains the attachments bucket and never empties it", () => {
    t.Storage.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    t.Storage.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
  });

  it("allows CORS from SITE_URL's origin", () => {
    t.Storage.hasResourceProperties("AWS::S3::Bucket", {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ["https://aftersales.example.com"] })] },
    });
  });

  it("configures the sender, site URL and build version from the deploy environment", () => {
    const vars = only(sstFunctions(t.Api), "api function")[1].Properties!.Environment.Variables;
    expect(vars).toMatchObject({
      SST_Parameter_value_EMAIL_SENDER: "Aftersales <noreply@aftersales.example.com>",
      SST_Parameter_value_SITE_URL: "https://aftersales.example.com",
      SST_Parameter_value_BUILD_VERSION: "1.2.3+abc1234",
    });
  });
});
