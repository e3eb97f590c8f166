import * as Actor from "../actor";
import { NotFoundError } from "../error";
import * as Link from "../link/index";
import * as Project from "../project/index";
import { siteURL } from "../site";

/**
 * The project's repair link (报修链接): one active link per project, printed as a QR code for
 * the site office. Re-issuing revokes the previous link at once.
 */
export function repairURL(token: string, locale: "zh-CN" | "en" = "zh-CN") {
  return siteURL(`${locale === "en" ? "/en" : ""}/repair/#${token}`);
}

async function mustProject(projectID: string) {
  const project = await Project.fromID(projectID);
  if (!project) throw new NotFoundError("project", "工程", "Project");
  return project;
}

/** Staff who read projects may show and print the QR code (after-sales at the site office too). */
export async function current(projectID: string): Promise<{ link: Link.Info; url: string } | undefined> {
  Actor.assertRole(...Project.readers);
  const project = await mustProject(projectID);
  if (!project.repairLinkID) return undefined;
  const link = await Link.fromID(project.repairLinkID);
  const token = link?.status === "active" ? await Link.reveal(project.repairLinkID) : undefined;
  return link && token ? { link, url: repairURL(token) } : undefined;
}

export async function issue(projectID: string): Promise<{ link: Link.Info; url: string }> {
  Actor.assertRole(...Project.writers);
  const project = await mustProject(projectID);
  const { link, token } = await Link.issue({ scope: "project", projectID, subjectID: projectID });
  await Project.setRepairLinkID(projectID, link.linkID);
  if (project.repairLinkID) await Link.revoke(project.repairLinkID);
  return { link, url: repairURL(token) };
}

export async function revoke(projectID: string): Promise<void> {
  Actor.assertRole(...Project.writers);
  const project = await mustProject(projectID);
  if (!project.repairLinkID) return;
  await Link.revoke(project.repairLinkID);
  await Project.clearRepairLinkID(projectID, project.repairLinkID);
}
