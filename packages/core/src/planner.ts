import * as Actor from "./actor";
import { log } from "./log";

/**
 * The daily planner: recurring work (quarterly visit plans, pre-holiday visits, certificate
 * expiry) registers a step here. Each step must be idempotent: it schedules with keyed timers,
 * so a second run on the same day changes nothing.
 */
type Step = { name: string; run: () => Promise<unknown> };
const steps: Step[] = [];

export function register(name: string, run: () => Promise<unknown>) {
  if (!steps.some((s) => s.name === name)) steps.push({ name, run });
}

export async function runPlanner() {
  const results: Record<string, unknown> = {};
  for (const step of steps) {
    try {
      results[step.name] = await Actor.system(`planner:${step.name}`, step.run);
    } catch (err) {
      log.error("planner step failed", { step: step.name, error: err as Error });
      results[step.name] = { error: String((err as Error).message) };
    }
  }
  return results;
}
