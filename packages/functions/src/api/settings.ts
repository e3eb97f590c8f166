import { Hono } from "hono";
import { Settings } from "@aftersales/core";
import { body } from "./http";

export const settings = new Hono()
  .get("/", async (c) => c.json({ settings: Settings.present(await Settings.read()) }))
  .put("/", async (c) => c.json({ settings: Settings.present(await Settings.update((await body(c)) as any)) }));
