import { describe, expect, it } from "vitest";
import { Clock } from "../src/index";

describe("the clock: stored in UTC, business days in Asia/Shanghai", () => {
  it("23:30 in Shanghai belongs to that Shanghai day, which ends at 23:59:59.999 local", () => {
    const lateEvening = new Date("2026-03-10T15:30:00Z"); // 23:30 Shanghai
    expect(Clock.shanghaiDate(lateEvening)).toBe("2026-03-10");
    expect(Clock.endOfShanghaiDay(lateEvening).toISOString()).toBe("2026-03-10T15:59:59.999Z");
  });

  it("00:30 in Shanghai is the next calendar day although UTC still says the previous one", () => {
    const earlyMorning = new Date("2026-03-10T16:30:00Z");
    expect(Clock.shanghaiDate(earlyMorning)).toBe("2026-03-11");
  });

  it("renders Shanghai wall-clock time for schedules", () => {
    expect(Clock.shanghaiWallClock(new Date("2026-12-31T16:05:00Z"))).toBe("2027-01-01T00:05:00");
    expect(Clock.fromShanghai("2027-01-01", "00:05:00").toISOString()).toBe("2026-12-31T16:05:00.000Z");
  });

  it("only moves forward", () => {
    const before = Clock.now().getTime();
    Clock.advance(60_000);
    expect(Clock.now().getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(() => Clock.advance(-1)).toThrow();
  });
});
