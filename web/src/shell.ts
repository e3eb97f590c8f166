// Behaviour of the staff shell (StaffLayout.astro). Vanilla TS, bundled by Astro.
// - GET /api/me → name + roles in the header; 401 → sign-in page (same language).
// - Shows elements marked data-roles="a b" only to users holding one of those roles.
// - Fills [data-user-name] placeholders.
// - #signout → POST /api/auth/signout → sign-in page.
// - Local mode (GET /api/local/info = 200): mailbox link; for admins the demo clock.
// Announces the user with window event "portal:user" (detail: User) and window.portalUser;
// after a demo-clock change fires "portal:clock" (detail: { now }).
import { api, type ApiResult, type User } from "./api";
import { formatDateTimeWeekday } from "./format";

declare global {
  interface Window {
    portalUser?: User;
  }
}

const $ = (id: string) => document.getElementById(id);
const locale = document.documentElement.lang === "en" ? "en" : "zh-CN";
const header = $("app-header")!;
const cfg = JSON.parse(header.dataset.shell || "{}") as {
  signin: string;
  roles: Record<string, string>;
  meFailed: string;
  network: string;
  unknown: string;
  signoutFailed: string;
};

function message(res: ApiResult<unknown>, fallback: string): string {
  if (res.ok) return "";
  if (res.status === 0) return cfg.network;
  return res.error.message?.[locale] || res.error.message?.en || fallback;
}

function showError(text: string) {
  const el = $("shell-error");
  if (!el) return;
  el.textContent = text;
  el.hidden = !text;
}

// ---- current user
const mePromise: Promise<User | null> = api<{ user: User }>("GET", "/api/me").then((res) => {
  if (res.ok && res.data?.user) {
    const user = res.data.user;
    const name = $("user-name")!;
    name.textContent = user.name || user.email;
    name.title = user.email;
    const roleText = user.roles.map((r) => cfg.roles[r] || r).join(" · ");
    const rolesEl = $("user-roles")!;
    rolesEl.textContent = roleText;
    rolesEl.title = roleText;
    document.querySelectorAll<HTMLElement>("[data-roles]").forEach((el) => {
      const need = (el.dataset.roles || "").split(" ").filter(Boolean);
      el.hidden = need.length > 0 && !need.some((r) => user.roles.includes(r));
    });
    document.querySelectorAll<HTMLElement>("[data-user-name]").forEach((el) => {
      el.textContent = user.name || user.email;
    });
    document.body.dataset.auth = "ok";
    window.portalUser = user;
    window.dispatchEvent(new CustomEvent("portal:user", { detail: user }));
    return user;
  }
  if (res.status === 401) {
    location.replace(cfg.signin);
    return null;
  }
  $("user-name")!.textContent = "";
  showError(message(res, cfg.meFailed));
  return null;
});

// ---- sign out
const signout = $("signout") as HTMLButtonElement;
signout.addEventListener("click", async () => {
  signout.disabled = true;
  const res = await api("POST", "/api/auth/signout");
  if (res.status === 0) {
    signout.disabled = false;
    showError(cfg.signoutFailed + " " + cfg.network);
    return;
  }
  location.assign(cfg.signin);
});

// ---- local demo: mailbox link + demo clock (admins)
type LocalInfo = { mailboxUrl: string; now: string };
const clockNow = $("clock-now") as HTMLTimeElement;
const clockError = $("clock-error")!;
function setNow(now: string) {
  clockNow.dateTime = now;
  clockNow.textContent = formatDateTimeWeekday(now, locale);
}

api<LocalInfo>("GET", "/api/local/info").then(async (res) => {
  if (!res.ok || !res.data?.mailboxUrl) return; // not local mode (404 on AWS)
  ($("mailbox-link") as HTMLAnchorElement).href = res.data.mailboxUrl;
  $("local-bar")!.hidden = false;
  const user = await mePromise;
  if (!user?.roles.includes("admin")) return;
  setNow(res.data.now);
  $("demo-clock")!.hidden = false;

  // keep the shown time fresh while the tab is visible
  setInterval(async () => {
    if (document.visibilityState !== "visible") return;
    const r = await api<LocalInfo>("GET", "/api/local/info");
    if (r.ok && r.data?.now) setNow(r.data.now);
  }, 60_000);

  const buttons = document.querySelectorAll<HTMLButtonElement>("#demo-clock button[data-minutes]");
  buttons.forEach((b) =>
    b.addEventListener("click", async () => {
      buttons.forEach((x) => (x.disabled = true));
      clockError.textContent = "";
      const r = await api<{ now: string }>("POST", "/api/local/clock", { advanceMinutes: Number(b.dataset.minutes) });
      buttons.forEach((x) => (x.disabled = false));
      if (r.ok && r.data?.now) {
        setNow(r.data.now);
        window.dispatchEvent(new CustomEvent("portal:clock", { detail: { now: r.data.now } }));
      } else {
        clockError.textContent = message(r, cfg.unknown);
      }
    }),
  );
});
