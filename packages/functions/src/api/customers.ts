import { Hono } from "hono";
import { Customer, Project } from "@aftersales/core";
import { body } from "./http";

export const customers = new Hono()
  .get("/", async (c) => {
    const q = c.req.query("q");
    const list = q ? await Customer.search(q) : await Customer.list();
    return c.json({ customers: list.map(Customer.present) });
  })
  .post("/", async (c) => c.json({ customer: Customer.present(await Customer.create((await body(c)) as any)) }, 201))
  .get("/:customerID", async (c) => {
    const { customer, contracts } = await Customer.detail(c.req.param("customerID"));
    const projects = await Project.listByCustomer(customer.customerID);
    return c.json({
      customer: Customer.present(customer),
      contracts: contracts.map(Customer.present),
      projects: projects.map(Project.present),
    });
  })
  .patch("/:customerID", async (c) => {
    const input = { ...((await body(c)) as object), customerID: c.req.param("customerID") };
    return c.json({ customer: Customer.present(await Customer.update(input as any)) });
  })
  .post("/:customerID/contracts", async (c) => {
    const input = { ...((await body(c)) as object), customerID: c.req.param("customerID") };
    const contract = await Customer.addContract(input as any);
    return c.json({ contract: Customer.present(contract), customer: await presentCustomer(contract.customerID) }, 201);
  })
  .patch("/:customerID/contracts/:contractID", async (c) => {
    const input = { ...((await body(c)) as object), customerID: c.req.param("customerID"), contractID: c.req.param("contractID") };
    const contract = await Customer.updateContract(input as any);
    return c.json({ contract: Customer.present(contract), customer: await presentCustomer(contract.customerID) });
  })
  .delete("/:customerID/contracts/:contractID", async (c) => {
    const version = c.req.query("version");
    const input = { customerID: c.req.param("customerID"), contractID: c.req.param("contractID"), ...(version ? { version: Number(version) } : {}) };
    const contract = await Customer.removeContract(input);
    return c.json({ contract: Customer.present(contract), customer: await presentCustomer(contract.customerID) });
  });

/** The customer after a contract change (its class may have moved). */
async function presentCustomer(customerID: string) {
  const customer = await Customer.fromID(customerID);
  return customer ? Customer.present(customer) : undefined;
}
