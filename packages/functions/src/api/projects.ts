import { Hono } from "hono";
import { Customer, Project } from "@aftersales/core";
import { body } from "./http";

export const projects = new Hono()
  .get("/", async (c) => {
    const q = c.req.query("q") ?? "";
    const customerID = c.req.query("customerID") || undefined;
    const [list, customers] = await Promise.all([Project.search(q, customerID), Customer.list()]);
    const names = new Map(customers.map((x) => [x.customerID, x.name]));
    return c.json({ projects: list.map((p) => ({ ...Project.present(p), customerName: names.get(p.customerID) })) });
  })
  .post("/", async (c) => c.json({ project: Project.present(await Project.create((await body(c)) as any)) }, 201))
  .get("/:projectID", async (c) => {
    const { project, ...rest } = await Project.detail(c.req.param("projectID"));
    return c.json({ project: Project.present(project), ...rest });
  })
  .patch("/:projectID", async (c) => {
    const input = { ...((await body(c)) as object), projectID: c.req.param("projectID") };
    return c.json({ project: Project.present(await Project.update(input as any)) });
  });

/** The warranty categories with labels and statutory minimums, for forms. */
export const warrantyCategories = new Hono().get("/categories", async (c) => c.json({ categories: await Project.categoryOptions() }));
