import * as Clock from "../clock";

export type Locale = "zh-CN" | "en";
export type Rendered = { subject: string; text: string; html: string };

export const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function layout(locale: Locale, title: string, paragraphs: string[], action?: { label: string; url: string }) {
  const footer =
    locale === "zh-CN"
      ? "此邮件由售后与劳务管理系统自动发送，请勿直接回复。"
      : "Sent automatically by the after-sales & workforce system. Please do not reply.";
  const text = [title, "", ...paragraphs, ...(action ? ["", `${action.label}: ${action.url}`] : []), "", footer].join("\n");
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f2933;max-width:560px;margin:auto;padding:16px">
<h2 style="font-size:18px">${escape(title)}</h2>
${paragraphs.map((p) => `<p style="line-height:1.6">${escape(p)}</p>`).join("\n")}
${action ? `<p><a href="${escape(action.url)}" style="display:inline-block;background:#0b5cad;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escape(action.label)}</a></p>` : ""}
<p style="color:#7b8794;font-size:12px">${escape(footer)}</p></body></html>`;
  return { text, html };
}

export function shanghaiTime(iso: string, locale: Locale) {
  return new Intl.DateTimeFormat(locale, { timeZone: Clock.ZONE, dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

