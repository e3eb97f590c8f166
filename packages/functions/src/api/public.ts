import { Hono, type Context } from "hono";
import { Actor, Attachment, Claim, Clock, Link, Project, Ticket, type Link as LinkNS } from "@aftersales/core";
import { categories, categoryLabels } from "@aftersales/core/project/warranty";
import { body, clientAddress } from "./http";

/**
 * The customer's side: no account, a capability link whose token travels in the
 * `x-link-token` header (the page keeps it in the URL fragment, so it never reaches logs).
 * Each route resolves the token for its own scope and acts as that link.
 */
async function asLink<R>(c: Context, scope: "project" | "ticket", cb: (link: LinkNS.Info) => Promise<R>): Promise<R> {
  const link = await Link.resolve(c.req.header("x-link-token"), scope, clientAddress(c));
  return Actor.provide(
    { type: "customer", properties: { linkID: link.linkID, scope, projectID: link.projectID, subjectID: link.subjectID } },
    () => cb(link),
  );
}

export const publicRoutes = new Hono()
  .get("/repair", (c) =>
    asLink(c, "project", async (link) => {
      const project = await Project.fromID(link.projectID);
      return c.json({
        projectName: project?.name ?? "",
        categories: categories.map((key) => ({ key, label: categoryLabels[key] })),
        severities: Ticket.severities,
      });
    }),
  )
  .post("/repair/uploads", (c) =>
    asLink(c, "project", async (link) => c.json(await Attachment.prepareUpload({ ...((await body(c)) as object), ref: `link:${link.linkID}` } as any), 201)),
  )
  .post("/repair", (c) =>
    asLink(c, "project", async (link) => {
      const input = { ...((await body(c)) as object), projectID: link.projectID, source: "customer_link" } as any;
      const { ticket, trackingToken } = await Ticket.submit(input);
      return c.json({ number: ticket.number, trackingToken, trackingURL: Ticket.trackingURL(trackingToken) }, 201);
    }),
  )
  .get("/track", (c) =>
    asLink(c, "ticket", async (link) => {
      const view = await Ticket.forCustomer(link.subjectID);
      const claims = (await Claim.listByTicket(link.subjectID)).map((cl) => ({
        amountFen: cl.amountFen,
        status: cl.status,
        approvedFen: cl.approvedFen,
        deductedFen: cl.deductedFen,
        reason: cl.status === "rejected" ? cl.reason : undefined,
        submittedAt: cl.submittedAt,
        decidedAt: cl.decidedAt,
      }));
      const files = await Attachment.links(view.photos);
      return c.json({ ticket: { ...view, photos: view.photos.flatMap((id) => files.get(id)?.url ?? []) }, claims, now: Clock.nowISO() });
    }),
  )
  .post("/track/accept", (c) =>
    asLink(c, "ticket", async (link) => {
      await Ticket.accept({ ...((await body(c)) as object), ticketID: link.subjectID } as any);
      return c.json({ ticket: await Ticket.forCustomer(link.subjectID) });
    }),
  )
  .post("/track/reopen", (c) =>
    asLink(c, "ticket", async (link) => {
      await Ticket.reopen({ ...((await body(c)) as object), ticketID: link.subjectID } as any);
      return c.json({ ticket: await Ticket.forCustomer(link.subjectID) });
    }),
  )
  .post("/track/uploads", (c) =>
    asLink(c, "ticket", async (link) => c.json(await Attachment.prepareUpload({ ...((await body(c)) as object), ref: `link:${link.linkID}` } as any), 201)),
  )
  .post("/track/claims", (c) =>
    asLink(c, "ticket", async (link) => {
      const claim = await Claim.submit({ ...((await body(c)) as object), ticketID: link.subjectID } as any);
      return c.json({ claim: { amountFen: claim.amountFen, status: claim.status, submittedAt: claim.submittedAt } }, 201);
    }),
  );
