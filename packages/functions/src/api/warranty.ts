import { Hono } from "hono";
import QRCode from "qrcode";
import { z } from "zod";
import { Actor, Attachment, Claim, Clock, Deposit, FollowUp, fromZod, Project, RepairLink, Ticket, User, WarrantyReport } from "@aftersales/core";
import { body } from "./http";

const boardQuery = z
  .object({
    view: z.enum(["open", "all"]).default("open"),
    status: z.enum(Ticket.statuses).optional(),
    severity: z.enum(Ticket.severities).optional(),
    projectID: z.string().max(40).optional(),
    overdue: z.enum(["1", "0"]).optional(),
    from: z.string().regex(/^\d{4}-\d{2}$/).optional(),
    to: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  })
  .strict();

/** A ticket as the board shows it: the item without its history, plus derived flags. */
function summary(ticket: Ticket.Info, projectNames: Map<string, string>) {
  const { history: _h, ...rest } = ticket;
  return { ...rest, projectName: projectNames.get(ticket.projectID) ?? "", overdue: Ticket.overdue(ticket) };
}

async function projectNames() {
  return new Map((await Project.list()).map((p) => [p.projectID, p.name]));
}

export const tickets = new Hono()
  .get("/", async (c) => {
    const parsed = boardQuery.safeParse(c.req.query());
    if (!parsed.success) throw fromZod(parsed.error);
    const q = parsed.data;
    let list: Ticket.Info[];
    if (q.projectID) {
      // A project's tickets, narrowed to the same view and months as the board's other views.
      const months = q.view === "open" && !q.from ? undefined : WarrantyReport.monthsBetween(q.from ?? q.to ?? Clock.shanghaiDate().slice(0, 7), q.to ?? Clock.shanghaiDate().slice(0, 7));
      list = (await Ticket.listByProject(q.projectID)).filter((t) =>
        months ? months.includes(t.reportedMonth) : Ticket.openStatuses.includes(t.status),
      );
    } else if (q.view === "open" && !q.from) list = await Ticket.listByStatus(q.status ? [q.status] : Ticket.openStatuses);
    else {
      const to = q.to ?? Clock.shanghaiDate().slice(0, 7);
      const from = q.from ?? to;
      list = await Ticket.listByMonths(WarrantyReport.monthsBetween(from, to).slice(-36));
    }
    const names = await projectNames();
    const rows = list
      .filter((t) => (!q.status || t.status === q.status) && (!q.severity || t.severity === q.severity))
      .filter((t) => (q.overdue === "1" ? Ticket.overdue(t) : true))
      .sort((a, b) => b.reportedAt.localeCompare(a.reportedAt))
      .map((t) => summary(t, names));
    return c.json({ tickets: rows, now: Clock.nowISO() });
  })
  .post("/", async (c) => {
    const { ticket } = await Ticket.submit((await body(c)) as any);
    return c.json({ ticket }, 201);
  })
  .post("/uploads", async (c) => {
    const input = (await body(c)) as any;
    Actor.assertRole(...Ticket.openers);
    const project = await Project.fromID(String(input?.projectID ?? ""));
    if (!project) throw fromZod(z.object({ projectID: z.literal("?") }).safeParse({}).error!);
    const { projectID: _p, ...file } = input;
    return c.json(await Attachment.prepareUpload({ ...file, ref: `project:${project.projectID}` }), 201);
  })
  .get("/:ticketID", async (c) => {
    const ticket = await Ticket.get(c.req.param("ticketID"));
    const project = await Project.fromID(ticket.projectID);
    const claims = await Claim.listByTicket(ticket.ticketID);
    const files = await Attachment.links([...ticket.photos, ...claims.map((cl) => cl.receiptID)]);
    return c.json({
      ticket: { ...ticket, overdue: Ticket.overdue(ticket) },
      project: project ? { projectID: project.projectID, name: project.name, customerID: project.customerID } : undefined,
      claims: claims.map((claim) => ({ ...claim, receiptURL: files.get(claim.receiptID)?.url })),
      photos: ticket.photos.flatMap((id) => files.get(id) ?? []),
      now: Clock.nowISO(),
    });
  })
  .post("/:ticketID/:action{acknowledge|classify|dispatch|arrive|repair|close}", async (c) => {
    const input = { ...((await body(c)) as object), ticketID: c.req.param("ticketID") } as any;
    const action = c.req.param("action") as "acknowledge" | "classify" | "dispatch" | "arrive" | "repair" | "close";
    const ticket = await Ticket[action](input);
    return c.json({ ticket });
  });

export const engineers = new Hono().get("/", async (c) => {
  Actor.assertRole(...Ticket.readers);
  const list = await User.withRole("after_sales");
  return c.json({ engineers: list.map((u) => ({ userID: u.userID, name: u.name, email: u.email })) });
});

export const repairLinks = new Hono()
  .get("/:projectID/repair-link", async (c) => {
    const current = await RepairLink.current(c.req.param("projectID"));
    if (!current) return c.json({ link: null });
    return c.json({ ...current, qrSvg: await QRCode.toString(current.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) });
  })
  .post("/:projectID/repair-link", async (c) => {
    const issued = await RepairLink.issue(c.req.param("projectID"));
    return c.json({ ...issued, qrSvg: await QRCode.toString(issued.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) }, 201);
  })
  .delete("/:projectID/repair-link", async (c) => {
    await RepairLink.revoke(c.req.param("projectID"));
    return c.json({ ok: true });
  })
  .get("/:projectID/deposit", async (c) => {
    const projectID = c.req.param("projectID");
    const ledger = await Deposit.fromProject(projectID);
    const claims = await Claim.listByProject(projectID);
    const project = await Project.fromID(projectID);
    return c.json({ ledger: ledger ?? null, claims, project: project ? { projectID, name: project.name, depositFen: project.depositFen } : null });
  })
  .get("/:projectID/followups", async (c) => c.json({ followUps: await FollowUp.listByProject(c.req.param("projectID")) }));

export const claims = new Hono()
  .get("/", async (c) => {
    const status = z.enum(["submitted", "approved", "rejected"]).default("submitted").safeParse(c.req.query("status"));
    if (!status.success) throw fromZod(status.error);
    const list = await Claim.listByStatus(status.data);
    // The queue shows each claim with its ticket number, project and receipt: batch reads, not one per claim.
    const [names, tickets, receipts] = await Promise.all([
      projectNames(),
      Ticket.fromIDs(list.map((c) => c.ticketID)),
      Attachment.links(list.map((c) => c.receiptID)),
    ]);
    const numbers = new Map(tickets.map((t) => [t.ticketID, t.number]));
    const claims = list.map((claim) => ({
      ...claim,
      number: numbers.get(claim.ticketID),
      projectName: names.get(claim.projectID) ?? "",
      receiptURL: receipts.get(claim.receiptID)?.url,
    }));
    return c.json({ claims, now: Clock.nowISO() });
  })
  .post("/:claimID/approve", async (c) =>
    c.json({ claim: await Claim.approve({ ...((await body(c)) as object), claimID: c.req.param("claimID") } as any) }),
  )
  .post("/:claimID/reject", async (c) =>
    c.json({ claim: await Claim.reject({ ...((await body(c)) as object), claimID: c.req.param("claimID") } as any) }),
  );

export const followUps = new Hono()
  .get("/", async (c) => {
    const until = c.req.query("until");
    const list = await FollowUp.listPlanned(until && /^\d{4}-\d{2}-\d{2}$/.test(until) ? until : undefined);
    const names = await projectNames();
    return c.json({ followUps: list.map((f) => ({ ...f, projectName: names.get(f.projectID) ?? "" })), now: Clock.nowISO() });
  })
  .post("/complete", async (c) => c.json({ followUp: await FollowUp.complete((await body(c)) as any) }));

export const reports = new Hono()
  .get("/warranty", async (c) => c.json({ ...(await WarrantyReport.warranty(c.req.query() as any)), now: Clock.nowISO() }))
  .get("/warranty/tickets.csv", async (c) => {
    const csv = await WarrantyReport.ticketsCSV(c.req.query() as any);
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="warranty-tickets.csv"`);
    return c.body(csv);
  });
