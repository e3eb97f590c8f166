// The one dictionary of the staff portal, used by Astro pages and Solid islands.
// Chinese (zh-CN) is the default locale and lives at the root paths; English under /en/.

// Area dictionaries register themselves when a page or island imports them (dict/*.ts), so each
// page ships only the strings of its own area; the types still know every key.
import type { customersDict } from "./dict/customers";
import type { publicDict } from "./dict/public";
import type { ticketsDict } from "./dict/tickets";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";

export const roles = [
  "admin",
  "cs_specialist",
  "cs_supervisor",
  "after_sales",
  "project_manager",
  "engineering_head",
  "general_manager",
  "labour_admin",
  "finance",
  "marketing",
  "department",
] as const;
export type Role = (typeof roles)[number];

const baseDict = {
  // ---- product / shell
  "app.name": { "zh-CN": "售后与劳务管理系统", en: "After-sales & Workforce" },
  "app.tagline": { "zh-CN": "员工门户", en: "Staff portal" },
  "lang.other": { "zh-CN": "English", en: "中文" },
  "lang.switchLabel": { "zh-CN": "Switch to English", en: "切换到中文" },
  "nav.label": { "zh-CN": "主导航", en: "Main navigation" },
  "nav.home": { "zh-CN": "工作台", en: "Dashboard" },
  "shell.signout": { "zh-CN": "退出登录", en: "Sign out" },
  "shell.loadingUser": { "zh-CN": "正在加载…", en: "Loading…" },
  "shell.meFailed": {
    "zh-CN": "无法获取当前账号信息，请刷新页面重试。",
    en: "Could not load your account. Please reload the page.",
  },
  "shell.signoutFailed": { "zh-CN": "退出失败，请重试。", en: "Could not sign out. Please try again." },
  "shell.skip": { "zh-CN": "跳到主要内容", en: "Skip to main content" },

  // ---- product areas
  "area.warranty": { "zh-CN": "质量保修", en: "Warranty & repairs" },
  "area.warranty.desc": {
    "zh-CN": "工程保修期、客户报修链接、维修工单与时限、升级处理、保修金扣款台账。",
    en: "Warranty periods, customer repair links, tickets and deadlines, escalations, deposit ledger.",
  },
  "area.visits": { "zh-CN": "客户回访", en: "Customer visits" },
  "area.visits.desc": {
    "zh-CN": "客户分级、季度与节前回访计划、回访记录与意见反馈、回访费用。",
    en: "Customer classes, quarterly and pre-holiday visit plans, records, feedback and expenses.",
  },
  "area.labour": { "zh-CN": "劳务用工", en: "Labour" },
  "area.labour.desc": {
    "zh-CN": "劳务用工台账、培训与考试、持证上岗、三检与用工纠纷。",
    en: "Worker ledger, training and exams, certificates, inspections and disputes.",
  },
  "area.reports": { "zh-CN": "报表", en: "Reports" },
  "area.reports.desc": {
    "zh-CN": "保修、回访、劳务统计报表，CSV 导出与可打印表单。",
    en: "Warranty, visit and labour reports, CSV export and printable forms.",
  },
  "area.users": { "zh-CN": "用户管理", en: "Users" },
  "area.users.desc": {
    "zh-CN": "邀请员工、分配角色、启用或停用账号。",
    en: "Invite staff, assign roles, activate or deactivate accounts.",
  },
  "area.comingSoon": { "zh-CN": "即将上线", en: "Coming soon" },
  "area.open": { "zh-CN": "进入", en: "Open" },
  "area.adminOnly": { "zh-CN": "仅系统管理员", en: "Administrators only" },

  // ---- portal home
  "portal.title": { "zh-CN": "工作台", en: "Dashboard" },
  "portal.intro": {
    "zh-CN": "选择一个业务模块开始工作。标记为“即将上线”的模块正在建设中。",
    en: "Choose an area to start. Areas marked “Coming soon” are still being built.",
  },
  "portal.areas": { "zh-CN": "业务模块", en: "Areas" },

  // ---- local demo
  "local.badge": { "zh-CN": "本地演示", en: "Local demo" },
  "local.openMailbox": { "zh-CN": "打开邮箱", en: "open the mailbox" },
  "local.mailboxHint": {
    "zh-CN": "本地演示：打开邮箱查看验证码",
    en: "Local demo: open the mailbox to read the code",
  },
  "local.clock": { "zh-CN": "演示时钟：", en: "Demo clock:" },
  "local.plusHour": { "zh-CN": "+1 小时", en: "+1 hour" },
  "local.plusDay": { "zh-CN": "+1 天", en: "+1 day" },
  "local.timezone": { "zh-CN": "北京时间", en: "Beijing time" },

  // ---- generic errors
  "error.network": {
    "zh-CN": "网络错误，请检查网络连接后重试。",
    en: "Network error. Check your connection and try again.",
  },
  "error.unknown": { "zh-CN": "出现错误，请稍后重试。", en: "Something went wrong. Please try again." },
  "error.rateLimited": {
    "zh-CN": "操作过于频繁，请稍后再试。",
    en: "Too many attempts. Please wait a moment and try again.",
  },

  // ---- sign-in
  "signin.title": { "zh-CN": "登录", en: "Sign in" },
  "signin.intro": {
    "zh-CN": "请输入工作邮箱，我们将发送一次性登录验证码。",
    en: "Enter your work email and we will send you a one-time sign-in code.",
  },
  "signin.email": { "zh-CN": "邮箱", en: "Email" },
  "signin.sendCode": { "zh-CN": "发送验证码", en: "Send code" },
  "signin.sending": { "zh-CN": "正在发送…", en: "Sending…" },
  "signin.codeSent": {
    "zh-CN": "如果该邮箱属于某个账号，验证码已发送至该邮箱。",
    en: "If this address belongs to an account, a code was sent to it.",
  },
  "signin.code": { "zh-CN": "6 位验证码", en: "6-digit code" },
  "signin.codeHint": { "zh-CN": "请查看邮件中的 6 位数字。", en: "Check your email for the 6 digits." },
  "signin.verify": { "zh-CN": "登录", en: "Sign in" },
  "signin.verifying": { "zh-CN": "正在验证…", en: "Verifying…" },
  "signin.changeEmail": { "zh-CN": "更换邮箱", en: "Use a different email" },
  "signin.resend": { "zh-CN": "重新发送验证码", en: "Send a new code" },
  "signin.emailLabelFor": { "zh-CN": "邮箱：", en: "Email: " },
  "signin.success": { "zh-CN": "登录成功，正在跳转…", en: "Signed in. Redirecting…" },

  // ---- validation (client side, mirrors the API)
  "validation.emailRequired": { "zh-CN": "请输入邮箱地址。", en: "Enter an email address." },
  "validation.emailInvalid": { "zh-CN": "邮箱地址格式不正确。", en: "Enter a valid email address." },
  "validation.codeFormat": { "zh-CN": "请输入 6 位数字验证码。", en: "Enter the 6-digit code." },
  "validation.nameRequired": { "zh-CN": "请输入姓名。", en: "Enter a name." },

  // ---- user administration
  "users.title": { "zh-CN": "用户管理", en: "Users" },
  "users.intro": {
    "zh-CN": "邀请员工、分配角色，或停用不再需要访问系统的账号。一个人可以担任多个角色。",
    en: "Invite staff, assign roles, or deactivate accounts that no longer need access. One person may hold several roles.",
  },
  "users.loading": { "zh-CN": "正在加载用户…", en: "Loading users…" },
  "users.empty": { "zh-CN": "还没有用户。", en: "No users yet." },
  "users.count": { "zh-CN": "共 {n} 个用户", en: "{n} users" },
  "users.forbidden": {
    "zh-CN": "只有系统管理员可以管理用户。如需访问，请联系系统管理员。",
    en: "Only administrators can manage users. Ask an administrator if you need access.",
  },
  "users.list": { "zh-CN": "用户列表", en: "All users" },
  "users.col.name": { "zh-CN": "姓名", en: "Name" },
  "users.col.email": { "zh-CN": "邮箱", en: "Email" },
  "users.col.roles": { "zh-CN": "角色", en: "Roles" },
  "users.col.status": { "zh-CN": "状态", en: "Status" },
  "users.col.locale": { "zh-CN": "语言", en: "Language" },
  "users.col.created": { "zh-CN": "创建时间", en: "Created" },
  "users.col.actions": { "zh-CN": "操作", en: "Actions" },
  "users.active": { "zh-CN": "已启用", en: "Active" },
  "users.inactive": { "zh-CN": "已停用", en: "Inactive" },
  "users.noRoles": { "zh-CN": "无角色", en: "No roles" },
  "users.edit": { "zh-CN": "编辑", en: "Edit" },
  "users.editTitle": { "zh-CN": "编辑 {name}", en: "Edit {name}" },
  "users.save": { "zh-CN": "保存", en: "Save" },
  "users.saving": { "zh-CN": "正在保存…", en: "Saving…" },
  "users.cancel": { "zh-CN": "取消", en: "Cancel" },
  "users.saved": { "zh-CN": "已保存 {name} 的修改。", en: "Saved changes to {name}." },
  "users.deactivate": { "zh-CN": "停用", en: "Deactivate" },
  "users.activate": { "zh-CN": "启用", en: "Activate" },
  "users.activated": { "zh-CN": "已启用 {name}。", en: "{name} is active again." },
  "users.deactivated": { "zh-CN": "已停用 {name}。", en: "{name} has been deactivated." },
  "users.confirmTitle": { "zh-CN": "停用该账号？", en: "Deactivate this account?" },
  "users.confirmBody": {
    "zh-CN": "{name}（{email}）将无法再登录，直到重新启用。",
    en: "{name} ({email}) will no longer be able to sign in until the account is activated again.",
  },
  "users.you": { "zh-CN": "我", en: "you" },
  "users.selfDeactivate": {
    "zh-CN": "不能停用自己的账号。",
    en: "You cannot deactivate your own account.",
  },
  "users.retry": { "zh-CN": "重试", en: "Try again" },
  "users.confirmYes": { "zh-CN": "确认停用", en: "Deactivate" },
  "users.name": { "zh-CN": "姓名", en: "Name" },
  "users.email": { "zh-CN": "邮箱", en: "Email" },
  "users.roles": { "zh-CN": "角色", en: "Roles" },
  "users.locale": { "zh-CN": "邮件与界面语言", en: "Language for emails" },
  "users.invite.title": { "zh-CN": "邀请用户", en: "Invite a user" },
  "users.invite.intro": {
    "zh-CN": "被邀请人会收到一封邀请邮件，可直接用该邮箱登录。",
    en: "The person receives an invitation email and can then sign in with that address.",
  },
  "users.invite.submit": { "zh-CN": "发送邀请", en: "Send invitation" },
  "users.invite.sending": { "zh-CN": "正在发送…", en: "Sending…" },
  "users.invite.sent": { "zh-CN": "已向 {email} 发送邀请。", en: "Invitation sent to {email}." },

  "locale.zh-CN": { "zh-CN": "中文", en: "Chinese (中文)" },
  "locale.en": { "zh-CN": "英文 (English)", en: "English" },

  // ---- roles (Chinese names from the company's role table)
  "role.admin": { "zh-CN": "系统管理员", en: "Administrator" },
  "role.cs_specialist": { "zh-CN": "客服专员", en: "CS specialist" },
  "role.cs_supervisor": { "zh-CN": "客服主管", en: "CS supervisor" },
  "role.after_sales": { "zh-CN": "售后服务人员", en: "After-sales staff" },
  "role.project_manager": { "zh-CN": "项目经理", en: "Project manager" },
  "role.engineering_head": { "zh-CN": "工程部长", en: "Engineering head" },
  "role.general_manager": { "zh-CN": "总经理", en: "General manager" },
  "role.labour_admin": { "zh-CN": "劳务管理员", en: "Labour administrator" },
  "role.finance": { "zh-CN": "财务部", en: "Finance" },
  "role.marketing": { "zh-CN": "营销中心", en: "Marketing" },
  "role.department": { "zh-CN": "相关部门", en: "Department" },

  // ---- root redirect / 404
  "root.redirecting": { "zh-CN": "正在跳转…", en: "Redirecting…" },
  "notFound.title": { "zh-CN": "页面不存在", en: "Page not found" },
  "notFound.back": { "zh-CN": "返回工作台", en: "Back to the dashboard" },
  "customers.area": { "zh-CN": "客户与工程", en: "Customers & projects" },
  "customers.area.desc": {
    "zh-CN": "客户档案与联系人、合同与客户分级（A/B/C/D）、工程保修期、资料移交与报修二维码。",
    en: "Customer records and contacts, contracts and classes (A/B/C/D), project warranties, handover documents and repair QR codes.",
  },
  "settings.area": { "zh-CN": "系统设置", en: "Settings" },
  "settings.area.desc": {
    "zh-CN": "约定维修期限默认值、升级与预警时间、跟踪服务间隔、设计使用年限与采暖/供冷期。",
    en: "Default repair deadline, escalation and warning hours, follow-up interval, design life and heating/cooling seasons.",
  },
} satisfies Record<string, Record<Locale, string>>;

type Dict = typeof baseDict & typeof publicDict & typeof customersDict & typeof ticketsDict;
export type Key = keyof Dict;
type Entry = Record<Locale, string>;
const dict: Record<string, Entry> = { ...baseDict };

/** Adds an area's entries (called once by each dict/*.ts module). */
export function registerDict(entries: Record<string, Entry>) {
  Object.assign(dict, entries);
}

/** Translate `key`; `{name}` placeholders are replaced from `vars`. */
export function t(locale: Locale, key: Key, vars?: Record<string, string | number>): string {
  const entry = dict[key];
  if (!entry) {
    if (import.meta.env.DEV) console.warn(`i18n: "${key}" is not registered; import its dict/*.ts module`);
    return key;
  }
  let s: string = entry[locale];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export function roleLabel(locale: Locale, role: string): string {
  const k = `role.${role}` as Key;
  return dict[k] ? dict[k][locale] : role;
}

export function otherLocale(locale: Locale): Locale {
  return locale === "en" ? "zh-CN" : "en";
}

/** The `lang` route param ([...lang]) → locale. */
export function localeFromParam(lang: string | undefined): Locale {
  return lang === "en" ? "en" : "zh-CN";
}

/** getStaticPaths for pages under src/pages/[...lang]/: "/" (zh-CN) and "/en/". */
export function langStaticPaths() {
  return [{ params: { lang: undefined } }, { params: { lang: "en" } }];
}

/** Site path ("/portal/users/") in `locale`: zh-CN at the root, English under /en/. */
export function localePath(locale: Locale, path: string): string {
  const p = path.startsWith("/") ? path : `/${path}`;
  return locale === "en" ? (p === "/" ? "/en/" : `/en${p}`) : p;
}

/** Message of an API error body ({ "zh-CN", en }) in `locale`. */
export function pickMessage(
  locale: Locale,
  message: Partial<Record<Locale, string>> | string | undefined | null,
): string | undefined {
  if (!message) return undefined;
  if (typeof message === "string") return message;
  return message[locale] || message[otherLocale(locale)] || undefined;
}
