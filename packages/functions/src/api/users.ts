import { Hono } from "hono";
import { User } from "@aftersales/core";
import { body } from "./http";

export const users = new Hono()
  .get("/", async (c) => c.json({ users: (await User.list()).map(User.present) }))
  .post("/", async (c) => c.json({ user: User.present(await User.invite((await body(c)) as any)) }, 201))
  .patch("/:userID", async (c) => {
    const input = { ...((await body(c)) as object), userID: c.req.param("userID") };
    return c.json({ user: User.present(await User.update(input as any)) });
  });
