import { layout, shanghaiTime, type Locale, type Rendered } from "./layout";
import { warrantyTemplates } from "../warranty/mails";

export type { Locale, Rendered } from "./layout";

/** Every email the system sends, in both languages. */
export const templates = {
  "auth.code": (d: { code: string; minutes: number; url: string }, locale: Locale): Rendered => {
    const subject = locale === "zh-CN" ? `登录验证码 ${d.code}` : `Your sign-in code ${d.code}`;
    const body =
      locale === "zh-CN"
        ? [`您的登录验证码是：${d.code}`, `验证码 ${d.minutes} 分钟内有效，只能使用一次。如非本人操作，请忽略此邮件。`]
        : [`Your sign-in code is: ${d.code}`, `It is valid for ${d.minutes} minutes and can be used once. If you did not ask for it, ignore this email.`];
    return { subject, ...layout(locale, subject, body, { label: locale === "zh-CN" ? "打开登录页" : "Open sign-in", url: d.url }) };
  },
  "user.invited": (d: { name: string; invitedBy: string; roles: string; url: string }, locale: Locale): Rendered => {
    const subject = locale === "zh-CN" ? "您已受邀使用售后与劳务管理系统" : "You are invited to the after-sales & workforce system";
    const body =
      locale === "zh-CN"
        ? [`${d.name}，您好：`, `${d.invitedBy} 为您开通了账号，角色：${d.roles}。`, "使用本邮箱地址登录，系统会把一次性验证码发送到这里。"]
        : [`Hello ${d.name},`, `${d.invitedBy} opened an account for you with the roles: ${d.roles}.`, "Sign in with this email address; a one-time code will be sent here."];
    return { subject, ...layout(locale, subject, body, { label: locale === "zh-CN" ? "登录" : "Sign in", url: d.url }) };
  },
  "user.invitation_reminder": (d: { name: string; url: string }, locale: Locale): Rendered => {
    const subject = locale === "zh-CN" ? "提醒：您的账号尚未登录" : "Reminder: you have not signed in yet";
    const body =
      locale === "zh-CN"
        ? [`${d.name}，您好：`, "您的售后与劳务管理系统账号已开通，但还没有登录过。使用本邮箱地址即可登录。"]
        : [`Hello ${d.name},`, "Your account on the after-sales & workforce system is ready but has not been used yet. Sign in with this email address."];
    return { subject, ...layout(locale, subject, body, { label: locale === "zh-CN" ? "登录" : "Sign in", url: d.url }) };
  },
  ...warrantyTemplates,
  "reminder.generic": (d: { title: string; body: string; dueAt?: string; url?: string }, locale: Locale): Rendered => {
    const lines = [d.body];
    if (d.dueAt) lines.push(locale === "zh-CN" ? `截止时间：${shanghaiTime(d.dueAt, locale)}（北京时间）` : `Due: ${shanghaiTime(d.dueAt, locale)} (China time)`);
    return {
      subject: d.title,
      ...layout(locale, d.title, lines, d.url ? { label: locale === "zh-CN" ? "查看" : "Open", url: d.url } : undefined),
    };
  },
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateData<T extends TemplateName> = Parameters<(typeof templates)[T]>[0];
