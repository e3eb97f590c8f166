import { log, Timer } from "@aftersales/core";
import { runPlanner } from "@aftersales/core/planner";

/**
 * The EventBridge Scheduler target. One-time schedules deliver `{ timerID }`; the recurring
 * sweep delivers `{ sweep: true }` (fires anything due that a schedule missed); the daily
 * planner delivers `{ planner: true }`. Delivering the same event twice is harmless.
 */
export type TimerEvent = { timerID?: string; sweep?: boolean; planner?: boolean };

export async function handler(event: TimerEvent) {
  if (event.timerID) return { result: await Timer.fire(event.timerID) };
  if (event.sweep) return Timer.sweep();
  if (event.planner) return runPlanner();
  log.warn("timer event without a known shape", { event });
  return { ignored: true };
}
