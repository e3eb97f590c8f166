import "../../dict/tickets";
// Warranty deposit ledger (/portal/warranty/deposit/?projectID=): GET /api/projects/:id/deposit
// → amount, deducted, balance, status, every entry, and the project's third-party claims.
import { createSignal, For, onMount, Show } from "solid-js";
import { api } from "../../api";
import { formatDateTime } from "../../format";
import { localePath, t, type Locale } from "../../i18n";
import {
  boardHref,
  byLabel,
  claimStatusLabel,
  failedLoad,
  queryParam,
  ticketHref,
  yuan,
  type By,
  type Claim,
  type LoadState,
  type ProjectOption,
} from "./common";
import { LoadProblem, Loading } from "./ui";

type Entry = {
  entryID: string;
  kind: "opening" | "adjustment" | "deduction" | "release";
  claimID?: string;
  requestedFen?: number;
  amountFen: number;
  balanceAfterFen: number;
  at: string;
  by: By;
  note?: string;
};
type Ledger = { projectID: string; amountFen: number; balanceFen: number; deductedFen: number; status: "held" | "released"; releasedAt?: string; entries: Entry[] };
type Answer = { ledger: Ledger | null; claims: Claim[]; project: { projectID: string; name: string; depositFen: number } | null };

export default function DepositLedger(props: { locale: Locale }) {
  const L = props.locale;
  const projectID = queryParam("projectID") ?? "";
  const [projects, setProjects] = createSignal<ProjectOption[] | null>(null);
  const [state, setState] = createSignal<LoadState>(projectID ? "loading" : "ready");
  const [loadError, setLoadError] = createSignal("");
  const [data, setData] = createSignal<Answer | null>(null);

  async function load() {
    if (!projectID) return;
    setState("loading");
    const res = await api<Answer>("GET", `/api/projects/${encodeURIComponent(projectID)}/deposit`);
    if (res.ok) {
      setData(res.data);
      setState(res.data.project ? "ready" : "notfound");
      if (!res.data.project) setLoadError(t(L, "tickets.dep.noProject"));
      return;
    }
    const f = failedLoad(L, res);
    setLoadError(f.message);
    setState(f.state);
  }

  onMount(async () => {
    load();
    const res = await api<{ projects: ProjectOption[] }>("GET", "/api/projects");
    setProjects(res.ok ? [...res.data.projects].sort((a, b) => a.name.localeCompare(b.name, "zh-CN")) : []);
  });

  function choose(id: string) {
    if (id && id !== projectID) location.assign(`${localePath(L, "/portal/warranty/deposit/")}?projectID=${encodeURIComponent(id)}`);
  }

  const claimOf = (id?: string) => data()?.claims.find((c) => c.claimID === id);
  const entryAmount = (e: Entry) => (e.kind === "deduction" || e.kind === "release" ? -e.amountFen : e.amountFen);
  const col = {
    at: t(L, "tickets.dep.col.at"),
    kind: t(L, "tickets.dep.col.kind"),
    amount: t(L, "tickets.dep.col.amount"),
    balance: t(L, "tickets.dep.col.balanceAfter"),
    claim: t(L, "tickets.dep.col.claim"),
    by: t(L, "tickets.dep.col.by"),
    note: t(L, "tickets.dep.col.note"),
  };
  const ccol = {
    submitted: t(L, "tickets.claim.submittedAt"),
    ticket: t(L, "tickets.claim.ticket"),
    amount: t(L, "tickets.claim.amount"),
    status: t(L, "tickets.col.status"),
    approved: t(L, "tickets.claim.approvedAmt"),
    deducted: t(L, "tickets.claim.deducted"),
    reason: t(L, "tickets.claim.reasonShort"),
  };

  return (
    <div class="wt wt-deposit">
      <section class="card no-print project-pick">
        <div class="field">
          <label for="deposit-project">{t(L, "tickets.dep.choose")}</label>
          <select id="deposit-project" value={projectID} onChange={(e) => choose(e.currentTarget.value)} disabled={projects() === null}>
            <option value="">{projects() === null ? t(L, "tickets.dep.loadingProjects") : t(L, "tickets.new.choose")}</option>
            <For each={projects() ?? []}>
              {(p) => (
                <option value={p.projectID}>
                  {p.name}
                  {p.customerName ? ` · ${p.customerName}` : ""}
                </option>
              )}
            </For>
          </select>
        </div>
      </section>

      <Show when={!projectID}>
        <p class="empty" id="deposit-choose-hint">
          {t(L, "tickets.dep.chooseHint")}
        </p>
      </Show>
      <Show when={state() === "loading"}>
        <Loading text={t(L, "tickets.dep.loading")} />
      </Show>
      <Show when={state() === "forbidden" || state() === "error" || state() === "notfound"}>
        <LoadProblem L={L} state={state()} message={loadError()} forbidden={t(L, "tickets.dep.forbidden")} retry={load} />
      </Show>
      <Show when={projectID && state() === "ready" && data()?.project}>
        <h2 class="project-title" id="deposit-project-name">
          {data()!.project!.name}
        </h2>
        <Show
          when={data()!.ledger}
          fallback={
            <p class="alert alert--info" id="deposit-none">
              {t(L, "tickets.dep.none")}
            </p>
          }
        >
          {(ledger) => (
            <>
              <div class="kpis kpis--4" id="deposit-summary" data-status={ledger().status}>
                <div class="kpi">
                  <span class="kpi__label">{t(L, "tickets.dep.amount")}</span>
                  <span class="kpi__value money" id="deposit-amount">
                    {yuan(ledger().amountFen)}
                  </span>
                </div>
                <div class="kpi">
                  <span class="kpi__label">{t(L, "tickets.dep.deducted")}</span>
                  <span class="kpi__value money" id="deposit-deducted">
                    {yuan(ledger().deductedFen)}
                  </span>
                </div>
                <div class="kpi kpi--accent">
                  <span class="kpi__label">{t(L, "tickets.dep.balance")}</span>
                  <span class="kpi__value money" id="deposit-balance">
                    {yuan(ledger().balanceFen)}
                  </span>
                </div>
                <div class="kpi">
                  <span class="kpi__label">{t(L, "tickets.dep.status")}</span>
                  <span class="kpi__value kpi__value--text" id="deposit-status">
                    <span class={`badge badge--dep-${ledger().status}`}>{t(L, `tickets.dep.${ledger().status}` as "tickets.dep.held")}</span>
                  </span>
                  <Show when={ledger().releasedAt}>
                    <span class="kpi__sub">{formatDateTime(ledger().releasedAt, L)}</span>
                  </Show>
                </div>
              </div>

              <section class="card" aria-labelledby="entries-title">
                <h2 id="entries-title">{t(L, "tickets.dep.entries")}</h2>
                <div class="table-scroll">
                  <table class="data-table wt-table" id="deposit-entries">
                    <thead>
                      <tr>
                        <th scope="col">{col.at}</th>
                        <th scope="col">{col.kind}</th>
                        <th scope="col" class="num">
                          {col.amount}
                        </th>
                        <th scope="col" class="num">
                          {col.balance}
                        </th>
                        <th scope="col">{col.claim}</th>
                        <th scope="col">{col.by}</th>
                        <th scope="col">{col.note}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={ledger().entries}>
                        {(e) => (
                          <tr data-entry-id={e.entryID} data-kind={e.kind}>
                            <td data-label={col.at} class="nowrap">
                              {formatDateTime(e.at, L)}
                            </td>
                            <td data-label={col.kind}>
                              <span class={`badge badge--entry-${e.kind}`}>{t(L, `tickets.dep.kind.${e.kind}` as "tickets.dep.kind.opening")}</span>
                            </td>
                            <td data-label={col.amount} class="num money" classList={{ "text-danger": entryAmount(e) < 0 }}>
                              <div>
                                {entryAmount(e) > 0 && e.kind !== "opening" ? "+" : ""}
                                {yuan(entryAmount(e))}
                                <Show when={e.kind === "deduction" && e.requestedFen !== undefined && e.requestedFen !== e.amountFen}>
                                  <span class="cell-sub">{t(L, "tickets.dep.requested", { amount: yuan(e.requestedFen) })}</span>
                                </Show>
                              </div>
                            </td>
                            <td data-label={col.balance} class="num money">
                              {yuan(e.balanceAfterFen)}
                            </td>
                            <td data-label={col.claim}>
                              <Show when={claimOf(e.claimID)} fallback={e.claimID ? <span class="muted">{e.claimID.slice(-6)}</span> : "—"}>
                                <a href={ticketHref(L, claimOf(e.claimID)!.ticketID)}>{t(L, "tickets.dep.viewTicket")}</a>
                              </Show>
                            </td>
                            <td data-label={col.by}>{byLabel(L, e.by)}</td>
                            <td data-label={col.note} class="pre">
                              {e.note ?? "—"}
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </section>
            </>
          )}
        </Show>

        <section class="card" aria-labelledby="dep-claims-title" id="deposit-claims">
          <h2 id="dep-claims-title">{t(L, "tickets.dep.claims")}</h2>
          <Show when={data()!.claims.length > 0} fallback={<p class="muted">{t(L, "tickets.dep.noClaims")}</p>}>
            <div class="table-scroll">
              <table class="data-table wt-table">
                <thead>
                  <tr>
                    <th scope="col">{ccol.submitted}</th>
                    <th scope="col">{ccol.ticket}</th>
                    <th scope="col" class="num">
                      {ccol.amount}
                    </th>
                    <th scope="col">{ccol.status}</th>
                    <th scope="col" class="num">
                      {ccol.approved}
                    </th>
                    <th scope="col" class="num">
                      {ccol.deducted}
                    </th>
                    <th scope="col">{ccol.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={data()!.claims}>
                    {(c) => (
                      <tr data-claim-id={c.claimID} data-status={c.status}>
                        <td data-label={ccol.submitted} class="nowrap">
                          {formatDateTime(c.submittedAt, L)}
                        </td>
                        <td data-label={ccol.ticket}>
                          <a href={ticketHref(L, c.ticketID)}>{t(L, "tickets.dep.viewTicket")}</a>
                        </td>
                        <td data-label={ccol.amount} class="num money">
                          {yuan(c.amountFen)}
                        </td>
                        <td data-label={ccol.status}>
                          <span class={`badge badge--claim-${c.status}`}>{claimStatusLabel(L, c.status)}</span>
                        </td>
                        <td data-label={ccol.approved} class="num money">
                          {c.approvedFen !== undefined ? yuan(c.approvedFen) : "—"}
                        </td>
                        <td data-label={ccol.deducted} class="num money">
                          <div>
                            {c.deductedFen !== undefined ? yuan(c.deductedFen) : "—"}
                            <Show when={(c.shortfallFen ?? 0) > 0}>
                              <span class="cell-sub text-danger">{t(L, "tickets.dep.shortfall", { amount: yuan(c.shortfallFen) })}</span>
                            </Show>
                          </div>
                        </td>
                        <td data-label={ccol.reason} class="pre">
                          {c.reason ?? "—"}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </section>
        <p class="no-print">
          <a href={boardHref(L, projectID)}>{t(L, "tickets.dep.projectTickets")} →</a>
        </p>
      </Show>
    </div>
  );
}
