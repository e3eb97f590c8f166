import "../../dict/tickets";
// Free follow-up service (/portal/warranty/followups/): GET /api/followups (planned tasks), and
// for after-sales / engineering head "完成" with notes → POST /api/followups/complete.
import { createMemo, createSignal, For, onMount, Show } from "solid-js";
import { api } from "../../api";
import { errorText } from "../../errors";
import { formatDateTime } from "../../format";
import { t, type Locale } from "../../i18n";
import {
  boardHref,
  failedLoad,
  fieldMessages,
  followUpDoers,
  hasRole,
  onDemoClock,
  setServerNow,
  shanghaiDate,
  signinHref,
  useNow,
  usePortalUser,
  type LoadState,
} from "./common";
import { FieldError, LoadProblem, Loading } from "./ui";

type FollowUp = { projectID: string; projectName: string; dueOn: string; status: "planned" | "done" | "cancelled"; doneAt?: string; notes?: string };
const keyOf = (f: Pick<FollowUp, "projectID" | "dueOn">) => `${f.projectID}|${f.dueOn}`;
const weekday = (L: Locale, date: string) =>
  new Intl.DateTimeFormat(L, { weekday: "short", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

export default function FollowUps(props: { locale: Locale }) {
  const L = props.locale;
  const user = usePortalUser();
  const now = useNow();
  const [state, setState] = createSignal<LoadState>("loading");
  const [loadError, setLoadError] = createSignal("");
  const [items, setItems] = createSignal<FollowUp[]>([]);
  const [open, setOpen] = createSignal<string | null>(null);
  const [notes, setNotes] = createSignal("");
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal("");
  const [done, setDone] = createSignal<FollowUp[]>([]);

  async function load() {
    const res = await api<{ followUps: FollowUp[] }>("GET", "/api/followups");
    if (res.ok) {
      // No `now` in this answer: keep the last known server time.
      setItems([...(res.data.followUps ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.projectName.localeCompare(b.projectName, "zh-CN")));
      setState("ready");
      return;
    }
    const f = failedLoad(L, res);
    setLoadError(f.message);
    setState(f.state);
  }
  onMount(async () => {
    // The server's time (the demo clock may differ from the browser's) decides what is overdue.
    const info = await api<{ now: string }>("GET", "/api/local/info");
    if (info.ok) setServerNow(info.data.now);
    load();
  });
  onDemoClock(() => load());

  const today = createMemo(() => shanghaiDate(now()));
  const canDo = () => hasRole(user(), followUpDoers);
  const overdue = () => items().filter((f) => f.dueOn < today()).length;

  function start(f: FollowUp) {
    setOpen(keyOf(f));
    setNotes("");
    setFields({});
    setError("");
    setNotice("");
    queueMicrotask(() => document.getElementById("followup-notes")?.focus());
  }

  async function complete(e: SubmitEvent, f: FollowUp) {
    e.preventDefault();
    if (busy()) return;
    if (!notes().trim()) {
      setFields({ notes: t(L, "tickets.v.required") });
      return document.getElementById("followup-notes")?.focus();
    }
    setBusy(true);
    setError("");
    const res = await api<{ followUp: FollowUp }>("POST", "/api/followups/complete", { projectID: f.projectID, dueOn: f.dueOn, notes: notes().trim() });
    setBusy(false);
    if (res.ok) {
      setOpen(null);
      setItems((list) => list.filter((x) => keyOf(x) !== keyOf(f)));
      setDone((list) => [{ ...f, ...res.data.followUp, projectName: f.projectName }, ...list]);
      setNotice(t(L, "tickets.fu.doneMsg", { project: f.projectName, date: f.dueOn }));
      queueMicrotask(() => document.getElementById("followups-notice")?.focus());
      return;
    }
    if (res.status === 401) return location.replace(signinHref(L));
    setFields(fieldMessages(res.error, L));
    setError(errorText(L, res.status, res.error));
    if (res.status === 409) load();
  }

  const col = {
    due: t(L, "tickets.fu.dueOn"),
    project: t(L, "tickets.fu.project"),
    state: t(L, "tickets.fu.state"),
    actions: t(L, "tickets.col.actions"),
  };

  return (
    <div class="wt wt-followups">
      <Show when={notice()}>
        <p class="alert alert--success" id="followups-notice" role="status" tabindex="-1">
          {notice()}
        </p>
      </Show>
      <section class="card" id="followups" data-state={state()}>
        <div class="section-head">
          <h2>{t(L, "tickets.fu.planned")}</h2>
          <Show when={state() === "ready"}>
            <span class="muted" id="followups-count">
              {t(L, "tickets.fu.count", { n: items().length })}
              <Show when={overdue() > 0}>
                {" · "}
                <span class="text-danger">{t(L, "tickets.fu.overdueCount", { n: overdue() })}</span>
              </Show>
            </span>
          </Show>
        </div>
        <Show when={state() === "loading"}>
          <Loading text={t(L, "tickets.fu.loading")} />
        </Show>
        <Show when={state() === "forbidden" || state() === "error" || state() === "notfound"}>
          <LoadProblem L={L} state={state()} message={loadError()} forbidden={t(L, "tickets.fu.forbidden")} retry={load} />
        </Show>
        <Show when={state() === "ready"}>
          <Show when={items().length > 0} fallback={<p class="empty" id="followups-empty">{t(L, "tickets.fu.empty")}</p>}>
            <div class="table-scroll">
              <table class="data-table wt-table">
                <thead>
                  <tr>
                    <th scope="col">{col.due}</th>
                    <th scope="col">{col.project}</th>
                    <th scope="col">{col.state}</th>
                    <th scope="col">
                      <span class="visually-hidden">{col.actions}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(f) => {
                      const when = () => (f.dueOn < today() ? "overdue" : f.dueOn === today() ? "today" : "upcoming");
                      return (
                        <>
                          <tr data-followup={keyOf(f)} data-project-id={f.projectID} data-due={f.dueOn} data-when={when()} classList={{ "is-overdue": when() === "overdue" }}>
                            <td data-label={col.due} class="nowrap">
                              <span>
                                <strong>{f.dueOn}</strong> <span class="muted">{weekday(L, f.dueOn)}</span>
                              </span>
                            </td>
                            <td data-label={col.project}>
                              <a href={boardHref(L, f.projectID)}>{f.projectName || f.projectID}</a>
                            </td>
                            <td data-label={col.state}>
                              <span class={`badge badge--fu-${when()}`}>{t(L, `tickets.fu.${when()}` as "tickets.fu.today")}</span>
                            </td>
                            <td data-label={col.actions} class="cell-actions">
                              <Show when={canDo() && open() !== keyOf(f)}>
                                <button type="button" class="btn btn--secondary" data-action="complete" onClick={() => start(f)}>
                                  {t(L, "tickets.fu.complete")}
                                </button>
                              </Show>
                            </td>
                          </tr>
                          <Show when={open() === keyOf(f)}>
                            <tr class="edit-row wt-edit-row">
                              <td colSpan={4}>
                                <form id="followup-form" novalidate onSubmit={(e) => complete(e, f)}>
                                  <h3>{t(L, "tickets.fu.formTitle", { project: f.projectName, date: f.dueOn })}</h3>
                                  <Show when={error()}>
                                    <p class="alert alert--error" id="followup-error" role="alert">
                                      {error()}
                                    </p>
                                  </Show>
                                  <div class="field">
                                    <label for="followup-notes">{t(L, "tickets.fu.notes")}</label>
                                    <textarea id="followup-notes" rows={3} maxLength={1000} value={notes()} onInput={(e) => setNotes(e.currentTarget.value)} aria-invalid={fields().notes ? "true" : undefined} aria-describedby={`followup-notes-hint${fields().notes ? " followup-notes-error" : ""}`} />
                                    <p class="hint" id="followup-notes-hint">
                                      {t(L, "tickets.fu.notesHint")}
                                    </p>
                                    <FieldError id="followup-notes-error" msg={fields().notes} />
                                  </div>
                                  <div class="btn-row">
                                    <button type="submit" class="btn" id="followup-submit" disabled={busy()}>
                                      {busy() ? t(L, "tickets.working") : t(L, "tickets.fu.submit")}
                                    </button>
                                    <button type="button" class="btn btn--secondary" onClick={() => setOpen(null)}>
                                      {t(L, "tickets.cancel")}
                                    </button>
                                  </div>
                                </form>
                              </td>
                            </tr>
                          </Show>
                        </>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Show>
      </section>
      <Show when={done().length > 0}>
        <section class="card" id="followups-done">
          <h2>{t(L, "tickets.fu.doneNow")}</h2>
          <ul class="plain-list">
            <For each={done()}>
              {(f) => (
                <li>
                  <strong>{f.dueOn}</strong> · {f.projectName} · <span class="muted">{formatDateTime(f.doneAt, L)}</span>
                  <div class="pre small">{f.notes}</div>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </div>
  );
}

