import { ArnFormat, Duration, TimeZone } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  Schedule,
  ScheduleExpression,
  ScheduleGroup,
  ScheduleTargetInput,
  TimeWindow,
} from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Config, Function, use, type StackContext } from "sst/constructs";
import { Email } from "./Email";
import { stageParams } from "./params";
import { Secrets } from "./Secrets";
import { Storage } from "./Storage";

/** Business time: every schedule (recurring here, one-time ones created by the code) uses it. */
export const SCHEDULE_TIMEZONE = TimeZone.ASIA_SHANGHAI;

/**
 * Durable timers. Each Timer item also gets a one-time EventBridge schedule, created at run
 * time (by the API or by the timer function itself) in this stack's group, which invokes the
 * timer function through the scheduler role. A sweep every 5 minutes catches any missed one;
 * a daily planner creates recurring work.
 */
export function Timers({ stack, app }: StackContext) {
  const { table, bucket } = use(Storage);
  const { sessionSecret } = use(Secrets);
  const email = use(Email);
  const params = stageParams(app.stage);

  const scheduleGroupName = app.logicalPrefixedName("timers");
  const scheduleGroup = new ScheduleGroup(stack, "ScheduleGroup", { scheduleGroupName });

  const deadLetterQueue = new Queue(stack, "TimerDeadLetterQueue", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });

  // The timer function creates follow-up schedules that target itself, so it needs its own ARN
  // in its configuration. A fixed name lets us write that ARN down without referencing the
  // function (which would be a circular reference).
  const timerFunctionName = app.logicalPrefixedName("timer");
  const timerFunctionArn = stack.formatArn({
    service: "lambda",
    resource: "function",
    resourceName: timerFunctionName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

  // Only EventBridge Scheduler, acting for a schedule of this account in our group, may assume it.
  const schedulerRole = new Role(stack, "SchedulerRole", {
    description: "EventBridge Scheduler: invoke the timer function, dead-letter to the timer DLQ",
    assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
      conditions: {
        StringEquals: {
          "aws:SourceAccount": stack.account,
          "aws:SourceArn": scheduleGroup.scheduleGroupArn,
        },
      },
    }),
  });

  const parameters = {
    RUNTIME_MODE: new Config.Parameter(stack, "RUNTIME_MODE", { value: "aws" }),
    BUILD_VERSION: new Config.Parameter(stack, "BUILD_VERSION", { value: params.buildVersion }),
    SITE_URL: new Config.Parameter(stack, "SITE_URL", { value: params.siteUrl }),
    SCHEDULE_GROUP: new Config.Parameter(stack, "SCHEDULE_GROUP", { value: scheduleGroup.scheduleGroupName }),
    TIMER_FUNCTION_ARN: new Config.Parameter(stack, "TIMER_FUNCTION_ARN", { value: timerFunctionArn }),
    SCHEDULER_ROLE_ARN: new Config.Parameter(stack, "SCHEDULER_ROLE_ARN", { value: schedulerRole.roleArn }),
    TIMER_DLQ_ARN: new Config.Parameter(stack, "TIMER_DLQ_ARN", { value: deadLetterQueue.queueArn }),
  };

  /** Everything the runtime (API and timer function alike) reads through `sst/node/*`. */
  const bind = [
    table,
    bucket,
    sessionSecret,
    email.EMAIL_SENDER,
    email.EMAIL_CONFIGURATION_SET,
    ...Object.values(parameters),
  ];

  /**
   * What the runtime may do beyond its bindings: manage one-time schedules in our group only,
   * hand them the scheduler role (and only to Scheduler), and send mail as EMAIL_SENDER.
   * A factory: each function's policy gets its own statement objects.
   */
  const runtimePermissions = () => [
    new PolicyStatement({
      actions: ["scheduler:CreateSchedule", "scheduler:DeleteSchedule", "scheduler:GetSchedule"],
      resources: [
        stack.formatArn({ service: "scheduler", resource: "schedule", resourceName: `${scheduleGroupName}/*` }),
      ],
    }),
    new PolicyStatement({
      actions: ["iam:PassRole"],
      resources: [schedulerRole.roleArn],
      conditions: { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } },
    }),
    ...email.sendPermissions(),
  ];

  const timerFunction = new Function(stack, "timer", {
    handler: "packages/functions/src/timer.handler",
    functionName: timerFunctionName,
    description: "Fires due timers (one-time schedules), the 5-minute sweep and the daily planner",
    timeout: "60 seconds",
    bind,
    permissions: runtimePermissions(),
  });

  // The scheduler role gets exactly lambda:InvokeFunction on the timer function (and its
  // versions/aliases) from LambdaInvoke, and sqs:SendMessage on the DLQ from deadLetterQueue.
  const invokeTimer = (input: Record<string, unknown>, retry: { maxEventAge: Duration; retryAttempts: number }) =>
    new LambdaInvoke(timerFunction, {
      role: schedulerRole,
      deadLetterQueue,
      input: ScheduleTargetInput.fromObject(input),
      ...retry,
    });

  const sweepSchedule = new Schedule(stack, "SweepSchedule", {
    scheduleGroup,
    description: "Fire any due timer whose one-time schedule was missed",
    schedule: ScheduleExpression.expression("rate(5 minutes)", SCHEDULE_TIMEZONE),
    timeWindow: TimeWindow.off(),
    // A late sweep is worthless once the next one has run.
    target: invokeTimer({ sweep: true }, { maxEventAge: Duration.minutes(5), retryAttempts: 2 }),
  });

  const plannerSchedule = new Schedule(stack, "PlannerSchedule", {
    scheduleGroup,
    description: "Daily planner: quarterly plans, pre-holiday visits, certificate expiry (idempotent)",
    schedule: ScheduleExpression.cron({ minute: "0", hour: "2", timeZone: SCHEDULE_TIMEZONE }),
    timeWindow: TimeWindow.off(),
    target: invokeTimer({ planner: true }, { maxEventAge: Duration.hours(6), retryAttempts: 10 }),
  });

  return {
    scheduleGroup,
    deadLetterQueue,
    schedulerRole,
    timerFunction,
    sweepSchedule,
    plannerSchedule,
    parameters,
    bind,
    runtimePermissions,
  };
}
