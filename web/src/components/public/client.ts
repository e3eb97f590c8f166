// Browser helpers shared by the two public islands (repair and track). No dictionary import:
// strings arrive as a prop (see strings.ts).
import type { ApiError, ApiResult } from "../../api";
import type { Msgs, PublicKey } from "./strings";

export type Lang = "zh-CN" | "en";
export type Tr = (key: PublicKey, vars?: Record<string, string | number>) => string;

export function translator(m: Msgs): Tr {
  return (key, vars) => {
    let s = m[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}

/** The capability token from the URL fragment ("#abc…"), or "". */
export function tokenFromHash(): string {
  return decodeURIComponent(location.hash.replace(/^#/, "")).trim();
}

/**
 * Page start-up for a link page: keeps the fragment (the token) on the language switch link, and
 * starts over when another link is pasted into the same tab (only the fragment changes then).
 */
export function watchToken() {
  const a = document.getElementById("lang-switch") as HTMLAnchorElement | null;
  if (a && location.hash) a.setAttribute("href", a.pathname + location.hash);
  window.addEventListener("hashchange", () => location.reload());
}

/** JSON call to /api/public/* with the link token in `x-link-token`. status 0 = no answer. */
export async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: "application/json", "x-link-token": token };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: { code: "network" } };
  }
  let json: any = null;
  try {
    json = await res.json();
  } catch {
    /* empty or not JSON */
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error: ApiError =
    json && typeof json.error === "object" && json.error ? json.error : { code: res.status === 429 ? "rate.limited" : "http." + res.status };
  return { ok: false, status: res.status, error };
}

/** The message for a failed call, in the page's language. */
export function errorMessage(tr: Tr, lang: Lang, status: number, error: ApiError): string {
  if (status === 0 || error.code === "network") return tr("error.network");
  const m = error.message;
  const fromApi = m && (m[lang] || m[lang === "en" ? "zh-CN" : "en"]);
  if (fromApi) return fromApi;
  if (status === 429) return tr("error.rateLimited");
  return tr("error.unknown");
}

/** Unknown, revoked or wrong-scope token: the API answers 404 `link.invalid` for all of them. */
export const isInvalidLink = (r: ApiResult<unknown>) => !r.ok && r.error.code === "link.invalid";

/** API field errors by full dotted path ("contact.phone"), in the page's language. */
export function apiFieldErrors(error: ApiError, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error.fields ?? []) {
    const k = String(f.field ?? "");
    const m = f.message?.[lang] || f.message?.[lang === "en" ? "zh-CN" : "en"] || f.code;
    out[k] = out[k] ? `${out[k]} ${m}` : m;
  }
  return out;
}

// ---------------------------------------------------------------- uploads

export const MAX_BYTES = 10 * 1024 * 1024;
const TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heic",
  pdf: "application/pdf",
};
export const ALLOWED = new Set(Object.values(TYPES));

/** The file's MIME type; phones sometimes leave it empty (HEIC), then the extension decides. */
export function contentTypeOf(file: File): string {
  const t = (file.type || "").toLowerCase();
  if (t === "image/jpg") return "image/jpeg";
  if (t === "image/heif") return "image/heic";
  if (t) return t;
  const ext = (file.name.split(".").pop() || "").toLowerCase();
  return TYPES[ext] ?? "";
}

type Prepared = { attachment: { attachmentID: string }; upload: { url: string; method: string; headers: Record<string, string> } };

/**
 * Registers the file with the API (which checks type and size), then PUTs it to the presigned
 * URL. Resolves to the attachment id, or to an error message for this file.
 */
export async function uploadFile(
  tr: Tr,
  lang: Lang,
  token: string,
  path: string,
  file: File,
): Promise<{ ok: true; attachmentID: string } | { ok: false; message: string; invalidLink?: boolean }> {
  const contentType = contentTypeOf(file);
  const prep = await call<Prepared>(token, "POST", path, { fileName: (file.name || "file").slice(-120), contentType, size: file.size });
  if (!prep.ok) {
    const fields = apiFieldErrors(prep.error, lang);
    const msg = fields.contentType || fields.size || fields.fileName || errorMessage(tr, lang, prep.status, prep.error);
    return { ok: false, message: msg, invalidLink: isInvalidLink(prep) };
  }
  const { upload, attachment } = prep.data;
  try {
    const res = await fetch(upload.url, {
      method: upload.method || "PUT",
      headers: upload.headers,
      body: file,
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
    if (!res.ok) return { ok: false, message: tr("public.repair.photoFailed") };
  } catch {
    return { ok: false, message: tr("error.network") };
  }
  return { ok: true, attachmentID: attachment.attachmentID };
}

// ---------------------------------------------------------------- money

/**
 * "1234.5" → 123450 fen, exactly (no floating point). Accepts full-width digits, spaces and
 * thousands separators; rejects more than 2 decimals, signs and anything else (→ null).
 */
export function yuanToFen(input: string): number | null {
  const s = input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[\s,，_]/g, "")
    .replace(/^[¥￥]/, "");
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(s) ?? /^()\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const whole = m[1] ? Number(m[1]) : 0;
  const frac = Number(((m[2] ?? "") + "00").slice(0, 2));
  return whole * 100 + frac;
}

/** 123450 → "¥1,234.50" */
export function formatFen(fen: number | undefined | null): string {
  if (typeof fen !== "number" || !Number.isFinite(fen)) return "—";
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}¥${whole}.${String(abs % 100).padStart(2, "0")}`;
}

// ---------------------------------------------------------------- misc

export const PHONE_RE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Copies text; falls back to a selected textarea where the Clipboard API is missing (http). */
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

/** Focuses and scrolls to the first element with aria-invalid inside `root`. */
export function focusFirstInvalid(root: HTMLElement | undefined) {
  queueMicrotask(() => {
    const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (el) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  });
}
