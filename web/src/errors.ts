import type { ApiError } from "./api";
import { pickMessage, t, type Locale } from "./i18n";

/** The message to show for a failed API call, in the page's language. */
export function errorText(locale: Locale, status: number, error: ApiError): string {
  if (status === 0 || error.code === "network") return t(locale, "error.network");
  const fromApi = pickMessage(locale, error.message);
  if (fromApi) return fromApi;
  if (status === 429) return t(locale, "error.rateLimited");
  return t(locale, "error.unknown");
}
