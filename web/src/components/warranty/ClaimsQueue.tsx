import "../../dict/tickets";
// Claims queue (/portal/warranty/claims/): GET /api/claims?status=submitted|approved|rejected,
// each with its ticket (number, project, receipt) and, for deciders, approve / reject.
import { createSignal, For, onMount, Show } from "solid-js";
import { api } from "../../api";
import { t, type Locale } from "../../i18n";
import ClaimCard from "./ClaimCard";
import { claimStatusLabel, deciders, failedLoad, hasRole, usePortalUser, type Claim, type LoadState, type ProjectOption } from "./common";
import { LoadProblem, Loading } from "./ui";

const tabs = ["submitted", "approved", "rejected"] as const;
type Tab = (typeof tabs)[number];
type TicketInfo = { number: string; projectName: string; receipts: Record<string, string | undefined> };

export default function ClaimsQueue(props: { locale: Locale }) {
  const L = props.locale;
  const user = usePortalUser();
  const initial = tabs.find((s) => s === new URLSearchParams(typeof location === "undefined" ? "" : location.search).get("status")) ?? "submitted";
  const [tab, setTab] = createSignal<Tab>(initial);
  const [state, setState] = createSignal<LoadState>("loading");
  const [loadError, setLoadError] = createSignal("");
  const [claims, setClaims] = createSignal<Claim[]>([]);
  const [tickets, setTickets] = createSignal<Record<string, TicketInfo>>({});
  const [projects, setProjects] = createSignal<Record<string, string>>({});
  const [notice, setNotice] = createSignal("");
  let seq = 0;

  async function load() {
    const mine = ++seq;
    setState("loading");
    const p = new URLSearchParams(location.search);
    p.set("status", tab());
    history.replaceState(null, "", `${location.pathname}?${p}`);
    const res = await api<{ claims: Claim[] }>("GET", `/api/claims?status=${tab()}`);
    if (mine !== seq) return;
    if (!res.ok) {
      const f = failedLoad(L, res);
      setLoadError(f.message);
      setState(f.state);
      return;
    }
    const list = [...(res.data.claims ?? [])].sort((a, b) =>
      tab() === "submitted" ? a.submittedAt.localeCompare(b.submittedAt) : (b.decidedAt ?? "").localeCompare(a.decidedAt ?? ""),
    );
    setClaims(list);
    setState("ready");
    // The claims list carries neither the ticket number nor the receipt: read them from each ticket.
    const missing = [...new Set(list.map((c) => c.ticketID))].filter((id) => !tickets()[id]);
    await Promise.all(
      missing.map(async (id) => {
        const r = await api<{ ticket: { number: string }; project?: { name: string }; claims: Claim[] }>("GET", `/api/tickets/${encodeURIComponent(id)}`);
        if (!r.ok) return;
        const receipts = Object.fromEntries(r.data.claims.map((c) => [c.claimID, c.receiptURL]));
        setTickets((m) => ({ ...m, [id]: { number: r.data.ticket.number, projectName: r.data.project?.name ?? "", receipts } }));
      }),
    );
  }

  onMount(async () => {
    load();
    const res = await api<{ projects: ProjectOption[] }>("GET", "/api/projects");
    if (res.ok) setProjects(Object.fromEntries(res.data.projects.map((p) => [p.projectID, p.name])));
  });

  function switchTab(s: Tab) {
    if (s === tab()) return;
    setTab(s);
    setNotice("");
    load();
  }

  function decided(claim: Claim, message: string) {
    setNotice(message);
    setClaims((list) => list.filter((c) => c.claimID !== claim.claimID));
    queueMicrotask(() => document.getElementById("claims-notice")?.focus());
  }

  return (
    <div class="wt wt-claims">
      <div class="seg" role="group" aria-label={t(L, "tickets.claims.tabs")} id="claims-tabs">
        <For each={[...tabs]}>
          {(s) => (
            <button type="button" class="seg__btn" id={`claims-tab-${s}`} aria-pressed={tab() === s} onClick={() => switchTab(s)}>
              {claimStatusLabel(L, s)}
            </button>
          )}
        </For>
      </div>
      <Show when={notice()}>
        <p class="alert alert--success" id="claims-notice" role="status" tabindex="-1">
          {notice()}
        </p>
      </Show>
      <section class="card" id="claims-list" data-state={state()} aria-live="polite">
        <Show when={state() === "loading"}>
          <Loading text={t(L, "tickets.claims.loading")} />
        </Show>
        <Show when={state() === "forbidden" || state() === "error" || state() === "notfound"}>
          <LoadProblem L={L} state={state()} message={loadError()} forbidden={t(L, "tickets.claims.forbidden")} retry={load} />
        </Show>
        <Show when={state() === "ready"}>
          <p class="muted" id="claims-count">
            {t(L, "tickets.claims.count", { n: claims().length })}
          </p>
          <Show when={claims().length > 0} fallback={<p class="empty" id="claims-empty">{t(L, "tickets.claims.empty")}</p>}>
            <div class="claim-list">
              <For each={claims()}>
                {(c) => (
                  <ClaimCard
                    L={L}
                    claim={c}
                    canDecide={hasRole(user(), deciders)}
                    ticketNumber={tickets()[c.ticketID]?.number ?? t(L, "tickets.claims.ticketFallback")}
                    projectName={tickets()[c.ticketID]?.projectName || projects()[c.projectID] || ""}
                    receiptURL={tickets()[c.ticketID]?.receipts[c.claimID]}
                    onDecided={decided}
                  />
                )}
              </For>
            </div>
          </Show>
        </Show>
      </section>
    </div>
  );
}
