/**
 * Creates the first administrator of a deployed stage (or gives an existing user the admin role).
 * Run it with the stage's resources bound, using your AWS credentials:
 *
 *   npx sst bind --stage prod -- npx tsx packages/functions/scripts/create-admin.ts you@company.cn "姓名"
 *
 * The new admin then signs in on the site with a code emailed to that address.
 */
import { Actor, User } from "@aftersales/core";

const [email, name] = process.argv.slice(2);
if (!email || !name) {
  console.error('usage: create-admin.ts <email> "<name>"');
  process.exit(2);
}

await Actor.system("create-admin", async () => {
  const existing = await User.fromEmail(email);
  if (existing) {
    const roles = [...new Set([...existing.roles, "admin" as const])];
    const user = await User.update({ userID: existing.userID, roles, active: true });
    console.log(`${user.email} is an administrator (roles: ${user.roles.join(", ")}).`);
    return;
  }
  const user = await User.create({ email, name, roles: ["admin"], locale: "zh-CN" });
  console.log(`Created administrator ${user.email} (${user.userID}). Sign in at the site with a code sent to this address.`);
});
