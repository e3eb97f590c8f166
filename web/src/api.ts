// Tiny same-origin client for the Hono API under /api (see docs/api.md).
// No dictionary import here, so vanilla scripts can use it without shipping i18n.

export type Bilingual = { "zh-CN": string; en: string };
export interface ApiFieldError { field: string; code: string; message: Bilingual }
export interface ApiError { code: string; message?: Bilingual; fields?: ApiFieldError[] }

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiError };

export interface User {
  userID: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  locale: "zh-CN" | "en";
  createdAt: string;
  updatedAt: string;
}

/** status 0 / code "network" when the request never got an answer. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: { code: "network" } };
  }
  let json: any = null;
  try {
    json = await res.json();
  } catch {
    /* empty or non-JSON body */
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error: ApiError =
    json && typeof json.error === "object" && json.error ? json.error : { code: res.status === 429 ? "rate.limited" : "http." + res.status };
  return { ok: false, status: res.status, error };
}

/** Field errors keyed by the top-level field name ("roles.0" → "roles"). */
export function fieldErrors(error: ApiError, locale: "zh-CN" | "en"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error.fields ?? []) {
    const k = String(f.field ?? "").split(/[.[]/)[0] || "_";
    const m = f.message?.[locale] || f.message?.[locale === "en" ? "zh-CN" : "en"] || f.code;
    out[k] = out[k] ? `${out[k]} ${m}` : m;
  }
  return out;
}
