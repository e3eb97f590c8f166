import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { Entity } from "electrodb";
import { Config } from "sst/node/config";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { isConditionFailed } from "../error";
import { log } from "../log";
import * as Timer from "../timer";
import { templates, type Locale, type TemplateData, type TemplateName } from "./templates";

export type { Locale, TemplateName } from "./templates";

/** Locally the SDK reaches the SES emulator through AWS_ENDPOINT_URL_SESV2. */
const ses = new SESv2Client({});

/**
 * The outbox: one item per idempotency key. A duplicate call (a timer delivered twice, a
 * retried request) finds the key already sent and sends nothing. A crash between claiming
 * and sending leaves a stale "sending" claim that a retry may take over after the lease.
 */
const Outbox = new Entity(
  {
    model: { entity: "outbox", version: "1", service },
    attributes: {
      key: { type: "string", required: true, readOnly: true },
      status: { type: ["sending", "sent"] as const, required: true },
      to: { type: "string", required: true },
      template: { type: "string", required: true },
      subject: { type: "string" },
      messageID: { type: "string" },
      leaseUntil: { type: "string", required: true },
      sentAt: { type: "string" },
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
    },
    indexes: {
      byKey: { pk: { field: "pk", composite: ["key"] }, sk: { field: "sk", composite: [] } },
    },
  },
  Configuration,
);

const LEASE_MS = 2 * 60_000;

export type Message<T extends TemplateName> = {
  to: string;
  template: T;
  data: TemplateData<T>;
  locale?: Locale;
  /** Same key, same email: it is sent at most once (barring a crash mid-send). */
  idempotencyKey?: string;
};

export async function send<T extends TemplateName>(message: Message<T>): Promise<{ sent: boolean; messageID?: string }> {
  const locale = message.locale ?? "zh-CN";
  const rendered = (templates[message.template] as (d: TemplateData<T>, l: Locale) => ReturnType<(typeof templates)[T]>)(
    message.data,
    locale,
  );
  const key = message.idempotencyKey;
  if (key) {
    const claimed = await claim(key, message.to, message.template, rendered.subject);
    if (!claimed) return { sent: false };
  }
  const result = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: Config.EMAIL_SENDER,
      Destination: { ToAddresses: [message.to] },
      ConfigurationSetName: Config.EMAIL_CONFIGURATION_SET || undefined,
      Content: {
        Simple: {
          Subject: { Data: rendered.subject, Charset: "UTF-8" },
          Body: { Text: { Data: rendered.text, Charset: "UTF-8" }, Html: { Data: rendered.html, Charset: "UTF-8" } },
        },
      },
    }),
  );
  if (key) {
    await Outbox.patch({ key })
      .set({ status: "sent", messageID: result.MessageId, sentAt: Clock.nowISO() })
      .go();
  }
  log.info("mail sent", { template: message.template, messageID: result.MessageId, idempotencyKey: key });
  return { sent: true, messageID: result.MessageId };
}

async function claim(key: string, to: string, template: string, subject: string): Promise<boolean> {
  const leaseUntil = new Date(Date.now() + LEASE_MS).toISOString();
  try {
    await Outbox.create({ key, status: "sending", to, template, subject, leaseUntil }).go();
    return true;
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
  // Someone claimed it before: take over only a stale claim that never reached "sent".
  try {
    await Outbox.patch({ key })
      .set({ leaseUntil })
      .where((a, op) => `${op.eq(a.status, "sending")} AND ${op.lt(a.leaseUntil, new Date().toISOString())}`)
      .go();
    log.warn("mail claim taken over after a stale lease", { key });
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/** Whether an email with this idempotency key has been sent (for tests and diagnostics). */
export async function status(key: string) {
  const { data } = await Outbox.get({ key }).go();
  return data?.status;
}

/**
 * Sends an email later, through a durable timer: fires at least once, sends exactly once
 * (the outbox key is the timer's id). `key` makes the scheduling itself idempotent.
 */
export async function sendAt<T extends TemplateName>(dueAt: Date, message: Message<T>, ref: string, key?: string) {
  return Timer.create({ kind: "mail.send", ref, dueAt, payload: message, key });
}

Timer.handle("mail.send", async (timer) => {
  const message = timer.payload as Message<TemplateName>;
  await send({ ...message, idempotencyKey: message.idempotencyKey ?? `timer:${timer.timerID}` });
});
