// Every date/time shown in the portal is formatted in Asia/Shanghai (Beijing time),
// whatever the browser's own time zone is.

export type FormatLocale = "zh-CN" | "en";
export const TIME_ZONE = "Asia/Shanghai";

const styles = {
  datetime: { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  date: { year: "numeric", month: "2-digit", day: "2-digit" },
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  weekday: { weekday: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof styles;

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: FormatLocale, style: DateStyle): Intl.DateTimeFormat {
  const k = `${locale}|${style}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...styles[style] });
    cache.set(k, f);
  }
  return f;
}

/** Format an ISO string / epoch ms / Date in Asia/Shanghai. Invalid or empty → "—". */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  locale: FormatLocale,
  style: DateStyle = "datetime",
): string {
  if (value === null || value === undefined || value === "") return "—";
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  return formatter(locale, style).format(d);
}

/** "2025/03/01 10:00 周六" — date, time and weekday (used by the demo clock). */
export const formatDateTimeWeekday = (v: string | number | Date | null | undefined, locale: FormatLocale) => {
  const s = formatDateTime(v, locale);
  return s === "—" ? s : `${s} ${formatDateTime(v, locale, "weekday")}`;
};

export const formatDate = (v: string | number | Date | null | undefined, locale: FormatLocale) =>
  formatDateTime(v, locale, "date");
