import "../../dict/tickets";
// The warranty report (/portal/reports/): month range → GET /api/reports/warranty; KPI cards,
// charts (echarts, loaded on demand from ./charts), deposit balances, CSV export, printable.
import { createMemo, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { api } from "../../api";
import { errorText } from "../../errors";
import { formatDateTime } from "../../format";
import { t, type Locale } from "../../i18n";
import {
  depositHref,
  failedLoad,
  fieldMessages,
  serverNowMs,
  setServerNow,
  severities,
  severityLabel,
  statuses,
  statusLabel,
  yuan,
  type LoadState,
  type Severity,
  type Status,
  type TicketSummary,
} from "./common";
import { LoadProblem, Loading } from "./ui";
import type { Chart } from "./charts";

type Report = {
  range: { from: string; to: string; months: string[] };
  total: number;
  billable: number;
  bySeverity: Record<Severity, number>;
  byStatus: Record<Status, number>;
  emergency: { total: number; judged: number; onSiteWithin48h: number; lateStillOpen: number; share: number | null };
  small: { judged: number; sameDay: number; rate: number | null };
  breaches: { arrival: number; resolution: number };
  escalations: Record<"1" | "2" | "3", number>;
  satisfaction: { ratings: number; average: number | null };
  monthly: { month: string; reported: number; repaired: number; breaches: number }[];
  deductions: { claims: number; approvedFen: number; deductedFen: number; shortfallFen: number };
  deposits: { projectID: string; projectName: string; amountFen: number; deductedFen: number; balanceFen: number; status: "held" | "released" }[];
};

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const SEV_COLORS: Record<Severity, string> = { emergency: "#c0271b", small: "#2f7ed8", general: "#6b7a8f", difficult: "#7c4dcc" };
const STATUS_COLORS: Record<Status, string> = {
  reported: "#f0a202",
  acknowledged: "#7aa7e0",
  dispatched: "#1f5fae",
  on_site: "#0f9d8a",
  repaired: "#5cb85c",
  accepted: "#1a7f4b",
  reopened: "#e8710a",
  closed: "#a0a8b4",
};
const pct = (v: number | null, L: Locale) =>
  v === null ? "—" : new Intl.NumberFormat(L, { style: "percent", maximumFractionDigits: 1 }).format(v);

export default function WarrantyReport(props: { locale: Locale }) {
  const L = props.locale;
  const q = new URLSearchParams(typeof location === "undefined" ? "" : location.search);
  const [from, setFrom] = createSignal(MONTH_RE.test(q.get("from") ?? "") ? q.get("from")! : "");
  const [to, setTo] = createSignal(MONTH_RE.test(q.get("to") ?? "") ? q.get("to")! : "");
  const [state, setState] = createSignal<LoadState>("loading");
  const [loadError, setLoadError] = createSignal("");
  const [formError, setFormError] = createSignal("");
  const [report, setReport] = createSignal<Report | null>(null);
  const [cross, setCross] = createSignal<Record<Severity, Record<Status, number>> | null>(null);
  const [chartState, setChartState] = createSignal<"loading" | "ready" | "failed">("loading");
  const [printedAt, setPrintedAt] = createSignal("");
  let seq = 0;

  const csvHref = createMemo(() => {
    const r = report();
    const p = new URLSearchParams();
    if (r) {
      p.set("from", r.range.from);
      p.set("to", r.range.to);
    }
    const s = p.toString();
    return `/api/reports/warranty/tickets.csv${s ? `?${s}` : ""}`;
  });

  async function load() {
    if (from() && to() && from() > to()) {
      setFormError(t(L, "tickets.v.monthOrder"));
      return;
    }
    setFormError("");
    const mine = ++seq;
    const p = new URLSearchParams();
    if (from()) p.set("from", from());
    if (to()) p.set("to", to());
    if (state() !== "ready") setState("loading");
    const qs = p.toString();
    const res = await api<Report>("GET", `/api/reports/warranty${qs ? `?${qs}` : ""}`);
    if (mine !== seq) return;
    if (!res.ok) {
      if (res.status === 400) {
        const f = fieldMessages(res.error, L);
        setFormError(f.from || f.to || errorText(L, res.status, res.error));
        if (state() !== "ready") setState("ready");
        return;
      }
      const f = failedLoad(L, res);
      setLoadError(f.message);
      setState(f.state);
      return;
    }
    const r = res.data;
    setFrom(r.range.from);
    setTo(r.range.to);
    history.replaceState(null, "", `${location.pathname}?from=${r.range.from}&to=${r.range.to}`);
    // Severity × status is not in the report: count it from the tickets of the same months.
    const tk = await api<{ tickets: TicketSummary[]; now: string }>("GET", `/api/tickets?view=all&from=${r.range.from}&to=${r.range.to}`);
    if (mine !== seq) return;
    if (tk.ok) {
      setServerNow(tk.data.now);
      const m = Object.fromEntries(severities.map((s) => [s, Object.fromEntries(statuses.map((st) => [st, 0]))])) as Record<Severity, Record<Status, number>>;
      for (const x of tk.data.tickets) if (m[x.severity] && x.status in m[x.severity]) m[x.severity][x.status]++;
      setCross(m);
    } else setCross(null);
    setReport(r);
    setState("ready");
    queueMicrotask(drawCharts);
  }

  // ---- charts (echarts arrives with the first draw)
  let severityEl: HTMLDivElement | undefined;
  let monthlyEl: HTMLDivElement | undefined;
  let shareEl: HTMLDivElement | undefined;
  let charts: { severity: Chart; monthly: Chart; share: Chart } | undefined;
  let chartsOn: HTMLElement | undefined;
  let lib: typeof import("./charts") | undefined;

  async function drawCharts() {
    const r = report();
    if (!r || !severityEl || !monthlyEl || !shareEl) return;
    try {
      lib ??= await import("./charts");
    } catch {
      setChartState("failed");
      return;
    }
    // The chart elements are new when the report section was rendered again (after an error).
    if (charts && chartsOn !== severityEl) {
      Object.values(charts).forEach((c) => c.dispose());
      charts = undefined;
    }
    if (!charts) {
      charts = { severity: lib.mount(severityEl), monthly: lib.mount(monthlyEl), share: lib.mount(shareEl) };
      chartsOn = severityEl;
    }
    const narrow = window.matchMedia("(max-width: 640px)").matches;
    const c = cross();
    const sevNames = severities.map((s) => severityLabel(L, s));
    charts.severity.set(
      c
        ? lib.stackedBar(
            sevNames,
            statuses.map((st) => ({ name: statusLabel(L, st), color: STATUS_COLORS[st], data: severities.map((s) => c[s][st]) })).filter((s) => s.data.some((n) => n > 0)),
            narrow,
          )
        : lib.stackedBar(sevNames, [{ name: t(L, "report.series.tickets"), color: "#1f5fae", data: severities.map((s) => r.bySeverity[s]) }], narrow),
    );
    charts.monthly.set(
      lib.lines(
        r.monthly.map((m) => m.month),
        [
          { name: t(L, "report.series.reported"), color: "#1f5fae", data: r.monthly.map((m) => m.reported) },
          { name: t(L, "report.series.repaired"), color: "#1a7f4b", data: r.monthly.map((m) => m.repaired) },
          { name: t(L, "report.series.breaches"), color: "#c0271b", data: r.monthly.map((m) => m.breaches) },
        ],
        narrow,
      ),
    );
    charts.share.set(
      lib.donut(
        severities.filter((s) => r.bySeverity[s] > 0).map((s) => ({ name: severityLabel(L, s), value: r.bySeverity[s], color: SEV_COLORS[s] })),
        narrow,
      ),
    );
    setChartState("ready");
  }

  onMount(() => {
    load();
    const before = () => setPrintedAt(formatDateTime(serverNowMs(), L));
    window.addEventListener("beforeprint", before);
    onCleanup(() => window.removeEventListener("beforeprint", before));
  });
  onCleanup(() => {
    if (charts) Object.values(charts).forEach((c) => c.dispose());
  });

  function submit(e: SubmitEvent) {
    e.preventDefault();
    if (!MONTH_RE.test(from()) || !MONTH_RE.test(to())) {
      setFormError(t(L, "tickets.v.month"));
      return;
    }
    load();
  }

  function print() {
    setPrintedAt(formatDateTime(serverNowMs(), L));
    queueMicrotask(() => window.print());
  }

  const r = () => report()!;
  const escTotal = () => r().escalations["1"] + r().escalations["2"] + r().escalations["3"];
  const totals = createMemo(() =>
    (report()?.deposits ?? []).reduce(
      (a, d) => ({ amount: a.amount + d.amountFen, deducted: a.deducted + d.deductedFen, balance: a.balance + d.balanceFen }),
      { amount: 0, deducted: 0, balance: 0 },
    ),
  );
  const dcol = {
    project: t(L, "report.dep.project"),
    amount: t(L, "report.dep.amount"),
    deducted: t(L, "report.dep.deducted"),
    balance: t(L, "report.dep.balance"),
    status: t(L, "report.dep.status"),
  };

  return (
    <div class="wt wt-report">
      <form class="card filters report-filters no-print" id="report-form" novalidate onSubmit={submit}>
        <div class="filters__grid">
          <div class="field">
            <label for="report-from">{t(L, "report.from")}</label>
            <input id="report-from" type="month" value={from()} max={to() || undefined} onChange={(e) => setFrom(e.currentTarget.value)} aria-invalid={formError() ? "true" : undefined} aria-describedby={formError() ? "report-range-error" : undefined} />
          </div>
          <div class="field">
            <label for="report-to">{t(L, "report.to")}</label>
            <input id="report-to" type="month" value={to()} min={from() || undefined} onChange={(e) => setTo(e.currentTarget.value)} aria-invalid={formError() ? "true" : undefined} aria-describedby={formError() ? "report-range-error" : undefined} />
          </div>
          <div class="field field--actions">
            <button type="submit" class="btn" id="report-apply">
              {t(L, "report.apply")}
            </button>
          </div>
        </div>
        <Show when={formError()}>
          <p class="field-error" id="report-range-error" role="alert">
            {formError()}
          </p>
        </Show>
        <div class="btn-row report-tools">
          <a class="btn btn--secondary" id="export-csv" href={csvHref()} download="warranty-tickets.csv">
            {t(L, "report.export")}
          </a>
          <button type="button" class="btn btn--secondary" id="report-print" onClick={print}>
            {t(L, "report.print")}
          </button>
        </div>
      </form>

      <Show when={state() === "loading"}>
        <Loading id="report-loading" text={t(L, "report.loading")} />
      </Show>
      <Show when={state() === "forbidden" || state() === "error" || state() === "notfound"}>
        <LoadProblem L={L} state={state()} message={loadError()} forbidden={t(L, "report.forbidden")} retry={load} />
      </Show>
      <Show when={state() === "ready" && report()}>
        <p class="report-range" id="report-range">
          {t(L, "report.range", { from: r().range.from, to: r().range.to })}
          <span class="print-only"> · {t(L, "report.printedAt", { at: printedAt() })}</span>
        </p>

        <section aria-labelledby="kpi-title">
          <h2 id="kpi-title" class="visually-hidden">
            {t(L, "report.kpis")}
          </h2>
          <div class="kpis" id="report-kpis">
            <div class="kpi" data-kpi="total">
              <span class="kpi__label">{t(L, "report.kpi.total")}</span>
              <span class="kpi__value">{r().total}</span>
              <span class="kpi__sub">{t(L, "report.kpi.totalSub", { n: r().byStatus.closed + r().byStatus.accepted })}</span>
            </div>
            <div class="kpi" data-kpi="emergency48h" classList={{ "kpi--bad": r().emergency.share !== null && r().emergency.share! < 1 }}>
              <span class="kpi__label">{t(L, "report.kpi.emergency")}</span>
              <span class="kpi__value">{pct(r().emergency.share, L)}</span>
              <span class="kpi__sub">
                {t(L, "report.kpi.emergencySub", { a: r().emergency.onSiteWithin48h, b: r().emergency.judged })}
                <Show when={r().emergency.lateStillOpen > 0}> · {t(L, "report.kpi.lateOpen", { n: r().emergency.lateStillOpen })}</Show>
              </span>
            </div>
            <div class="kpi" data-kpi="sameDay" classList={{ "kpi--bad": r().small.rate !== null && r().small.rate! < 1 }}>
              <span class="kpi__label">{t(L, "report.kpi.small")}</span>
              <span class="kpi__value">{pct(r().small.rate, L)}</span>
              <span class="kpi__sub">{t(L, "report.kpi.smallSub", { a: r().small.sameDay, b: r().small.judged })}</span>
            </div>
            <div class="kpi" data-kpi="breaches" classList={{ "kpi--bad": r().breaches.arrival + r().breaches.resolution > 0 }}>
              <span class="kpi__label">{t(L, "report.kpi.breaches")}</span>
              <span class="kpi__value">{r().breaches.arrival + r().breaches.resolution}</span>
              <span class="kpi__sub">{t(L, "report.kpi.breachesSub", { a: r().breaches.arrival, b: r().breaches.resolution })}</span>
            </div>
            <div class="kpi" data-kpi="escalations" classList={{ "kpi--bad": escTotal() > 0 }}>
              <span class="kpi__label">{t(L, "report.kpi.escalations")}</span>
              <span class="kpi__value">{escTotal()}</span>
              <span class="kpi__sub">{t(L, "report.kpi.escSub", { a: r().escalations["1"], b: r().escalations["2"], c: r().escalations["3"] })}</span>
            </div>
            <div class="kpi" data-kpi="rating">
              <span class="kpi__label">{t(L, "report.kpi.rating")}</span>
              <span class="kpi__value">{r().satisfaction.average === null ? "—" : r().satisfaction.average!.toFixed(1)}</span>
              <span class="kpi__sub">{t(L, "report.kpi.ratingSub", { n: r().satisfaction.ratings })}</span>
            </div>
            <div class="kpi" data-kpi="deductions">
              <span class="kpi__label">{t(L, "report.kpi.deductions")}</span>
              <span class="kpi__value money">{yuan(r().deductions.deductedFen)}</span>
              <span class="kpi__sub">
                {t(L, "report.kpi.deductionsSub", { n: r().deductions.claims, approved: yuan(r().deductions.approvedFen) })}
                <Show when={r().deductions.shortfallFen > 0}> · {t(L, "report.kpi.shortfall", { amount: yuan(r().deductions.shortfallFen) })}</Show>
              </span>
            </div>
            <div class="kpi" data-kpi="billable">
              <span class="kpi__label">{t(L, "report.kpi.billable")}</span>
              <span class="kpi__value">{r().billable}</span>
              <span class="kpi__sub">{t(L, "report.kpi.billableSub")}</span>
            </div>
          </div>
        </section>

        <div class="chart-grid">
          <section class="card chart-card" aria-labelledby="chart-severity-title">
            <h2 id="chart-severity-title">{t(L, "report.chart.severity")}</h2>
            <Show when={!cross()}>
              <p class="hint">{t(L, "report.chart.noCross")}</p>
            </Show>
            <div class="chart" id="chart-severity" ref={severityEl} data-state={chartState()} role="img" aria-label={t(L, "report.chart.severity")} />
          </section>
          <section class="card chart-card" aria-labelledby="chart-share-title">
            <h2 id="chart-share-title">{t(L, "report.chart.share")}</h2>
            <Show when={r().total === 0}>
              <p class="hint">{t(L, "report.chart.noTickets")}</p>
            </Show>
            <div class="chart chart--pie" id="chart-share" ref={shareEl} data-state={chartState()} role="img" aria-label={t(L, "report.chart.share")} />
          </section>
          <section class="card chart-card chart-card--wide" aria-labelledby="chart-monthly-title">
            <h2 id="chart-monthly-title">{t(L, "report.chart.monthly")}</h2>
            <div class="chart" id="chart-monthly" ref={monthlyEl} data-state={chartState()} role="img" aria-label={t(L, "report.chart.monthly")} />
            <details class="no-print" id="monthly-table">
              <summary>{t(L, "report.monthlyTable")}</summary>
              <table class="data-table numbers-table">
                <thead>
                  <tr>
                    <th scope="col">{t(L, "report.col.month")}</th>
                    <th scope="col" class="num">{t(L, "report.series.reported")}</th>
                    <th scope="col" class="num">{t(L, "report.series.repaired")}</th>
                    <th scope="col" class="num">{t(L, "report.series.breaches")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={r().monthly}>
                    {(m) => (
                      <tr>
                        <td data-label={t(L, "report.col.month")}>{m.month}</td>
                        <td data-label={t(L, "report.series.reported")} class="num">{m.reported}</td>
                        <td data-label={t(L, "report.series.repaired")} class="num">{m.repaired}</td>
                        <td data-label={t(L, "report.series.breaches")} class="num">{m.breaches}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </details>
          </section>
          <Show when={chartState() === "failed"}>
            <p class="alert alert--error" role="alert">
              {t(L, "report.chart.failed")}
            </p>
          </Show>
        </div>

        <section class="card" aria-labelledby="deposits-title" id="report-deposits">
          <h2 id="deposits-title">{t(L, "report.deposits")}</h2>
          <Show when={r().deposits.length > 0} fallback={<p class="muted">{t(L, "report.deposits.empty")}</p>}>
            <div class="table-scroll">
              <table class="data-table wt-table">
                <thead>
                  <tr>
                    <th scope="col">{dcol.project}</th>
                    <th scope="col" class="num">{dcol.amount}</th>
                    <th scope="col" class="num">{dcol.deducted}</th>
                    <th scope="col" class="num">{dcol.balance}</th>
                    <th scope="col">{dcol.status}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={r().deposits}>
                    {(d) => (
                      <tr data-project-id={d.projectID}>
                        <td data-label={dcol.project}>
                          <a href={depositHref(L, d.projectID)}>{d.projectName}</a>
                        </td>
                        <td data-label={dcol.amount} class="num money">{yuan(d.amountFen)}</td>
                        <td data-label={dcol.deducted} class="num money" classList={{ "text-danger": d.deductedFen > 0 }}>
                          {yuan(d.deductedFen)}
                        </td>
                        <td data-label={dcol.balance} class="num money">
                          <strong>{yuan(d.balanceFen)}</strong>
                        </td>
                        <td data-label={dcol.status}>
                          <span class={`badge badge--dep-${d.status}`}>{t(L, `tickets.dep.${d.status}` as "tickets.dep.held")}</span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
                <Show when={r().deposits.length > 1}>
                  <tfoot>
                    <tr class="total-row">
                      <th scope="row" data-label="">{t(L, "report.dep.total")}</th>
                      <td data-label={dcol.amount} class="num money">{yuan(totals().amount)}</td>
                      <td data-label={dcol.deducted} class="num money">{yuan(totals().deducted)}</td>
                      <td data-label={dcol.balance} class="num money">
                        <strong>{yuan(totals().balance)}</strong>
                      </td>
                      <td />
                    </tr>
                  </tfoot>
                </Show>
              </table>
            </div>
          </Show>
        </section>
      </Show>
    </div>
  );
}
