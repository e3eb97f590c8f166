import type { Role } from "@aftersales/core/actor";

/** The demo accounts `npm start` creates on an empty database (documented in README.md). */
export const demoAccounts: { email: string; name: string; roles: Role[] }[] = [
  { email: "admin@demo.local", name: "张管理", roles: ["admin"] },
  { email: "cs@demo.local", name: "李客服", roles: ["cs_specialist"] },
  { email: "cs-lead@demo.local", name: "王主管", roles: ["cs_supervisor"] },
  { email: "engineer@demo.local", name: "赵工", roles: ["after_sales"] },
  { email: "pm@demo.local", name: "钱经理", roles: ["project_manager"] },
  { email: "eng-head@demo.local", name: "孙部长", roles: ["engineering_head"] },
  { email: "gm@demo.local", name: "周总", roles: ["general_manager"] },
  { email: "labour@demo.local", name: "吴劳务", roles: ["labour_admin"] },
  { email: "finance@demo.local", name: "郑财务", roles: ["finance"] },
  { email: "marketing@demo.local", name: "冯营销", roles: ["marketing"] },
  { email: "dept@demo.local", name: "陈部门", roles: ["department"] },
];

/** Creates whichever demo accounts are missing; running it again changes nothing. */
export async function seedDemo(): Promise<string[]> {
  const { Actor, User } = await import("@aftersales/core");
  const created: string[] = [];
  await Actor.system("seed", async () => {
    for (const account of demoAccounts) {
      if (await User.fromEmail(account.email)) continue;
      await User.create({ ...account, locale: "zh-CN" });
      created.push(account.email);
    }
  });
  return created;
}
