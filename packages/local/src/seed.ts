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

/**
 * Demo customers, contracts, projects (with repair links) and a few repair tickets in different
 * states, created through the real domain functions. Only on a database without customers.
 */
export async function seedWarrantyDemo(): Promise<boolean> {
  const { Actor, Clock, Customer, Project, RepairLink, Ticket, User } = await import("@aftersales/core");
  return Actor.system("seed", async () => {
    if ((await Customer.list()).length > 0) return false;
    const day = (offset: number) => Clock.shanghaiDate(Clock.addDays(Clock.now(), offset));
    const owner = await Customer.create({
      name: "华南置业集团有限公司",
      kind: "owner",
      address: "广州市天河区珠江新城华夏路 16 号",
      contacts: [
        { role: "chairman_gm", name: "陈志远", title: "总经理", phone: "13902220001" },
        { role: "chief_engineer", name: "黄工", title: "机电总工", phone: "13902220002", email: "huang.gong@example.cn" },
        { role: "operations", name: "林师傅", title: "运行主管", phone: "13902220003" },
      ],
    });
    const pm = await Customer.create({
      name: "明珠物业管理有限公司",
      kind: "property_management",
      contacts: [{ role: "operations", name: "吴经理", title: "工程部经理", phone: "13802230001", email: "wu.pm@example.cn" }],
    });
    const small = await Customer.create({ name: "锦绣商贸有限公司", kind: "owner" });
    await Customer.addContract({ customerID: owner.customerID, number: "HT-2024-018", title: "华夏中心机电安装工程", amountFen: 1_268_000_000, signedOn: day(-900) });
    await Customer.addContract({ customerID: pm.customerID, number: "HT-2025-006", title: "明珠花园二期给排水改造", amountFen: 385_000_000, signedOn: day(-500) });
    await Customer.addContract({ customerID: small.customerID, number: "HT-2025-031", title: "锦绣商场空调系统维保", amountFen: 86_000_000, signedOn: day(-300) });

    const tower = await Project.create({
      customerID: owner.customerID,
      name: "华夏中心机电安装工程",
      address: "广州市天河区华夏路 16 号",
      completionAcceptedOn: day(-400),
      handoverOn: day(-380),
      inUseSince: day(-20),
      depositFen: 38_040_000,
      agreedRepairDays: 5,
      handoverDocs: [
        { item: "manuals", done: true, doneOn: day(-385) },
        { item: "usage_notes", done: true, doneOn: day(-385) },
        { item: "maintenance_conditions", done: true, doneOn: day(-385) },
        { item: "training", done: true, doneOn: day(-383) },
        { item: "as_built_drawings", done: false },
      ],
    });
    const garden = await Project.create({
      customerID: pm.customerID,
      name: "明珠花园二期给排水改造",
      completionAcceptedOn: day(-800),
      depositFen: 11_550_000,
    });
    await Project.create({ customerID: small.customerID, name: "锦绣商场空调系统", completionAcceptedOn: day(-200), depositFen: 2_580_000 });

    const towerLink = await RepairLink.issue(tower.projectID);
    await RepairLink.issue(garden.projectID);
    void towerLink;

    const engineer = await User.fromEmail("engineer@demo.local");
    const report = (input: Record<string, unknown>) =>
      Ticket.submit({
        projectID: tower.projectID,
        source: "phone",
        contact: { name: "林师傅", phone: "13902220003" },
        ...input,
      } as any);
    const { ticket: leak } = await report({ description: "地下一层水泵房 2# 给水泵机械密封漏水", location: "B1 水泵房", category: "equipment", urgency: "emergency" });
    await report({ description: "12 层走廊两盏筒灯不亮", location: "12F 东侧走廊", category: "electrical", urgency: "small" });
    const { ticket: fan } = await report({ description: "屋面 3# 排风机运行噪声大", location: "屋面机房", category: "equipment", urgency: "general" });
    if (engineer) {
      await Ticket.dispatch({ ticketID: leak.ticketID, engineerID: engineer.userID });
      await Ticket.dispatch({ ticketID: fan.ticketID, engineerID: engineer.userID });
      await Ticket.arrive({ ticketID: fan.ticketID });
      await Ticket.repair({ ticketID: fan.ticketID, note: "更换风机轴承并重新做动平衡", responsibleTeam: "通风空调二班" });
    }
    return true;
  });
}

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
