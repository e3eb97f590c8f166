import "../../dict/customers";
// Shared pieces of the customer / project / settings islands: roles, money and date formatting,
// field errors by full path, the class badge.
import type { ApiError, ApiResult, User } from "../../api";
import { t, type Locale } from "../../i18n";

// The same role lists the API enforces (packages/core/src/access.ts, warranty/vocabulary.ts).
import { customerReaders, customerWriters, projectWriters, settingsEditors } from "@aftersales/core/access";
import { roles as warrantyRoles } from "@aftersales/core/warranty/vocabulary";
export { hasRole, usePortalUser } from "../../portal-user";
export { FieldError } from "../FieldError";
export const CUSTOMER_READERS: readonly string[] = customerReaders;
export const CUSTOMER_WRITERS: readonly string[] = customerWriters;
export const PROJECT_WRITERS: readonly string[] = projectWriters;
export const SETTINGS_EDITORS: readonly string[] = settingsEditors;
export const DEPOSIT_READERS: readonly string[] = warrantyRoles.depositReaders;

// ---------------------------------------------------------------------------------------------
// Money (integer fen)

const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** ¥1,234.50 from integer fen (no floating point on the way). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return "—";
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${neg ? "-" : ""}¥${intFormat.format(yuan)}.${String(cents).padStart(2, "0")}`;
}

/** Large amounts: "600 万元" in Chinese, "¥6,000,000.00" in English. */
export function formatWan(fen: number, locale: Locale): string {
  if (locale === "en") return formatFen(fen);
  const wan = fen / 1_000_000;
  return `${new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 }).format(wan)} 万元`;
}

/** Fen → what a yuan input shows ("1234.5" → "1234.50", whole yuan without decimals). */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return "";
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents ? `${yuan}.${String(cents).padStart(2, "0")}` : String(yuan);
}

/**
 * A yuan amount typed by a person ("1,234.5", "¥ 6000000", "１２３") → integer fen.
 * undefined = empty, null = not a valid amount (at most 2 decimals, no sign).
 */
export function parseYuan(input: string): number | null | undefined {
  const s = input
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，¥￥元]/g, "");
  if (!s) return undefined;
  const m = /^(\d{1,11})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0") || 0);
}

/** A whole number typed in a field; undefined = empty, null = not a whole number. */
export function parseInteger(input: string): number | null | undefined {
  const s = input.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!s) return undefined;
  return /^\d{1,6}$/.test(s) ? Number(s) : null;
}

// ---------------------------------------------------------------------------------------------
// Dates (Asia/Shanghai)

const instantParts = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function shanghaiParts(d: Date) {
  const p = Object.fromEntries(instantParts.formatToParts(d).map((x) => [x.type, x.value]));
  return p as Record<string, string>;
}

/** An ISO instant as "YYYY-MM-DD HH:mm" Beijing time. */
export function formatInstant(iso: string | undefined | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  const p = shanghaiParts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Today's date in Shanghai, "YYYY-MM-DD". */
export function todayShanghai(): string {
  const p = shanghaiParts(new Date());
  return `${p.year}-${p.month}-${p.day}`;
}

export const showDate = (d: string | undefined | null) => d || "—";

// ---------------------------------------------------------------------------------------------
// Errors

/** The error of a failed call (a 2xx without the expected body counts as "unknown"). */
export const errOf = (res: ApiResult<unknown>): ApiError => (res.ok ? { code: "unknown" } : res.error);

/** Field errors keyed by their full path ("warrantyItems.2.years", "heatingSeason.end"). */
export function pathErrors(error: ApiError, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error.fields ?? []) {
    const k = String(f.field ?? "") || "_";
    const m = f.message?.[locale] || f.message?.[locale === "en" ? "zh-CN" : "en"] || f.code;
    out[k] = out[k] ? `${out[k]} ${m}` : m;
  }
  return out;
}

/** The messages of every field error whose path starts with `prefix` (e.g. "contacts"). */
export function errorsUnder(fields: Record<string, string>, prefix: string): string | undefined {
  const list = Object.entries(fields)
    .filter(([k]) => k === prefix || k.startsWith(prefix + "."))
    .map(([, v]) => v);
  return list.length ? list.join(" ") : undefined;
}

/** A list toolbar's search box: `onInput` on every keystroke, `onEnter` to search at once. */
export function SearchBox(props: { id: string; label: string; placeholder: string; value: string; onInput: (q: string) => void; onEnter: (q: string) => void }) {
  return (
    <div class="toolbar__search">
      <label for={props.id} class="visually-hidden">
        {props.label}
      </label>
      <input
        id={props.id}
        type="search"
        placeholder={props.placeholder}
        value={props.value}
        autocomplete="off"
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            props.onEnter(e.currentTarget.value);
          }
        }}
      />
    </div>
  );
}

/** aria attributes of an input with an optional error. */
export const invalid = (msg: string | undefined, errorID: string) => ({
  "aria-invalid": msg ? ("true" as const) : undefined,
  "aria-describedby": msg ? errorID : undefined,
});

// ---------------------------------------------------------------------------------------------
// Small shared views

export function ClassBadge(props: { cls: string; locale: Locale; id?: string }) {
  return (
    <span
      id={props.id}
      class={`class-badge class-badge--${props.cls}`}
      data-class={props.cls}
      title={t(props.locale, "customers.classTitle", { cls: props.cls })}
      aria-label={t(props.locale, "customers.classTitle", { cls: props.cls })}
    >
      {props.cls}
    </span>
  );
}

/** The `?name=` of the current URL. */
export function queryParam(name: string): string {
  return new URLSearchParams(location.search).get(name)?.trim() ?? "";
}

/** Sanitizes a server-made QR SVG: keeps only svg/path/rect elements and drawing attributes. */
export function safeSvg(svg: string): string {
  if (typeof DOMParser === "undefined") return "";
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (!root || root.nodeName.toLowerCase() !== "svg" || doc.getElementsByTagName("parsererror").length) return "";
  const allowedTags = new Set(["svg", "path", "rect"]);
  const allowedAttrs = new Set([
    "xmlns",
    "width",
    "height",
    "viewbox",
    "d",
    "fill",
    "stroke",
    "stroke-width",
    "shape-rendering",
    "x",
    "y",
  ]);
  const walk = (el: Element): boolean => {
    if (!allowedTags.has(el.nodeName.toLowerCase())) return false;
    for (const a of [...el.attributes]) if (!allowedAttrs.has(a.name.toLowerCase())) el.removeAttribute(a.name);
    for (const c of [...el.children]) if (!walk(c)) c.remove();
    return true;
  };
  walk(root);
  root.setAttribute("role", "img");
  return new XMLSerializer().serializeToString(root);
}

/** Copies text; falls back to a hidden textarea where the Clipboard API is unavailable. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall through */
  }
  const ta = document.createElement("textarea");
  ta.value = text;
  ta.setAttribute("readonly", "");
  ta.style.position = "fixed";
  ta.style.opacity = "0";
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}
