import type * as Project from "../project/index";
import * as Deposit from "./deposit";
import * as FollowUp from "./followup";

/**
 * What the warranty area does when a project is created or changed: keeps the deposit ledger's
 * amount in step, schedules the free follow-up visits from the in-use date and the deposit
 * release. Idempotent: calling it again for the same project state changes nothing.
 */
export async function onProjectSaved(project: Project.Info): Promise<void> {
  await Deposit.syncAmount(project.projectID, project.depositFen);
  await FollowUp.plan(project);
  await Deposit.scheduleRelease(project);
}
