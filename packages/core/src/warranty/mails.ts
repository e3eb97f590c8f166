import { layout, shanghaiTime, type Locale, type Rendered } from "../mail/layout";

/** The warranty slice's emails (customer and staff), zh-CN first, English available. */
type TicketRef = { number: string; projectName: string; severity: { "zh-CN": string; en: string }; url: string };

const zh = (l: Locale) => l === "zh-CN";
const sev = (d: TicketRef, l: Locale) => d.severity[l];

export const warrantyTemplates = {
  "ticket.received": (d: TicketRef & { deadline?: string; deadlineKind?: "arrival" | "resolution" }, l: Locale): Rendered => {
    const subject = zh(l) ? `报修已受理：${d.number}` : `Repair request received: ${d.number}`;
    const lines = zh(l)
      ? [`我们已收到您关于「${d.projectName}」的报修（${sev(d, l)}），工单号 ${d.number}。`, "我们会立即响应。您可以通过下面的链接随时查看处理进度、验收维修结果。请妥善保存此链接，不要转发给他人。"]
      : [`We have received your repair request for "${d.projectName}" (${sev(d, l)}), ticket ${d.number}.`, "We are responding now. Follow its progress and accept the repair through the link below. Keep this link private."];
    if (d.deadline)
      lines.push(
        zh(l)
          ? `${d.deadlineKind === "arrival" ? "维修人员最迟到场时间" : "承诺完成时间"}：${shanghaiTime(d.deadline, l)}（北京时间）`
          : `${d.deadlineKind === "arrival" ? "Engineer on site by" : "Resolved by"}: ${shanghaiTime(d.deadline, l)} (China time)`,
      );
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "查看进度" : "Track the repair", url: d.url }) };
  },
  "ticket.new": (d: TicketRef & { description: string; location: string; coverage: string }, l: Locale): Rendered => {
    const subject = zh(l) ? `【新报修·${sev(d, l)}】${d.number} ${d.projectName}` : `[New repair · ${sev(d, l)}] ${d.number} ${d.projectName}`;
    const lines = zh(l)
      ? [`项目：${d.projectName}`, `位置：${d.location}`, `描述：${d.description}`, `保修判定：${d.coverage}`, "请立即响应并安排人员。"]
      : [`Project: ${d.projectName}`, `Location: ${d.location}`, `Description: ${d.description}`, `Warranty: ${d.coverage}`, "Please respond and dispatch now."];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "打开工单" : "Open ticket", url: d.url }) };
  },
  "ticket.dispatched": (d: TicketRef & { location: string; description: string }, l: Locale): Rendered => {
    const subject = zh(l) ? `派工：${d.number} ${d.projectName}` : `Dispatched to you: ${d.number} ${d.projectName}`;
    const lines = zh(l)
      ? [`您被派往「${d.projectName}」处理报修（${sev(d, l)}）。`, `位置：${d.location}`, `描述：${d.description}`, "到场后请在系统中登记到场时间。"]
      : [`You are dispatched to "${d.projectName}" (${sev(d, l)}).`, `Location: ${d.location}`, `Description: ${d.description}`, "Record your arrival in the portal when on site."];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "打开工单" : "Open ticket", url: d.url }) };
  },
  "ticket.warning": (d: TicketRef & { deadline: string; deadlineKind: "arrival" | "resolution" }, l: Locale): Rendered => {
    const what = zh(l) ? (d.deadlineKind === "arrival" ? "到场" : "完成维修") : d.deadlineKind === "arrival" ? "arrival on site" : "resolution";
    const subject = zh(l) ? `【即将超时】${d.number} ${what}期限 ${shanghaiTime(d.deadline, l)}` : `[Deadline soon] ${d.number}: ${what} due ${shanghaiTime(d.deadline, l)}`;
    const lines = zh(l)
      ? [`工单 ${d.number}（${d.projectName}，${sev(d, l)}）的${what}期限即将到达：${shanghaiTime(d.deadline, l)}（北京时间）。`]
      : [`Ticket ${d.number} (${d.projectName}, ${sev(d, l)}) is due for ${what} at ${shanghaiTime(d.deadline, l)} (China time).`];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "打开工单" : "Open ticket", url: d.url }) };
  },
  "ticket.escalated": (
    d: TicketRef & { level: number; levelName: string; deadline: string; deadlineKind: "arrival" | "resolution" },
    l: Locale,
  ): Rendered => {
    const what = zh(l) ? (d.deadlineKind === "arrival" ? "48小时内到场" : "按期完成维修") : d.deadlineKind === "arrival" ? "arrival within 48 hours" : "resolution on time";
    const subject = zh(l) ? `【超时升级·第${d.level}级】${d.number} ${d.projectName}` : `[Escalation level ${d.level}] ${d.number} ${d.projectName}`;
    const lines = zh(l)
      ? [`工单 ${d.number}（${sev(d, l)}）未能${what}，期限为 ${shanghaiTime(d.deadline, l)}（北京时间）。`, `本邮件发送给：${d.levelName}。请立即处理。`]
      : [`Ticket ${d.number} (${sev(d, l)}) missed ${what}; the deadline was ${shanghaiTime(d.deadline, l)} (China time).`, `Sent to: ${d.levelName}. Act now.`];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "打开工单" : "Open ticket", url: d.url }) };
  },
  "ticket.third_party": (d: TicketRef & { deadline: string }, l: Locale): Rendered => {
    const subject = zh(l) ? `关于报修 ${d.number}：您可委托第三方维修` : `Ticket ${d.number}: you may hire a third party`;
    const lines = zh(l)
      ? [
          `非常抱歉，我们未能在约定期限（${shanghaiTime(d.deadline, l)}）内派人处理您的报修 ${d.number}。`,
          "根据我公司保修承诺，您可以委托他人维修，发生的维修费用经我司认可后在工程保修金内扣除。",
          "请在进度页面提交费用和发票/收据，我们会尽快审核。",
        ]
      : [
          `We are sorry: nobody was dispatched to ticket ${d.number} within the agreed deadline (${shanghaiTime(d.deadline, l)}).`,
          "Under our warranty commitment you may have the repair done by someone else; once we approve the cost it is deducted from the warranty deposit.",
          "Submit the cost and the receipt on the tracking page and we will review it promptly.",
        ];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "提交第三方维修费用" : "Submit the cost", url: d.url }) };
  },
  "ticket.repaired": (d: TicketRef & { note: string }, l: Locale): Rendered => {
    const subject = zh(l) ? `维修已完成，请验收：${d.number}` : `Repair done, please accept: ${d.number}`;
    const lines = zh(l)
      ? [`您在「${d.projectName}」的报修 ${d.number} 已维修完成。`, `维修说明：${d.note}`, "请检查后在进度页面验收并评价；如仍有问题，可在同一页面退回重修。"]
      : [`Your repair ${d.number} at "${d.projectName}" is done.`, `Repair note: ${d.note}`, "Please check it and accept and rate it on the tracking page, or send it back if the problem remains."];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "验收评价" : "Accept and rate", url: d.url }) };
  },
  "ticket.reopened": (d: TicketRef & { reason: string }, l: Locale): Rendered => {
    const subject = zh(l) ? `【客户退回重修】${d.number} ${d.projectName}` : `[Reopened by the customer] ${d.number} ${d.projectName}`;
    const lines = zh(l) ? [`客户未通过验收，原因：${d.reason}`, "请重新安排人员处理。"] : [`The customer did not accept the repair: ${d.reason}`, "Please dispatch again."];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "打开工单" : "Open ticket", url: d.url }) };
  },
  "claim.submitted": (d: TicketRef & { amount: string }, l: Locale): Rendered => {
    const subject = zh(l) ? `【待审核】第三方维修费用 ${d.amount}（${d.number}）` : `[To review] Third-party repair cost ${d.amount} (${d.number})`;
    const lines = zh(l)
      ? [`客户就工单 ${d.number}（${d.projectName}）提交了第三方维修费用 ${d.amount}，请审核。`]
      : [`The customer filed a third-party repair cost of ${d.amount} for ticket ${d.number} (${d.projectName}). Please review it.`];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "审核" : "Review", url: d.url }) };
  },
  "claim.decided": (d: TicketRef & { approved: boolean; amount: string; reason?: string }, l: Locale): Rendered => {
    const subject = zh(l)
      ? `第三方维修费用${d.approved ? "已认可" : "未获认可"}：${d.number}`
      : `Third-party repair cost ${d.approved ? "approved" : "not approved"}: ${d.number}`;
    const lines = d.approved
      ? zh(l)
        ? [`我司已认可维修费用 ${d.amount}，将从工程保修金中扣除。`]
        : [`We approved ${d.amount}; it is deducted from the warranty deposit.`]
      : zh(l)
        ? [`很抱歉，您提交的费用未获认可。原因：${d.reason ?? ""}`]
        : [`We could not approve the cost. Reason: ${d.reason ?? ""}`];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "查看详情" : "View", url: d.url }) };
  },
  "followup.reminder": (d: { projectName: string; dueOn: string; url: string }, l: Locale): Rendered => {
    const subject = zh(l) ? `【跟踪服务】${d.dueOn} ${d.projectName} 现场回访` : `[Follow-up] ${d.dueOn} on-site follow-up at ${d.projectName}`;
    const lines = zh(l)
      ? [`按照保修承诺，客户投入使用后三个月内我司义务现场跟踪服务。「${d.projectName}」的下一次现场跟踪服务定于 ${d.dueOn}。`]
      : [`Under our commitment we provide free on-site follow-up for three months after the customer starts using the building. The next visit to "${d.projectName}" is due on ${d.dueOn}.`];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "查看任务" : "Open tasks", url: d.url }) };
  },
  "deposit.released": (d: { projectName: string; amount: string; url: string }, l: Locale): Rendered => {
    const subject = zh(l) ? `保修金到期释放：${d.projectName}` : `Warranty deposit released: ${d.projectName}`;
    const lines = zh(l)
      ? [`「${d.projectName}」的保修金已到期，余额 ${d.amount} 已记为释放，请财务部按合同办理退还。`]
      : [`The warranty deposit of "${d.projectName}" has reached its end; the balance of ${d.amount} is marked released. Finance: please refund it per the contract.`];
    return { subject, ...layout(l, subject, lines, { label: zh(l) ? "查看台账" : "Open the ledger", url: d.url }) };
  },
};

/** Fen → "¥1,234.50". */
export function yuan(fen: number): string {
  return "¥" + (fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
