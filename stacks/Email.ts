import { Arn } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { ConfigurationSet, SuppressionReasons } from "aws-cdk-lib/aws-ses";
import { Config, type StackContext } from "sst/constructs";
import { stageParams } from "./params";

/**
 * Sending goes through SES v2 with this configuration set. The sender identity (EMAIL_SENDER's
 * address or its domain) is verified outside the stack: identities carry DNS records and
 * outlive any one stage.
 */
export function Email({ stack, app }: StackContext) {
  const { emailSender, emailSenderAddress } = stageParams(app.stage);

  const configurationSet = new ConfigurationSet(stack, "ConfigurationSet", {
    configurationSetName: app.logicalPrefixedName("email"),
    // Stop mailing addresses that bounced or complained: protects the account's reputation.
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    reputationMetrics: true,
  });

  const EMAIL_SENDER = new Config.Parameter(stack, "EMAIL_SENDER", { value: emailSender });
  const EMAIL_CONFIGURATION_SET = new Config.Parameter(stack, "EMAIL_CONFIGURATION_SET", {
    value: configurationSet.configurationSetName,
  });

  const senderDomain = emailSenderAddress.split("@")[1]!;
  const sesArn = (resource: string, resourceName: string) =>
    Arn.format({ service: "ses", resource, resourceName }, stack);

  /**
   * SendEmail is authorized against the sender identity (address or domain, whichever is
   * verified) and the configuration set, and only for our From address. While the account is
   * in the SES sandbox, recipients are identities too and would also need listing here.
   */
  const sendPermissions = () => [
    new PolicyStatement({
      actions: ["ses:SendEmail", "ses:SendRawEmail"],
      resources: [
        sesArn("identity", emailSenderAddress),
        sesArn("identity", senderDomain),
        sesArn("configuration-set", configurationSet.configurationSetName),
      ],
      conditions: { StringEquals: { "ses:FromAddress": emailSenderAddress } },
    }),
  ];

  return { configurationSet, EMAIL_SENDER, EMAIL_CONFIGURATION_SET, sendPermissions };
}
