import "../../dict/tickets";
// One ticket (/portal/warranty/ticket/?id=): GET /api/tickets/:id → header, clock with a live
// countdown, breaches and escalations, contact, fault, photos, claims, full history; actions by
// role and status → POST /api/tickets/:id/<action>, refreshed after each one.
import { createMemo, createSignal, For, Match, onMount, Show, Switch, type JSX } from "solid-js";
import { api } from "../../api";
import { errorText } from "../../errors";
import { formatDateTime } from "../../format";
import { roleLabel, t, type Locale } from "../../i18n";
import ClaimCard from "./ClaimCard";
import {
  actors,
  boardHref,
  byLabel,
  categoryLabel,
  closers,
  coverageLabel,
  coverages,
  deciders,
  depositHref,
  failedLoad,
  fieldMessages,
  fromShanghaiInput,
  hasRole,
  onDemoClock,
  queryParam,
  serverNowMs,
  setServerNow,
  severities,
  severityLabel,
  shanghaiInput,
  signinHref,
  sourceLabel,
  ticketClock,
  clockText,
  clockClass,
  useNow,
  usePortalUser,
  yuan,
  type Claim,
  type HistoryEntry,
  type LoadState,
  type TicketFull,
} from "./common";
import { FieldError, LoadProblem, Loading, SeverityBadge, StatusBadge } from "./ui";

type Detail = {
  ticket: TicketFull;
  project?: { projectID: string; name: string; customerID: string };
  claims: Claim[];
  photos: { attachmentID: string; fileName: string; url: string }[];
  now: string;
};
type Action = "acknowledge" | "classify" | "dispatch" | "arrive" | "repair" | "close";
type Engineer = { userID: string; name: string; email: string };

export default function TicketDetail(props: { locale: Locale }) {
  const L = props.locale;
  const user = usePortalUser();
  const now = useNow();
  const ticketID = queryParam("id") ?? "";

  const [state, setState] = createSignal<LoadState>("loading");
  const [loadError, setLoadError] = createSignal("");
  const [data, setData] = createSignal<Detail | null>(null);

  async function load() {
    if (!ticketID) {
      setState("notfound");
      setLoadError(t(L, "tickets.missingID"));
      return;
    }
    const res = await api<Detail>("GET", `/api/tickets/${encodeURIComponent(ticketID)}`);
    if (res.ok) {
      setServerNow(res.data.now);
      setData(res.data);
      setState("ready");
      document.title = `${res.data.ticket.number} · ${document.title.replace(/^[^·]*·\s*/, "")}`;
      return;
    }
    const f = failedLoad(L, res);
    setLoadError(f.state === "notfound" ? t(L, "tickets.notFound") : f.message);
    setState(f.state);
  }
  onMount(load);
  onDemoClock(() => load());

  const tk = () => data()!.ticket;
  const me = () => user();
  const isActor = () => hasRole(me(), actors);
  const isAssigned = () => !!me() && tk().engineer?.userID === me()!.userID;
  const can = (a: Action): boolean => {
    if (!data() || !me()) return false;
    const s = tk().status;
    switch (a) {
      case "acknowledge":
        return isActor() && s === "reported";
      case "classify":
        return isActor() && s !== "closed";
      case "dispatch":
        return isActor() && ["reported", "acknowledged", "reopened", "dispatched"].includes(s);
      case "arrive":
        return (isActor() || isAssigned()) && s === "dispatched";
      case "repair":
        return (isActor() || isAssigned()) && s === "on_site";
      case "close":
        return hasRole(me(), closers) && s === "accepted";
    }
  };
  const anyAction = () => (["acknowledge", "classify", "dispatch", "arrive", "repair", "close"] as Action[]).some(can);

  // ---- actions
  const [openForm, setOpenForm] = createSignal<Action | null>(null);
  const [busy, setBusy] = createSignal<Action | null>(null);
  const [actionError, setActionError] = createSignal("");
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [notice, setNotice] = createSignal("");

  const [engineers, setEngineers] = createSignal<Engineer[] | null>(null);
  const [engineersError, setEngineersError] = createSignal("");
  const [engineerID, setEngineerID] = createSignal("");
  const [arriveAt, setArriveAt] = createSignal("");
  const [repairNote, setRepairNote] = createSignal("");
  const [repairTeam, setRepairTeam] = createSignal("");
  const [clsSeverity, setClsSeverity] = createSignal("");
  const [clsCoverage, setClsCoverage] = createSignal("");
  const [clsNote, setClsNote] = createSignal("");

  function clearMessages() {
    setActionError("");
    setFields({});
    setNotice("");
  }

  async function loadEngineers() {
    setEngineersError("");
    const res = await api<{ engineers: Engineer[] }>("GET", "/api/engineers");
    if (res.ok) {
      const list = res.data.engineers ?? [];
      setEngineers(list);
      const current = tk().engineer?.userID;
      setEngineerID(current && list.some((e) => e.userID === current) ? current : list.length === 1 ? list[0]!.userID : "");
    } else {
      setEngineers([]);
      setEngineersError(errorText(L, res.status, res.error));
    }
  }

  function toggle(a: Action) {
    clearMessages();
    if (openForm() === a) return setOpenForm(null);
    setOpenForm(a);
    if (a === "dispatch" && engineers() === null) loadEngineers();
    if (a === "dispatch" && engineers()) setEngineerID(tk().engineer?.userID ?? (engineers()!.length === 1 ? engineers()![0]!.userID : ""));
    if (a === "arrive") setArriveAt("");
    if (a === "repair") {
      setRepairNote("");
      setRepairTeam(tk().responsibleTeam ?? "");
    }
    if (a === "classify") {
      setClsSeverity(tk().severity);
      setClsCoverage(tk().coverage);
      setClsNote("");
    }
    const focus = { dispatch: "dispatch-engineer", arrive: "arrive-time", repair: "repair-note", classify: "classify-severity" } as Record<string, string>;
    queueMicrotask(() => document.getElementById(focus[a] ?? "")?.focus());
  }

  async function act(a: Action, body: Record<string, unknown>, done: (t: TicketFull) => string) {
    if (busy()) return;
    setBusy(a);
    setActionError("");
    setFields({});
    setNotice("");
    const res = await api<{ ticket: TicketFull }>("POST", `/api/tickets/${encodeURIComponent(ticketID)}/${a}`, body);
    if (res.ok) {
      // Refresh first, so the notice appears together with the ticket's new state.
      await load();
      setOpenForm(null);
      setNotice(done(res.data.ticket));
      setBusy(null);
      queueMicrotask(() => document.getElementById("action-notice")?.focus());
      return;
    }
    if (res.status === 401) return location.replace(signinHref(L));
    // A conflict means the ticket moved on: show where it is now, with the message.
    if (res.status === 409) await load();
    setBusy(null);
    setFields(fieldMessages(res.error, L));
    setActionError(errorText(L, res.status, res.error));
    queueMicrotask(() => document.getElementById("action-error")?.focus());
  }

  const acknowledge = () => act("acknowledge", {}, () => t(L, "tickets.done.acknowledge"));
  const close = () => act("close", {}, () => t(L, "tickets.done.close"));

  function submitDispatch(e: SubmitEvent) {
    e.preventDefault();
    if (!engineerID()) {
      setFields({ engineerID: t(L, "tickets.v.chooseEngineer") });
      return document.getElementById("dispatch-engineer")?.focus();
    }
    const name = engineers()?.find((x) => x.userID === engineerID())?.name ?? "";
    act("dispatch", { engineerID: engineerID() }, (u) => t(L, "tickets.done.dispatch", { name: u.engineer?.name ?? name }));
  }

  function submitArrive(e: SubmitEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (arriveAt()) {
      const iso = fromShanghaiInput(arriveAt());
      if (!iso) {
        setFields({ arrivedAt: t(L, "tickets.v.datetime") });
        return document.getElementById("arrive-time")?.focus();
      }
      if (Date.parse(iso) > serverNowMs() + 60_000) {
        setFields({ arrivedAt: t(L, "tickets.v.future") });
        return document.getElementById("arrive-time")?.focus();
      }
      body.arrivedAt = iso;
    }
    act("arrive", body, () => t(L, "tickets.done.arrive"));
  }

  function submitRepair(e: SubmitEvent) {
    e.preventDefault();
    if (!repairNote().trim()) {
      setFields({ note: t(L, "tickets.v.required") });
      return document.getElementById("repair-note")?.focus();
    }
    act(
      "repair",
      { note: repairNote().trim(), ...(repairTeam().trim() ? { responsibleTeam: repairTeam().trim() } : {}) },
      () => t(L, "tickets.done.repair"),
    );
  }

  function submitClassify(e: SubmitEvent) {
    e.preventDefault();
    if (clsCoverage() === "not_our_cause" && clsCoverage() !== tk().coverage && !clsNote().trim()) {
      setFields({ note: t(L, "tickets.v.noteNotOurCause") });
      return document.getElementById("classify-note")?.focus();
    }
    const body: Record<string, unknown> = {};
    if (clsSeverity() && clsSeverity() !== tk().severity) body.severity = clsSeverity();
    if (clsCoverage() && clsCoverage() !== tk().coverage) body.coverage = clsCoverage();
    if (clsNote().trim()) body.note = clsNote().trim();
    if (!body.severity && !body.coverage) {
      setOpenForm(null);
      setNotice(t(L, "tickets.done.classifyNoChange"));
      return;
    }
    act("classify", body, () => t(L, "tickets.done.classify"));
  }

  // ---- claims
  const canDecide = () => hasRole(me(), deciders);
  function claimDecided(claim: Claim, message: string) {
    setData((d) => (d ? { ...d, claims: d.claims.map((c) => (c.claimID === claim.claimID ? { ...c, ...claim } : c)) } : d));
    setNotice(message);
    load();
  }

  // ---- history (the ticket's own, with its claims' entries merged in)
  const history = createMemo(() => {
    const d = data();
    if (!d) return [] as (HistoryEntry & { claim?: Claim })[];
    const all: (HistoryEntry & { claim?: Claim })[] = [...d.ticket.history, ...d.claims.flatMap((c) => c.history.map((h) => ({ ...h, claim: c })))];
    return all.sort((a, b) => a.at.localeCompare(b.at));
  });

  const inv = (k: string) => (fields()[k] ? "true" : undefined);
  /** Typing into a field clears its error. */
  const edited = (k: string) => {
    if (fields()[k]) setFields(({ [k]: _, ...rest }) => rest);
  };
  const clock = () => ticketClock(tk(), now());

  /** The button that opens/closes an action's sub-form (`#action-<a>` controlling `#<a>-form`). */
  const FormToggle = (p: { action: Action; secondary?: boolean; children: JSX.Element }) => (
    <button
      type="button"
      class={`btn${p.secondary ? " btn--secondary" : ""}${openForm() === p.action ? " is-open" : ""}`}
      id={`action-${p.action}`}
      aria-expanded={openForm() === p.action}
      aria-controls={`${p.action}-form`}
      onClick={() => toggle(p.action)}
    >
      {p.children}
    </button>
  );

  /** Submit (`#<a>-submit`) and cancel buttons at the foot of an action's sub-form. */
  const FormButtons = (p: { action: Action; label: string; disabled?: boolean }) => (
    <div class="btn-row">
      <button type="submit" class="btn" id={`${p.action}-submit`} disabled={!!busy() || !!p.disabled}>
        {busy() === p.action ? t(L, "tickets.working") : p.label}
      </button>
      <button type="button" class="btn btn--secondary" onClick={() => setOpenForm(null)}>
        {t(L, "tickets.cancel")}
      </button>
    </div>
  );

  return (
    <div class="wt wt-ticket">
      <p class="backlink no-print">
        <a href={boardHref(L)}>← {t(L, "tickets.back")}</a>
      </p>
      <Show when={state() === "loading"}>
        <Loading id="ticket-loading" text={t(L, "tickets.detail.loading")} />
      </Show>
      <Show when={state() === "forbidden" || state() === "error" || state() === "notfound"}>
        <LoadProblem L={L} state={state()} message={loadError()} forbidden={t(L, "tickets.forbidden")} retry={load} />
      </Show>
      <Show when={state() === "ready" && data()}>
        {/* ---- header ---- */}
        <header class="ticket-head card" data-ticket-id={tk().ticketID} data-severity={tk().severity}>
          <div class="ticket-head__top">
            <h1 id="ticket-number">{tk().number}</h1>
            <div class="chips">
              <StatusBadge L={L} status={tk().status} id="ticket-status" />
              <SeverityBadge L={L} severity={tk().severity} />
              <span class={`badge badge--cov-${tk().coverage}`} id="ticket-coverage" data-coverage={tk().coverage}>
                {coverageLabel(L, tk().coverage)}
              </span>
              <Show when={tk().billable}>
                <span class="badge badge--billable" id="ticket-billable">
                  {t(L, "tickets.billable")}
                </span>
              </Show>
            </div>
          </div>
          <p class="ticket-head__project">
            <strong>{data()!.project?.name ?? "—"}</strong>
            <span class="muted"> · {categoryLabel(L, tk().category)}</span>
          </p>
          <dl class="kv kv--inline">
            <div>
              <dt>{t(L, "tickets.detail.reportedAt")}</dt>
              <dd>
                <time dateTime={tk().reportedAt}>{formatDateTime(tk().reportedAt, L)}</time>
              </dd>
            </div>
            <div>
              <dt>{t(L, "tickets.detail.source")}</dt>
              <dd>{sourceLabel(L, tk().source)}</dd>
            </div>
            <Show when={tk().urgency !== tk().severity}>
              <div>
                <dt>{t(L, "tickets.detail.urgency")}</dt>
                <dd>{severityLabel(L, tk().urgency)}</dd>
              </div>
            </Show>
            <div>
              <dt>{t(L, "tickets.detail.coverage")}</dt>
              <dd>
                {coverageLabel(L, tk().coverage)} · {t(L, tk().billable ? "tickets.billableYes" : "tickets.billableNo")}
                <Show when={tk().warrantyEndsOn}>
                  <span class="muted"> · {t(L, "tickets.detail.warrantyEndsOn", { date: tk().warrantyEndsOn! })}</span>
                </Show>
              </dd>
            </div>
            <Show when={tk().coverageNote}>
              <div>
                <dt>{t(L, "tickets.detail.coverageNote")}</dt>
                <dd class="pre">{tk().coverageNote}</dd>
              </div>
            </Show>
            <div>
              <dt>{t(L, "tickets.detail.engineer")}</dt>
              <dd id="ticket-engineer">{tk().engineer?.name ?? <span class="muted">{t(L, "tickets.unassigned")}</span>}</dd>
            </div>
          </dl>
          <p class="btn-row ticket-head__links no-print">
            <Show when={data()!.project}>
              <a class="btn btn--link" href={boardHref(L, tk().projectID)}>
                {t(L, "tickets.detail.projectTickets")}
              </a>
              <a class="btn btn--link" href={depositHref(L, tk().projectID)}>
                {t(L, "tickets.detail.deposit")}
              </a>
            </Show>
          </p>
        </header>

        <div class="ticket-grid">
          <div class="ticket-main">
          {/* ---- actions ---- */}
          <section class="card area-actions no-print" id="actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{t(L, "tickets.actions.title")}</h2>
            <Show when={notice()}>
              <p class="alert alert--success" id="action-notice" role="status" tabindex="-1">
                {notice()}
              </p>
            </Show>
            <Show when={actionError()}>
              <p class="alert alert--error" id="action-error" role="alert" tabindex="-1">
                {actionError()}
              </p>
            </Show>
            <Show when={me()} fallback={<p class="muted">{t(L, "shell.loadingUser")}</p>}>
              <Show when={anyAction()} fallback={
                  <Show when={!(notice() && tk().status === "closed")}>
                    <p class="muted" id="actions-none">
                      {t(L, tk().status === "closed" ? "tickets.actions.closed" : "tickets.actions.none")}
                    </p>
                  </Show>
                }
              >
                <div class="btn-row action-buttons">
                  <Show when={can("acknowledge")}>
                    <button type="button" class="btn" id="action-acknowledge" disabled={!!busy()} onClick={acknowledge}>
                      {busy() === "acknowledge" ? t(L, "tickets.working") : t(L, "tickets.action.acknowledge")}
                    </button>
                  </Show>
                  <Show when={can("dispatch")}>
                    <FormToggle action="dispatch">{t(L, tk().status === "dispatched" ? "tickets.action.redispatch" : "tickets.action.dispatch")}</FormToggle>
                  </Show>
                  <Show when={can("arrive")}>
                    <FormToggle action="arrive">{t(L, "tickets.action.arrive")}</FormToggle>
                  </Show>
                  <Show when={can("repair")}>
                    <FormToggle action="repair">{t(L, "tickets.action.repair")}</FormToggle>
                  </Show>
                  <Show when={can("close")}>
                    <button type="button" class="btn" id="action-close" disabled={!!busy()} onClick={close}>
                      {busy() === "close" ? t(L, "tickets.working") : t(L, "tickets.action.close")}
                    </button>
                  </Show>
                  <Show when={can("classify")}>
                    <FormToggle action="classify" secondary>{t(L, "tickets.action.classify")}</FormToggle>
                  </Show>
                </div>

                <Switch>
                  <Match when={openForm() === "dispatch" && can("dispatch")}>
                    <form class="subform" id="dispatch-form" novalidate onSubmit={submitDispatch}>
                      <div class="field">
                        <label for="dispatch-engineer">{t(L, "tickets.dispatch.engineer")}</label>
                        <select id="dispatch-engineer" value={engineerID()} onChange={(e) => (setEngineerID(e.currentTarget.value), edited("engineerID"))} aria-invalid={inv("engineerID")} aria-describedby={fields().engineerID ? "dispatch-engineer-error" : undefined} disabled={engineers() === null}>
                          <option value="">{engineers() === null ? t(L, "tickets.dispatch.loading") : t(L, "tickets.new.choose")}</option>
                          <For each={engineers() ?? []}>{(e) => <option value={e.userID}>{e.name}</option>}</For>
                        </select>
                        <Show when={engineers() !== null && engineers()!.length === 0 && !engineersError()}>
                          <p class="hint">{t(L, "tickets.dispatch.none")}</p>
                        </Show>
                        <Show when={engineersError()}>
                          <p class="field-error">{engineersError()}</p>
                        </Show>
                        <FieldError id="dispatch-engineer-error" msg={fields().engineerID} />
                      </div>
                      <FormButtons action="dispatch" label={t(L, "tickets.dispatch.submit")} disabled={engineers() === null} />
                    </form>
                  </Match>
                  <Match when={openForm() === "arrive" && can("arrive")}>
                    <form class="subform" id="arrive-form" novalidate onSubmit={submitArrive}>
                      <div class="field">
                        <label for="arrive-time">{t(L, "tickets.arrive.time")}</label>
                        <input
                          id="arrive-time"
                          type="datetime-local"
                          value={arriveAt()}
                          min={tk().dispatchedAt ? shanghaiInput(Date.parse(tk().dispatchedAt!)) : undefined}
                          max={shanghaiInput(now())}
                          onInput={(e) => (setArriveAt(e.currentTarget.value), edited("arrivedAt"))}
                          aria-invalid={inv("arrivedAt")}
                          aria-describedby={`arrive-time-hint${fields().arrivedAt ? " arrive-time-error" : ""}`}
                        />
                        <p class="hint" id="arrive-time-hint">
                          {t(L, "tickets.arrive.hint")}
                        </p>
                        <FieldError id="arrive-time-error" msg={fields().arrivedAt} />
                      </div>
                      <FormButtons action="arrive" label={t(L, "tickets.arrive.submit")} />
                    </form>
                  </Match>
                  <Match when={openForm() === "repair" && can("repair")}>
                    <form class="subform" id="repair-form" novalidate onSubmit={submitRepair}>
                      <div class="field">
                        <label for="repair-note">{t(L, "tickets.repair.note")}</label>
                        <textarea id="repair-note" rows={3} maxLength={1000} value={repairNote()} onInput={(e) => (setRepairNote(e.currentTarget.value), edited("note"))} aria-invalid={inv("note")} aria-describedby={fields().note ? "repair-note-error" : undefined} />
                        <FieldError id="repair-note-error" msg={fields().note} />
                      </div>
                      <div class="field">
                        <label for="repair-team">{t(L, "tickets.repair.team")}</label>
                        <input id="repair-team" type="text" maxLength={100} value={repairTeam()} onInput={(e) => (setRepairTeam(e.currentTarget.value), edited("responsibleTeam"))} aria-invalid={inv("responsibleTeam")} aria-describedby={`repair-team-hint${fields().responsibleTeam ? " repair-team-error" : ""}`} />
                        <p class="hint" id="repair-team-hint">
                          {t(L, "tickets.repair.teamHint")}
                        </p>
                        <FieldError id="repair-team-error" msg={fields().responsibleTeam} />
                      </div>
                      <FormButtons action="repair" label={t(L, "tickets.repair.submit")} />
                    </form>
                  </Match>
                  <Match when={openForm() === "classify" && can("classify")}>
                    <form class="subform" id="classify-form" novalidate onSubmit={submitClassify}>
                      <div class="form-grid">
                        <div class="field">
                          <label for="classify-severity">{t(L, "tickets.classify.severity")}</label>
                          <select id="classify-severity" value={clsSeverity()} onChange={(e) => setClsSeverity(e.currentTarget.value)} disabled={!!tk().repairedAt} aria-describedby="classify-severity-hint">
                            <For each={[...severities]}>{(s) => <option value={s}>{severityLabel(L, s)}</option>}</For>
                          </select>
                          <p class="hint" id="classify-severity-hint">
                            {t(L, tk().repairedAt ? "tickets.classify.severityLocked" : "tickets.classify.severityHint")}
                          </p>
                          <FieldError id="classify-severity-error" msg={fields().severity} />
                        </div>
                        <div class="field">
                          <label for="classify-coverage">{t(L, "tickets.classify.coverage")}</label>
                          <select id="classify-coverage" value={clsCoverage()} onChange={(e) => setClsCoverage(e.currentTarget.value)}>
                            <For each={[...coverages]}>{(c) => <option value={c}>{coverageLabel(L, c)}</option>}</For>
                          </select>
                          <p class="hint">{t(L, "tickets.classify.coverageHint")}</p>
                          <FieldError id="classify-coverage-error" msg={fields().coverage} />
                        </div>
                      </div>
                      <div class="field">
                        <label for="classify-note">
                          {t(L, "tickets.classify.note")}
                          <Show when={clsCoverage() === "not_our_cause"}>
                            <span class="req"> {t(L, "tickets.requiredMark")}</span>
                          </Show>
                        </label>
                        <textarea id="classify-note" rows={2} maxLength={500} value={clsNote()} onInput={(e) => (setClsNote(e.currentTarget.value), edited("note"))} aria-invalid={inv("note")} aria-describedby={`classify-note-hint${fields().note ? " classify-note-error" : ""}`} />
                        <p class="hint" id="classify-note-hint">
                          {t(L, "tickets.classify.noteHint")}
                        </p>
                        <FieldError id="classify-note-error" msg={fields().note} />
                      </div>
                      <FormButtons action="classify" label={t(L, "tickets.classify.submit")} />
                    </form>
                  </Match>
                </Switch>
              </Show>
            </Show>
          </section>

          {/* ---- fault ---- */}
          <section class="card area-fault" aria-labelledby="fault-title">
            <h2 id="fault-title">{t(L, "tickets.fault.title")}</h2>
            <dl class="kv">
              <div class="kv__wide">
                <dt>{t(L, "tickets.fault.description")}</dt>
                <dd class="pre" id="ticket-description">
                  {tk().description}
                </dd>
              </div>
              <div class="kv__wide">
                <dt>{t(L, "tickets.fault.location")}</dt>
                <dd id="ticket-location">{tk().location}</dd>
              </div>
              <div>
                <dt>{t(L, "tickets.fault.category")}</dt>
                <dd>{categoryLabel(L, tk().category)}</dd>
              </div>
            </dl>
            <h3 class="subhead">{t(L, "tickets.fault.photos")}</h3>
            <Show when={data()!.photos.length > 0} fallback={<p class="muted small">{t(L, "tickets.fault.noPhotos")}</p>}>
              <ul class="photos" id="ticket-photos">
                <For each={data()!.photos}>
                  {(p) => (
                    <li>
                      <a href={p.url} target="_blank" rel="noopener">
                        <img src={p.url} alt={p.fileName} loading="lazy" />
                        <span class="photos__name">{p.fileName}</span>
                      </a>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={tk().repairedAt}>
              <h3 class="subhead">{t(L, "tickets.repair.result")}</h3>
              <dl class="kv" id="repair-result">
                <div class="kv__wide">
                  <dt>{t(L, "tickets.repair.note")}</dt>
                  <dd class="pre">{tk().repairNote ?? "—"}</dd>
                </div>
                <div>
                  <dt>{t(L, "tickets.repair.team")}</dt>
                  <dd>{tk().responsibleTeam ?? "—"}</dd>
                </div>
                <Show when={tk().rating}>
                  <div>
                    <dt>{t(L, "tickets.repair.rating")}</dt>
                    <dd>
                      <span class="stars" aria-label={t(L, "tickets.ratingOf", { n: tk().rating! })}>
                        {"★".repeat(tk().rating!)}
                        {"☆".repeat(5 - tk().rating!)}
                      </span>
                    </dd>
                  </div>
                </Show>
                <Show when={tk().comment}>
                  <div class="kv__wide">
                    <dt>{t(L, "tickets.repair.comment")}</dt>
                    <dd class="pre">{tk().comment}</dd>
                  </div>
                </Show>
              </dl>
            </Show>
          </section>

          {/* ---- claims ---- */}
          <Show when={data()!.claims.length > 0}>
            <section class="card area-claims" id="ticket-claims" aria-labelledby="claims-title">
              <h2 id="claims-title">{t(L, "tickets.claim.title")}</h2>
              <p class="card__intro">{t(L, "tickets.claim.hint")}</p>
              <For each={data()!.claims}>{(c) => <ClaimCard L={L} claim={c} canDecide={canDecide()} onDecided={claimDecided} />}</For>
            </section>
          </Show>

          {/* ---- history ---- */}
          <section class="card area-history" aria-labelledby="history-title">
            <h2 id="history-title">{t(L, "tickets.history.title")}</h2>
            <ol class="history" id="history">
              <For each={history()}>
                {(h) => (
                  <li data-action={h.action}>
                    <time class="history__at" dateTime={h.at}>
                      {formatDateTime(h.at, L)}
                    </time>
                    <div class="history__body">
                      <span class="history__what">{actionLabel(L, h.action)}</span>
                      <span class="history__who"> · {byLabel(L, h.by)}</span>
                      <For each={historyDetails(L, h)}>{(d) => <span class="history__detail">{d}</span>}</For>
                    </div>
                  </li>
                )}
              </For>
            </ol>
          </section>
          </div>
          <div class="ticket-side">
          {/* ---- clock ---- */}
          <section class="card clock-card area-clock" aria-labelledby="clock-title">
            <h2 id="clock-title">{t(L, "tickets.clock.title")}</h2>
            <div
              id="deadline"
              class={`deadline ${clockClass(clock())}`}
              data-kind={clock().kind}
              data-state={clock().state}
              data-deadline={clock().kind === "elapsed" ? undefined : (clock() as { deadline: string }).deadline}
            >
              <span class="deadline__label">
                {t(L, clock().kind === "arrival" ? "tickets.deadline.arrival" : clock().kind === "resolution" ? "tickets.deadline.resolution" : "tickets.deadline.none")}
              </span>
              <Show when={clock().kind !== "elapsed"}>
                <time class="deadline__time" dateTime={(clock() as { deadline: string }).deadline}>
                  {formatDateTime((clock() as { deadline: string }).deadline, L)}
                </time>
              </Show>
              <span class="deadline__countdown" id="countdown" aria-live="off">
                {clockText(clock(), L)}
              </span>
            </div>
            <p class="hint">{t(L, `tickets.rule.${tk().severity}` as "tickets.rule.general")}</p>
            <Show when={tk().cycle > 1 && tk().reopenCount > 0}>
              <p class="hint">{t(L, "tickets.clock.cycle", { n: tk().reopenCount })}</p>
            </Show>
            <Show when={tk().thirdPartyAllowedAt}>
              <p class="alert alert--warn" id="third-party-allowed">
                {t(L, "tickets.thirdParty", { at: formatDateTime(tk().thirdPartyAllowedAt, L) })}
              </p>
            </Show>
            <ol class="steps" id="ticket-steps">
              <For
                each={
                  [
                    ["reported", tk().reportedAt],
                    ["acknowledged", tk().acknowledgedAt],
                    ["dispatched", tk().dispatchedAt],
                    ["on_site", tk().arrivedAt],
                    ["repaired", tk().repairedAt],
                    ["accepted", tk().acceptedAt],
                    ["closed", tk().closedAt],
                  ] as [string, string | undefined][]
                }
              >
                {([k, at]) => (
                  <li classList={{ "is-done": !!at }} data-step={k}>
                    <span class="steps__dot" aria-hidden="true" />
                    <span class="steps__name">{t(L, `tickets.step.${k}` as "tickets.step.reported")}</span>
                    <span class="steps__at">{at ? formatDateTime(at, L) : "—"}</span>
                    <Show when={k === "dispatched" && at && tk().engineer}>
                      <span class="steps__extra">{tk().engineer!.name}</span>
                    </Show>
                    <Show when={k === "accepted" && tk().rating}>
                      <span class="steps__extra" aria-label={t(L, "tickets.ratingOf", { n: tk().rating! })}>
                        {"★".repeat(tk().rating!)}
                        {"☆".repeat(5 - tk().rating!)}
                      </span>
                    </Show>
                  </li>
                )}
              </For>
            </ol>

            <h3 class="subhead">{t(L, "tickets.breaches.title")}</h3>
            <Show when={tk().breaches.length > 0} fallback={<p class="muted small" id="breaches-none">{t(L, "tickets.none")}</p>}>
              <ul class="plain-list" id="breaches">
                <For each={tk().breaches}>
                  {(b) => (
                    <li class="text-danger" data-kind={b.kind}>
                      <strong>{t(L, b.kind === "arrival" ? "tickets.breach.arrival" : "tickets.breach.resolution")}</strong>
                      <span class="small"> · {t(L, "tickets.breach.row", { deadline: formatDateTime(b.deadline, L), at: formatDateTime(b.at, L) })}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <h3 class="subhead">{t(L, "tickets.escalations.title")}</h3>
            <Show when={tk().escalations.length > 0} fallback={<p class="muted small" id="escalations-none">{t(L, "tickets.none")}</p>}>
              <ul class="plain-list" id="escalations">
                <For each={tk().escalations}>
                  {(e) => (
                    <li data-level={e.level}>
                      <span class={`badge badge--esc-${e.level}`}>{t(L, "tickets.escalation.level", { n: e.level })}</span>{" "}
                      <strong>{roleLabel(L, e.role)}</strong>
                      <span class="small muted"> · {formatDateTime(e.at, L)}</span>
                      <Show when={e.notified?.length}>
                        <span class="small muted escal-notified">
                          {t(L, "tickets.escalation.notified")}
                          {e.notified.join(", ")}
                        </span>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>

          {/* ---- contact ---- */}
          <section class="card area-contact" aria-labelledby="contact-title">
            <h2 id="contact-title">{t(L, "tickets.contact.title")}</h2>
            <dl class="kv">
              <div>
                <dt>{t(L, "tickets.contact.name")}</dt>
                <dd id="contact-name">{tk().contact.name}</dd>
              </div>
              <div>
                <dt>{t(L, "tickets.contact.phone")}</dt>
                <dd>
                  <a class="tel-link" id="contact-phone" href={`tel:${tk().contact.phone.replace(/[\s-]/g, "")}`}>
                    {tk().contact.phone}
                  </a>
                </dd>
              </div>
              <Show when={tk().contact.email}>
                <div>
                  <dt>{t(L, "tickets.contact.email")}</dt>
                  <dd class="break">
                    <a href={`mailto:${tk().contact.email}`} id="contact-email">
                      {tk().contact.email}
                    </a>
                  </dd>
                </div>
              </Show>
            </dl>
          </section>

          </div>
        </div>
      </Show>
    </div>
  );
}

function actionLabel(L: Locale, action: string): string {
  const key = `tickets.hist.${action.replace(/^(ticket|claim)\./, (_, p) => (p === "claim" ? "claim_" : ""))}`;
  try {
    return t(L, key as "tickets.hist.reported");
  } catch {
    return action;
  }
}

/** Readable details of a history entry. */
function historyDetails(L: Locale, h: HistoryEntry): string[] {
  const d = (h.details ?? {}) as Record<string, any>;
  const out: string[] = [];
  const add = (key: Parameters<typeof t>[1], v: unknown) => {
    if (v !== undefined && v !== null && v !== "") out.push(t(L, key, { v: String(v) }));
  };
  switch (h.action) {
    case "ticket.reported":
      add("tickets.hd.source", d.source ? sourceLabel(L, d.source) : undefined);
      add("tickets.hd.severity", d.severity ? severityLabel(L, d.severity) : undefined);
      add("tickets.hd.coverage", d.coverage ? t(L, `tickets.reason.${d.coverage}` as "tickets.reason.in_warranty") : undefined);
      add("tickets.hd.arriveBy", d.arriveBy ? formatDateTime(d.arriveBy, L) : undefined);
      add("tickets.hd.resolveBy", d.resolveBy ? formatDateTime(d.resolveBy, L) : undefined);
      break;
    case "ticket.classified":
      add("tickets.hd.severityTo", d.severity ? severityLabel(L, d.severity) : undefined);
      add("tickets.hd.coverageTo", d.coverage ? coverageLabel(L, d.coverage) : undefined);
      add("tickets.hd.arriveBy", d.arriveBy ? formatDateTime(d.arriveBy, L) : undefined);
      add("tickets.hd.resolveBy", d.resolveBy ? formatDateTime(d.resolveBy, L) : undefined);
      add("tickets.hd.note", d.note);
      break;
    case "ticket.dispatched":
    case "ticket.redispatched":
      add("tickets.hd.engineer", d.engineer);
      break;
    case "ticket.arrived":
      add("tickets.hd.arrivedAt", d.arrivedAt ? formatDateTime(d.arrivedAt, L) : undefined);
      if (d.onTime === true) out.push(t(L, "tickets.hd.onTime"));
      if (d.onTime === false) out.push(t(L, "tickets.hd.late"));
      break;
    case "ticket.repaired":
      add("tickets.hd.note", d.note);
      add("tickets.hd.team", d.responsibleTeam);
      break;
    case "ticket.accepted":
      add("tickets.hd.rating", d.rating ? `${"★".repeat(d.rating)}${"☆".repeat(5 - d.rating)}` : undefined);
      add("tickets.hd.comment", d.comment);
      break;
    case "ticket.reopened":
      add("tickets.hd.reason", d.reason);
      break;
    case "ticket.closed":
      add("tickets.hd.note", d.note);
      break;
    case "ticket.escalated":
      add("tickets.hd.level", d.level);
      add("tickets.hd.role", d.role ? roleLabel(L, d.role) : undefined);
      add("tickets.hd.deadline", d.deadline ? formatDateTime(d.deadline, L) : undefined);
      break;
    case "claim.submitted":
      add("tickets.hd.amount", typeof d.amountFen === "number" ? yuan(d.amountFen) : undefined);
      break;
    case "claim.approved":
      add("tickets.hd.approved", typeof d.approvedFen === "number" ? yuan(d.approvedFen) : undefined);
      add("tickets.hd.note", d.note);
      break;
    case "claim.rejected":
      add("tickets.hd.reason", d.reason);
      break;
    case "claim.deducted":
      add("tickets.hd.deducted", typeof d.deductedFen === "number" ? yuan(d.deductedFen) : undefined);
      add("tickets.hd.balanceAfter", typeof d.balanceAfterFen === "number" ? yuan(d.balanceAfterFen) : undefined);
      break;
  }
  return out;
}

