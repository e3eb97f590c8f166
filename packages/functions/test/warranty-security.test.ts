import { beforeAll, describe, expect, it } from "vitest";
import { Actor, Claim, Clock, Deposit, FollowUp, Link, Project, RepairLink, Ticket, WarrantyReport } from "@aftersales/core";
import { roles, type Role } from "@aftersales/core/actor";
import { call, mailTo, newClient, staff } from "./support";
import { publicCall, repairInput, setupProject } from "./warranty-support";

describe("customer links open only their own project or ticket", () => {
  it("a project link reports into its own project only, and cannot read tickets", async () => {
    const a = await setupProject({ name: "甲项目" });
    const b = await setupProject({ name: "乙项目" });
    const info = await publicCall("GET", "/api/public/repair", a.token);
    expect(info.json.projectName).toBe("甲项目");
    // Naming another project in the body changes nothing: the link decides the project.
    const res = await publicCall("POST", "/api/public/repair", a.token, { ...repairInput(), projectID: b.project.projectID });
    expect(res.status).toBe(201);
    const inA = await Actor.system("test", () => Ticket.listByProject(a.project.projectID));
    const inB = await Actor.system("test", () => Ticket.listByProject(b.project.projectID));
    expect(inA.map((t) => t.number)).toContain(res.json.number);
    expect(inB).toHaveLength(0);
    // A project link is not a ticket link.
    const track = await publicCall("GET", "/api/public/track", a.token);
    expect(track.status).toBe(404);
    expect(track.json.error.code).toBe("link.invalid");
  });

  it("a ticket link sees only its ticket and cannot report or act elsewhere", async () => {
    const a = await setupProject();
    const first = await publicCall("POST", "/api/public/repair", a.token, repairInput({ urgency: "small" }));
    const second = await publicCall("POST", "/api/public/repair", a.token, repairInput({ urgency: "general" }));
    const view = await publicCall("GET", "/api/public/track", first.json.trackingToken);
    expect(view.json.ticket.number).toBe(first.json.number);
    expect(JSON.stringify(view.json)).not.toContain(second.json.number);
    expect(view.json.ticket.categoryLabel["zh-CN"]).toBeTruthy();
    expect(view.json.now).toBeTruthy();
    // Internal handling (classification, escalation) is not part of the customer's timeline.
    expect(view.json.ticket.timeline.map((t: any) => t.action)).toEqual(["ticket.reported"]);
    expect((await publicCall("GET", "/api/public/repair", first.json.trackingToken)).status).toBe(404);
    expect((await publicCall("POST", "/api/public/repair", first.json.trackingToken, repairInput())).status).toBe(404);
    // Staff routes do not accept a link token as identification.
    const tickets = await publicCall("GET", "/api/tickets", first.json.trackingToken);
    expect(tickets.status).toBe(401);
  });

  it("a re-issued or revoked link stops working at once", async () => {
    const { project, token } = await setupProject();
    expect((await publicCall("GET", "/api/public/repair", token)).status).toBe(200);
    const { url } = await Actor.system("test", () => RepairLink.issue(project.projectID));
    const fresh = url.split("#")[1]!;
    expect((await publicCall("GET", "/api/public/repair", token)).status).toBe(404);
    expect((await publicCall("GET", "/api/public/repair", fresh)).status).toBe(200);
    await Actor.system("test", () => RepairLink.revoke(project.projectID));
    expect((await publicCall("GET", "/api/public/repair", fresh)).status).toBe(404);
    expect((await Project.fromID(project.projectID))!.repairLinkID).toBeUndefined();
    expect(await Actor.system("test", () => RepairLink.current(project.projectID))).toBeUndefined();
    expect((await publicCall("POST", "/api/public/repair", fresh, repairInput())).status).toBe(404);
    expect(await Actor.system("test", () => Ticket.listByProject(project.projectID))).toHaveLength(0);
  });

  it("unknown, malformed and missing tokens get the same answer", async () => {
    for (const token of [undefined, "", "short", "x".repeat(43), "../../etc/passwd-aaaaaaaaaaaaaaaaaaaaaa", "A".repeat(500)]) {
      const res = await publicCall("GET", "/api/public/repair", token);
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("link.invalid");
    }
  });

  it("public endpoints are rate-limited per client", async () => {
    const { token } = await setupProject();
    // Start at the beginning of a fresh fixed window, so the run cannot straddle two windows.
    const window = Link.LIMITS.perClient.windowSeconds * 1000;
    Clock.travelTo(new Date(Math.ceil(Clock.now().getTime() / window) * window + 1000));
    const client = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < Link.LIMITS.perClient.limit + 1; i++) statuses.push((await publicCall("GET", "/api/public/repair", token, undefined, client)).status);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another client is not affected.
    expect((await publicCall("GET", "/api/public/repair", token)).status).toBe(200);
  });
});

describe("bad input on the public routes gets a field-level error and writes nothing", () => {
  let projectID: string;
  let token: string;
  let tracking: string;

  beforeAll(async () => {
    const setup = await setupProject();
    projectID = setup.project.projectID;
    token = setup.token;
    const res = await publicCall("POST", "/api/public/repair", token, repairInput({ urgency: "small" }));
    tracking = res.json.trackingToken;
  });

  const cases: [string, Record<string, unknown>, string[]][] = [
    ["oversized description", { description: "漏".repeat(5000) }, ["description"]],
    ["script in the description", { description: '<script>alert("x")</script>' }, ["description"]],
    ["markup in the location", { location: '<img src=x onerror=alert(1)>' }, ["location"]],
    ["wrong types", { urgency: 5, category: ["plumbing"], photos: "a.png" }, ["urgency", "category", "photos"]],
    ["unknown urgency and category", { urgency: "asap", category: "roof" }, ["urgency", "category"]],
    ["bad phone and email", { contact: { name: "刘", phone: "12345", email: "not-mail" } }, ["contact.phone", "contact.email"]],
    ["missing contact", { contact: undefined }, ["contact"]],
    ["a photo that was never uploaded", { photos: ["01NOTUPLOADED"] }, ["photos.0"]],
    ["an unknown field", { price: 0 }, ["price"]],
  ];

  it.each(cases)("%s", async (_name, over, fields) => {
    const email = `bad.${Math.random().toString(36).slice(2)}@example.test`;
    const body = { ...repairInput({ contact: { name: "刘物业", phone: "13800138000", email } }), ...over };
    const before = (await Actor.system("test", () => Ticket.listByProject(projectID))).length;
    const res = await publicCall("POST", "/api/public/repair", token, body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation.failed");
    const got = res.json.error.fields.map((f: any) => f.field);
    for (const field of fields) expect(got).toContain(field);
    for (const f of res.json.error.fields) {
      expect(f.message["zh-CN"]).toBeTruthy();
      expect(f.message.en).toBeTruthy();
    }
    expect((await Actor.system("test", () => Ticket.listByProject(projectID))).length).toBe(before);
    expect(await mailTo(email)).toHaveLength(0);
  });

  it("refuses a wrong file type and an oversized file before issuing an upload URL", async () => {
    const html = await publicCall("POST", "/api/public/repair/uploads", token, { fileName: "x.html", contentType: "text/html", size: 100 });
    expect(html.status).toBe(400);
    expect(html.json.error.fields[0].field).toBe("contentType");
    const exe = await publicCall("POST", "/api/public/repair/uploads", token, { fileName: "x.exe", contentType: "application/x-msdownload", size: 100 });
    expect(exe.status).toBe(400);
    const big = await publicCall("POST", "/api/public/repair/uploads", token, { fileName: "big.jpg", contentType: "image/jpeg", size: 50 * 1024 * 1024 });
    expect(big.status).toBe(400);
    expect(big.json.error.fields[0].field).toBe("size");
    expect(big.json.error.fields[0].message["zh-CN"]).toContain("10 MB");
  });

  it("a PDF cannot be passed off as a repair photo", async () => {
    const pdf = Buffer.from("%PDF-1.4 test");
    const up = await publicCall("POST", "/api/public/repair/uploads", token, { fileName: "a.pdf", contentType: "application/pdf", size: pdf.length });
    await fetch(up.json.upload.url, { method: "PUT", headers: up.json.upload.headers, body: pdf });
    const res = await publicCall("POST", "/api/public/repair", token, { ...repairInput(), photos: [up.json.attachment.attachmentID] });
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0].field).toBe("photos.0");
  });

  it("refuses an oversized request body outright", async () => {
    const res = await publicCall("POST", "/api/public/repair", token, JSON.stringify({ ...repairInput(), description: "x".repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("request.too_large");
  });

  it("refuses bad acceptance and claim input on the tracking link", async () => {
    for (const body of [{ rating: 6 }, { rating: "5" }, { rating: 4, comment: "<script>x</script>" }]) {
      const res = await publicCall("POST", "/api/public/track/accept", tracking, body);
      expect(res.status).toBe(400);
    }
    for (const body of [{ amountFen: -1, description: "x", receiptID: "r" }, { amountFen: "100", description: "x", receiptID: "r" }, { amountFen: 1.5, description: "x", receiptID: "r" }]) {
      const res = await publicCall("POST", "/api/public/track/claims", tracking, body);
      expect(res.status).toBe(400);
      expect(res.json.error.fields.map((f: any) => f.field)).toContain("amountFen");
    }
    const view = await publicCall("GET", "/api/public/track", tracking);
    expect(view.json.ticket.status).toBe("reported");
    expect(view.json.claims).toEqual([]);
  });
});

describe("staff routes × roles", () => {
  const sessions = new Map<Role, string>();
  let ticketID: string;
  let projectID: string;
  let claimID = "unknown-claim";

  beforeAll(async () => {
    for (const role of roles) sessions.set(role, (await staff([role])).cookie);
    const setup = await setupProject();
    projectID = setup.project.projectID;
    const res = await publicCall("POST", "/api/public/repair", setup.token, repairInput({ urgency: "small" }));
    ticketID = (await Actor.system("test", () => Ticket.listByProject(projectID)))[0]!.ticketID;
    void res;
    void Claim;
  });

  const table: [string, string, () => string, () => unknown, readonly Role[]][] = [
    ["GET", "board", () => "/api/tickets", () => undefined, Ticket.readers],
    ["GET", "ticket", () => `/api/tickets/${ticketID}`, () => undefined, Ticket.readers],
    ["POST", "acknowledge", () => `/api/tickets/${ticketID}/acknowledge`, () => ({}), Ticket.actors],
    ["POST", "classify", () => `/api/tickets/${ticketID}/classify`, () => ({ severity: "small" }), Ticket.actors],
    ["POST", "close", () => `/api/tickets/${ticketID}/close`, () => ({}), Ticket.closers],
    ["POST", "open a ticket", () => "/api/tickets", () => ({ ...repairInput(), projectID, source: "phone" }), Ticket.openers],
    ["GET", "engineers", () => "/api/engineers", () => undefined, Ticket.readers],
    ["GET", "repair link", () => `/api/projects/${projectID}/repair-link`, () => undefined, Project.readers],
    ["POST", "issue repair link", () => `/api/projects/${projectID}/repair-link`, () => ({}), Project.writers],
    ["GET", "deposit ledger", () => `/api/projects/${projectID}/deposit`, () => undefined, Deposit.readers],
    ["GET", "project follow-ups", () => `/api/projects/${projectID}/followups`, () => undefined, FollowUp.readers],
    ["GET", "claims", () => "/api/claims", () => undefined, Claim.readers],
    ["POST", "approve a claim", () => `/api/claims/${claimID}/approve`, () => ({ approvedFen: 100 }), Claim.deciders],
    ["POST", "reject a claim", () => `/api/claims/${claimID}/reject`, () => ({ reason: "无发票" }), Claim.deciders],
    ["GET", "follow-up tasks", () => "/api/followups", () => undefined, FollowUp.readers],
    ["POST", "complete a follow-up", () => "/api/followups/complete", () => ({ projectID, dueOn: "2030-01-01", notes: "x" }), FollowUp.doers],
    ["GET", "warranty report", () => "/api/reports/warranty", () => undefined, WarrantyReport.readers],
    ["GET", "warranty CSV", () => "/api/reports/warranty/tickets.csv", () => undefined, WarrantyReport.readers],
  ];

  it.each(table)("%s %s: 401 without a session", async (method, _name, path, body) => {
    const res = await call(method, path(), { body: body() });
    expect(res.status).toBe(401);
  });

  it.each(table)("%s %s: only the allowed roles get past the role check", async (method, _name, path, body, allowed) => {
    for (const role of roles) {
      const res = await call(method, path(), { body: body(), cookie: sessions.get(role) });
      if (allowed.includes(role)) expect([401, 403], `${role} should be allowed`).not.toContain(res.status);
      else expect(res.status, `${role} should be refused`).toBe(403);
    }
  });
});
