/**
 * The only source of "now". Stored times are UTC instants; business rules ("same day",
 * quarters, holidays) are computed in Asia/Shanghai with the helpers below.
 * Tests and the local runtime may move the clock forward (never on AWS: the API refuses it).
 */
export const ZONE = "Asia/Shanghai";
/** China has had no daylight-saving time since 1991: a fixed +08:00 offset. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

let offsetMs = 0;
const listeners = new Set<(offsetMs: number) => void>();

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function nowISO(): string {
  return now().toISOString();
}

/** Moves the clock forward by ms (negative values are refused: time does not run backwards). */
export function advance(ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError("clock can only move forward");
  setOffset(offsetMs + ms);
  return now();
}

/** Moves the clock to an instant in the future. */
export function travelTo(instant: Date): Date {
  return advance(Math.max(0, instant.getTime() - now().getTime()));
}

export function offset(): number {
  return offsetMs;
}

export function setOffset(ms: number) {
  offsetMs = ms;
  for (const listener of listeners) listener(offsetMs);
}

export function onChange(listener: (offsetMs: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The calendar date in Shanghai, "YYYY-MM-DD". */
export function shanghaiDate(instant: Date = now()): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant of a Shanghai wall-clock time ("YYYY-MM-DD", "HH:mm:ss.SSS"). */
export function fromShanghai(date: string, time = "00:00:00.000"): Date {
  return new Date(`${date}T${time}+08:00`);
}

/** Last millisecond of the Shanghai calendar day containing `instant` (23:59:59.999 local). */
export function endOfShanghaiDay(instant: Date = now()): Date {
  return fromShanghai(shanghaiDate(instant), "23:59:59.999");
}

/** Shanghai wall-clock time "YYYY-MM-DDTHH:mm:ss" (what EventBridge `at()` with a time zone wants). */
export function shanghaiWallClock(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19);
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

export function addHours(instant: Date, hours: number): Date {
  return addMinutes(instant, hours * 60);
}

export function addDays(instant: Date, days: number): Date {
  return addHours(instant, days * 24);
}
