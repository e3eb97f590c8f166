import "../../dict/tickets";
// The ticket board (/portal/warranty/): filters → GET /api/tickets, rows with a live countdown,
// and "新建工单" (openers) → POST /api/tickets. Filters live in the URL so a view can be shared.
import { createMemo, createSignal, For, onMount, Show } from "solid-js";
import { api } from "../../api";
import { errorText } from "../../errors";
import { formatDateTime } from "../../format";
import { t, type Locale } from "../../i18n";
import {
  categories,
  categoryLabel,
  failedLoad,
  fieldMessages,
  hasRole,
  onDemoClock,
  openers,
  openStatuses,
  setServerNow,
  severities,
  severityLabel,
  shanghaiMonth,
  statuses,
  statusLabel,
  ticketClock,
  ticketHref,
  useNow,
  usePortalUser,
  serverNowMs,
  signinHref,
  type LoadState,
  type ProjectOption,
  type TicketSummary,
} from "./common";
import { Countdown, FieldError, LoadProblem, Loading, SeverityBadge, StatusBadge } from "./ui";

type View = "open" | "month" | "range";
const PHONE_RE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export default function TicketBoard(props: { locale: Locale }) {
  const L = props.locale;
  const user = usePortalUser();
  const now = useNow();

  // ---- filters (initialised from the URL)
  const q = new URLSearchParams(typeof location === "undefined" ? "" : location.search);
  const initialView = (["open", "month", "range"] as const).find((v) => v === q.get("view")) ?? "open";
  const [view, setView] = createSignal<View>(initialView);
  const [status, setStatus] = createSignal(statuses.find((s) => s === q.get("status")) ?? "");
  const [severity, setSeverity] = createSignal(severities.find((s) => s === q.get("severity")) ?? "");
  const [project, setProject] = createSignal(q.get("project") ?? "");
  const [overdueOnly, setOverdueOnly] = createSignal(q.get("overdue") === "1");
  const thisMonth = () => shanghaiMonth(serverNowMs());
  const [from, setFrom] = createSignal(MONTH_RE.test(q.get("from") ?? "") ? q.get("from")! : "");
  const [to, setTo] = createSignal(MONTH_RE.test(q.get("to") ?? "") ? q.get("to")! : "");

  const [state, setState] = createSignal<LoadState>("loading");
  const [loadError, setLoadError] = createSignal("");
  const [rangeError, setRangeError] = createSignal("");
  const [tickets, setTickets] = createSignal<TicketSummary[]>([]);
  const [projects, setProjects] = createSignal<ProjectOption[]>([]);
  const [refreshing, setRefreshing] = createSignal(false);
  let seq = 0;

  function syncURL() {
    const p = new URLSearchParams();
    if (view() !== "open") p.set("view", view());
    if (view() === "range") {
      if (from()) p.set("from", from());
      if (to()) p.set("to", to());
    }
    if (status()) p.set("status", status());
    if (severity()) p.set("severity", severity());
    if (project()) p.set("project", project());
    if (overdueOnly()) p.set("overdue", "1");
    const s = p.toString();
    history.replaceState(null, "", location.pathname + (s ? `?${s}` : ""));
  }

  function query(): URLSearchParams | undefined {
    const p = new URLSearchParams();
    p.set("view", view() === "open" ? "open" : "all");
    if (view() === "month") {
      p.set("from", thisMonth());
      p.set("to", thisMonth());
    } else if (view() === "range") {
      const f = from() || thisMonth();
      const tt = to() || thisMonth();
      if (f > tt) {
        setRangeError(t(L, "tickets.v.monthOrder"));
        return undefined;
      }
      p.set("from", f);
      p.set("to", tt);
    }
    setRangeError("");
    if (status()) p.set("status", status());
    if (severity()) p.set("severity", severity());
    if (project()) p.set("projectID", project());
    if (overdueOnly()) p.set("overdue", "1");
    return p;
  }

  async function load() {
    syncURL();
    const p = query();
    if (!p) return;
    const mine = ++seq;
    if (state() !== "ready") setState("loading");
    setRefreshing(true);
    const res = await api<{ tickets: TicketSummary[]; now: string }>("GET", `/api/tickets?${p}`);
    if (mine !== seq) return;
    setRefreshing(false);
    if (res.ok) {
      setServerNow(res.data.now);
      let list = res.data.tickets ?? [];
      // GET /api/tickets?projectID= lists every ticket of the project, whatever the view:
      // apply the view here too.
      if (project()) {
        if (view() === "open" && !status()) list = list.filter((tk) => openStatuses.includes(tk.status));
        if (view() !== "open") {
          const f = p.get("from")!;
          const tt = p.get("to")!;
          list = list.filter((tk) => tk.reportedMonth >= f && tk.reportedMonth <= tt);
        }
      }
      setTickets(list);
      setState("ready");
      return;
    }
    const f = failedLoad(L, res);
    setLoadError(f.message);
    setState(f.state);
  }

  onMount(async () => {
    load();
    const res = await api<{ projects: ProjectOption[] }>("GET", "/api/projects");
    if (res.ok) setProjects([...(res.data.projects ?? [])].sort((a, b) => a.name.localeCompare(b.name, "zh-CN")));
  });
  onDemoClock(() => load());

  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    load();
  };

  function switchView(v: View) {
    setView(v);
    if (v === "range") {
      if (!from()) setFrom(`${thisMonth().slice(0, 4)}-01`);
      if (!to()) setTo(thisMonth());
    }
    load();
  }

  function reset() {
    setView("open");
    setStatus("");
    setSeverity("");
    setProject("");
    setOverdueOnly(false);
    setFrom("");
    setTo("");
    load();
  }

  const overdueCount = createMemo(() => tickets().filter((tk) => ticketClock(tk, now()).state === "overdue").length);
  const projectName = (id: string) => projects().find((p) => p.projectID === id)?.name ?? "";

  // ---- new ticket (openers)
  const canOpen = () => hasRole(user(), openers);
  const [formOpen, setFormOpen] = createSignal(false);
  const [notice, setNotice] = createSignal<{ number: string; ticketID: string } | null>(null);
  const blank = {
    projectID: "",
    description: "",
    location: "",
    category: "",
    urgency: "general",
    name: "",
    phone: "",
    email: "",
    source: "phone",
  };
  const [nt, setNt] = createSignal({ ...blank });
  const [ntFields, setNtFields] = createSignal<Record<string, string>>({});
  const [ntError, setNtError] = createSignal("");
  const [ntBusy, setNtBusy] = createSignal(false);
  const errorKey: Record<string, string> = { name: "contact.name", phone: "contact.phone", email: "contact.email" };
  const setField = (k: keyof typeof blank) => (e: { currentTarget: { value: string } }) => {
    setNt({ ...nt(), [k]: e.currentTarget.value });
    const ek = errorKey[k] ?? k;
    if (ntFields()[ek]) setNtFields(({ [ek]: _, ...rest }) => rest);
  };

  function openForm() {
    setFormOpen(true);
    setNotice(null);
    setNt({ ...blank, projectID: project() });
    setNtFields({});
    setNtError("");
    queueMicrotask(() => document.getElementById("nt-project")?.focus());
  }

  async function submitTicket(e: SubmitEvent) {
    e.preventDefault();
    if (ntBusy()) return;
    setNtError("");
    const v = nt();
    const f: Record<string, string> = {};
    const req = t(L, "tickets.v.required");
    if (!v.projectID) f.projectID = req;
    if (!v.description.trim()) f.description = req;
    if (!v.location.trim()) f.location = req;
    if (!v.category) f.category = req;
    if (!v.name.trim()) f["contact.name"] = req;
    if (!v.phone.trim()) f["contact.phone"] = req;
    else if (!PHONE_RE.test(v.phone.trim())) f["contact.phone"] = t(L, "tickets.v.phone");
    if (v.email.trim() && !EMAIL_RE.test(v.email.trim())) f["contact.email"] = t(L, "tickets.v.email");
    setNtFields(f);
    const order = ["projectID", "description", "location", "category", "contact.name", "contact.phone", "contact.email"];
    const first = order.find((k) => f[k]);
    if (first) {
      document.getElementById(idOf[first]!)?.focus();
      return;
    }
    setNtBusy(true);
    const res = await api<{ ticket: TicketSummary }>("POST", "/api/tickets", {
      projectID: v.projectID,
      description: v.description.trim(),
      location: v.location.trim(),
      category: v.category,
      urgency: v.urgency,
      contact: { name: v.name.trim(), phone: v.phone.trim(), ...(v.email.trim() ? { email: v.email.trim() } : {}) },
      source: v.source,
    });
    setNtBusy(false);
    if (res.ok) {
      setFormOpen(false);
      setNotice({ number: res.data.ticket.number, ticketID: res.data.ticket.ticketID });
      load();
      queueMicrotask(() => document.getElementById("new-ticket-notice")?.focus());
      return;
    }
    if (res.status === 401) return location.replace(signinHref(L));
    setNtFields(fieldMessages(res.error, L));
    setNtError(errorText(L, res.status, res.error));
  }

  const idOf: Record<string, string> = {
    projectID: "nt-project",
    description: "nt-description",
    location: "nt-location",
    category: "nt-category",
    urgency: "nt-urgency-general",
    "contact.name": "nt-contact-name",
    "contact.phone": "nt-contact-phone",
    "contact.email": "nt-contact-email",
    source: "nt-source",
  };
  const inv = (k: string) => (ntFields()[k] ? "true" : undefined);
  const desc = (k: string, hint?: string) => [hint, ntFields()[k] ? `${idOf[k]}-error` : undefined].filter(Boolean).join(" ") || undefined;

  const col = {
    number: t(L, "tickets.col.number"),
    project: t(L, "tickets.col.project"),
    category: t(L, "tickets.col.category"),
    severity: t(L, "tickets.col.severity"),
    status: t(L, "tickets.col.status"),
    reported: t(L, "tickets.col.reported"),
    deadline: t(L, "tickets.col.deadline"),
    engineer: t(L, "tickets.col.engineer"),
  };

  return (
    <div class="wt wt-board">
      <div class="toolbar no-print">
        <Show when={canOpen()}>
          <button type="button" class="btn" id="new-ticket" aria-expanded={formOpen()} aria-controls="new-ticket-form" onClick={openForm}>
            <span aria-hidden="true">＋</span> {t(L, "tickets.new.button")}
          </button>
        </Show>
      </div>

      <Show when={notice()}>
        <p class="alert alert--success" id="new-ticket-notice" role="status" tabindex="-1">
          {t(L, "tickets.new.created", { number: notice()!.number })}{" "}
          <a href={ticketHref(L, notice()!.ticketID)}>{t(L, "tickets.new.openIt")}</a>
        </p>
      </Show>

      <Show when={formOpen()}>
        <section class="card" aria-labelledby="new-ticket-title">
          <h2 id="new-ticket-title">{t(L, "tickets.new.title")}</h2>
          <p class="card__intro">{t(L, "tickets.new.intro")}</p>
          <form id="new-ticket-form" novalidate onSubmit={submitTicket}>
            <Show when={ntError()}>
              <p class="alert alert--error" id="nt-error" role="alert">
                {ntError()}
              </p>
            </Show>
            <div class="form-grid">
              <div class="field">
                <label for="nt-project">{t(L, "tickets.new.project")}</label>
                <select id="nt-project" value={nt().projectID} onChange={setField("projectID")} aria-invalid={inv("projectID")} aria-describedby={desc("projectID")}>
                  <option value="">{t(L, "tickets.new.choose")}</option>
                  <For each={projects()}>
                    {(p) => (
                      <option value={p.projectID}>
                        {p.name}
                        {p.customerName ? ` · ${p.customerName}` : ""}
                      </option>
                    )}
                  </For>
                </select>
                <FieldError id="nt-project-error" msg={ntFields().projectID} />
              </div>
              <div class="field">
                <label for="nt-source">{t(L, "tickets.new.source")}</label>
                <select id="nt-source" value={nt().source} onChange={setField("source")}>
                  <For each={["phone", "complaint", "return_visit"]}>{(s) => <option value={s}>{t(L, `tickets.source.${s}` as "tickets.source.phone")}</option>}</For>
                </select>
                <FieldError id="nt-source-error" msg={ntFields().source} />
              </div>
            </div>
            <div class="field">
              <label for="nt-description">{t(L, "tickets.new.description")}</label>
              <textarea id="nt-description" rows={3} maxLength={1000} value={nt().description} onInput={setField("description")} aria-invalid={inv("description")} aria-describedby={desc("description")} />
              <FieldError id="nt-description-error" msg={ntFields().description} />
            </div>
            <div class="form-grid">
              <div class="field">
                <label for="nt-location">{t(L, "tickets.new.location")}</label>
                <input id="nt-location" type="text" maxLength={200} value={nt().location} onInput={setField("location")} aria-invalid={inv("location")} aria-describedby={desc("location")} />
                <FieldError id="nt-location-error" msg={ntFields().location} />
              </div>
              <div class="field">
                <label for="nt-category">{t(L, "tickets.new.category")}</label>
                <select id="nt-category" value={nt().category} onChange={setField("category")} aria-invalid={inv("category")} aria-describedby={desc("category")}>
                  <option value="">{t(L, "tickets.new.choose")}</option>
                  <For each={[...categories]}>{(c) => <option value={c}>{categoryLabel(L, c)}</option>}</For>
                </select>
                <FieldError id="nt-category-error" msg={ntFields().category} />
              </div>
            </div>
            <fieldset class="field">
              <legend>{t(L, "tickets.new.urgency")}</legend>
              <div class="seg seg--wrap" role="radiogroup">
                <For each={[...severities]}>
                  {(s) => (
                    <label class={`seg__opt seg__opt--${s}`}>
                      <input type="radio" name="nt-urgency" id={`nt-urgency-${s}`} value={s} checked={nt().urgency === s} onChange={() => setNt({ ...nt(), urgency: s })} />
                      <span>{severityLabel(L, s)}</span>
                    </label>
                  )}
                </For>
              </div>
              <p class="hint">{t(L, `tickets.urgencyHint.${nt().urgency}` as "tickets.urgencyHint.general")}</p>
              <FieldError id="nt-urgency-error" msg={ntFields().urgency} />
            </fieldset>
            <div class="form-grid form-grid--3">
              <div class="field">
                <label for="nt-contact-name">{t(L, "tickets.new.contactName")}</label>
                <input id="nt-contact-name" type="text" maxLength={40} autocomplete="off" value={nt().name} onInput={setField("name")} aria-invalid={inv("contact.name")} aria-describedby={desc("contact.name")} />
                <FieldError id="nt-contact-name-error" msg={ntFields()["contact.name"]} />
              </div>
              <div class="field">
                <label for="nt-contact-phone">{t(L, "tickets.new.contactPhone")}</label>
                <input id="nt-contact-phone" type="tel" inputmode="tel" autocomplete="off" value={nt().phone} onInput={setField("phone")} aria-invalid={inv("contact.phone")} aria-describedby={desc("contact.phone", "nt-phone-hint")} />
                <p class="hint" id="nt-phone-hint">{t(L, "tickets.hint.phone")}</p>
                <FieldError id="nt-contact-phone-error" msg={ntFields()["contact.phone"]} />
              </div>
              <div class="field">
                <label for="nt-contact-email">{t(L, "tickets.new.contactEmail")}</label>
                <input id="nt-contact-email" type="email" inputmode="email" autocomplete="off" autocapitalize="off" spellcheck={false} value={nt().email} onInput={setField("email")} aria-invalid={inv("contact.email")} aria-describedby={desc("contact.email", "nt-email-hint")} />
                <p class="hint" id="nt-email-hint">{t(L, "tickets.hint.email")}</p>
                <FieldError id="nt-contact-email-error" msg={ntFields()["contact.email"]} />
              </div>
            </div>
            <div class="btn-row">
              <button type="submit" class="btn" id="nt-submit" disabled={ntBusy()}>
                {ntBusy() ? t(L, "tickets.working") : t(L, "tickets.new.submit")}
              </button>
              <button type="button" class="btn btn--secondary" id="nt-cancel" onClick={() => setFormOpen(false)}>
                {t(L, "tickets.cancel")}
              </button>
            </div>
          </form>
        </section>
      </Show>

      {/* ---- filters ---- */}
      <section class="card filters no-print" aria-label={t(L, "tickets.filter.label")}>
        <div class="seg" role="radiogroup" aria-label={t(L, "tickets.view.label")} id="filter-view">
          <For each={["open", "month", "range"] as View[]}>
            {(v) => (
              <label class="seg__opt">
                <input type="radio" name="view" value={v} id={`view-${v}`} checked={view() === v} onChange={() => switchView(v)} />
                <span>{t(L, `tickets.view.${v}` as "tickets.view.open")}</span>
              </label>
            )}
          </For>
        </div>
        <div class="filters__grid">
          <Show when={view() === "range"}>
            <div class="field">
              <label for="filter-from">{t(L, "tickets.filter.from")}</label>
              <input id="filter-from" type="month" value={from()} max={to() || undefined} onChange={(e) => change(setFrom)(e.currentTarget.value)} aria-invalid={rangeError() ? "true" : undefined} />
            </div>
            <div class="field">
              <label for="filter-to">{t(L, "tickets.filter.to")}</label>
              <input id="filter-to" type="month" value={to()} min={from() || undefined} onChange={(e) => change(setTo)(e.currentTarget.value)} aria-invalid={rangeError() ? "true" : undefined} />
            </div>
          </Show>
          <div class="field">
            <label for="filter-status">{t(L, "tickets.filter.status")}</label>
            <select id="filter-status" value={status()} onChange={(e) => change(setStatus)(e.currentTarget.value)}>
              <option value="">{t(L, view() === "open" ? "tickets.filter.allOpen" : "tickets.filter.allStatuses")}</option>
              <For each={[...statuses]}>{(s) => <option value={s}>{statusLabel(L, s)}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="filter-severity">{t(L, "tickets.filter.severity")}</label>
            <select id="filter-severity" value={severity()} onChange={(e) => change(setSeverity)(e.currentTarget.value)}>
              <option value="">{t(L, "tickets.filter.allSeverities")}</option>
              <For each={[...severities]}>{(s) => <option value={s}>{severityLabel(L, s)}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="filter-project">{t(L, "tickets.filter.project")}</label>
            <select id="filter-project" value={project()} onChange={(e) => change(setProject)(e.currentTarget.value)}>
              <option value="">{t(L, "tickets.filter.allProjects")}</option>
              <Show when={project() && !projects().some((p) => p.projectID === project())}>
                <option value={project()}>{project()}</option>
              </Show>
              <For each={projects()}>{(p) => <option value={p.projectID}>{p.name}</option>}</For>
            </select>
          </div>
          <div class="field field--check">
            <label class="check" for="filter-overdue">
              <input id="filter-overdue" type="checkbox" checked={overdueOnly()} onChange={(e) => change(setOverdueOnly)(e.currentTarget.checked)} />
              <span>{t(L, "tickets.filter.overdue")}</span>
            </label>
          </div>
        </div>
        <Show when={rangeError()}>
          <p class="field-error" id="filter-range-error" role="alert">
            {rangeError()}
          </p>
        </Show>
      </section>

      {/* ---- the board ---- */}
      <section class="card" aria-labelledby="board-title" id="ticket-board" data-state={state()} aria-busy={refreshing()}>
        <div class="section-head">
          <h2 id="board-title">{t(L, `tickets.view.title.${view()}` as "tickets.view.title.open")}</h2>
          <Show when={state() === "ready"}>
            <span class="muted" id="board-count">
              {t(L, "tickets.count", { n: tickets().length })}
              <Show when={overdueCount() > 0}>
                {" · "}
                <span class="text-danger">{t(L, "tickets.countOverdue", { n: overdueCount() })}</span>
              </Show>
            </span>
          </Show>
          <button type="button" class="btn btn--link no-print" onClick={reset} id="filter-reset">
            {t(L, "tickets.filter.reset")}
          </button>
        </div>
        <Show when={state() === "loading"}>
          <Loading id="board-loading" text={t(L, "tickets.loading")} />
        </Show>
        <Show when={state() === "forbidden" || state() === "error" || state() === "notfound"}>
          <LoadProblem L={L} state={state()} message={loadError()} forbidden={t(L, "tickets.forbidden")} retry={load} />
        </Show>
        <Show when={state() === "ready"}>
          <Show when={tickets().length > 0} fallback={<p class="empty" id="board-empty">{t(L, "tickets.empty")}</p>}>
            <div class="table-scroll">
              <table class="data-table wt-table board-table">
                <thead>
                  <tr>
                    <th scope="col">{col.number}</th>
                    <th scope="col">{col.project}</th>
                    <th scope="col">{col.category}</th>
                    <th scope="col">{col.severity}</th>
                    <th scope="col">{col.status}</th>
                    <th scope="col">{col.reported}</th>
                    <th scope="col">{col.deadline}</th>
                    <th scope="col">{col.engineer}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={tickets()}>
                    {(tk) => {
                      const overdue = () => ticketClock(tk, now()).state === "overdue";
                      return (
                        <tr
                          data-ticket-id={tk.ticketID}
                          data-number={tk.number}
                          data-status={tk.status}
                          data-severity={tk.severity}
                          data-overdue={String(overdue())}
                          classList={{ "is-overdue": overdue(), "is-emergency": tk.severity === "emergency" }}
                        >
                          <td data-label={col.number} class="cell-number">
                            <a href={ticketHref(L, tk.ticketID)} class="ticket-link">
                              {tk.number}
                            </a>
                            <Show when={overdue()}>
                              <span class="tag-overdue">{t(L, "tickets.overdueTag")}</span>
                            </Show>
                          </td>
                          <td data-label={col.project} class="cell-project">
                            <div>
                              {tk.projectName || projectName(tk.projectID) || "—"}
                              <span class="cell-sub">{tk.location}</span>
                            </div>
                          </td>
                          <td data-label={col.category}>{categoryLabel(L, tk.category)}</td>
                          <td data-label={col.severity}>
                            <SeverityBadge L={L} severity={tk.severity} />
                          </td>
                          <td data-label={col.status}>
                            <StatusBadge L={L} status={tk.status} />
                          </td>
                          <td data-label={col.reported} class="nowrap">
                            <time dateTime={tk.reportedAt}>{formatDateTime(tk.reportedAt, L)}</time>
                          </td>
                          <td data-label={col.deadline} class="cell-deadline">
                            <Countdown L={L} ticket={tk} now={now()} />
                          </td>
                          <td data-label={col.engineer}>{tk.engineer?.name ?? <span class="muted">{t(L, "tickets.unassigned")}</span>}</td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Show>
      </section>
    </div>
  );
}
