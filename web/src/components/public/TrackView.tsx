// The customer's private tracking page (/track/#token, no account). The token lives in the URL
// fragment and travels only in the `x-link-token` header:
//   GET  /api/public/track          → { ticket: publicView (photos = download URLs), claims }
//   POST /api/public/track/accept   { rating, comment? }
//   POST /api/public/track/reopen   { reason }
//   POST /api/public/track/uploads  → presigned PUT for the receipt
//   POST /api/public/track/claims   { amountFen, description, receiptID }
// The view is fetched again after every action.
import { createMemo, createSignal, For, onCleanup, onMount, Show, type JSX } from "solid-js";
import { formatDateTime } from "../../format";
import {
  apiFieldErrors,
  call,
  errorMessage,
  focusFirstInvalid,
  formatFen,
  isInvalidLink,
  watchToken,
  tokenFromHash,
  translator,
  uploadFile,
  yuanToFen,
  type Lang,
} from "./client";
import LinkProblem from "./LinkProblem";
import type { Msgs, PublicKey } from "./strings";

type Status = "reported" | "acknowledged" | "dispatched" | "on_site" | "repaired" | "accepted" | "reopened" | "closed";
type View = {
  number: string;
  projectName: string;
  status: Status;
  severity: "emergency" | "small" | "general" | "difficult";
  category: string;
  description: string;
  location: string;
  coverage: "in_warranty" | "expired" | "not_our_cause";
  billable: boolean;
  reportedAt: string;
  arriveBy?: string;
  resolveBy?: string;
  dispatchedAt?: string;
  engineerName?: string;
  arrivedAt?: string;
  repairedAt?: string;
  repairNote?: string;
  acceptedAt?: string;
  rating?: number;
  comment?: string;
  closedAt?: string;
  thirdPartyAllowed: boolean;
  photos: string[];
  timeline: { at: string; action: string }[];
};
type ClaimView = {
  amountFen: number;
  status: "submitted" | "approved" | "rejected";
  approvedFen?: number;
  deductedFen?: number;
  reason?: string;
  submittedAt: string;
  decidedAt?: string;
};
type Receipt = { name: string; status: "uploading" | "done" | "error"; attachmentID?: string; error?: string };

const FLOW: Status[] = ["reported", "acknowledged", "dispatched", "on_site", "repaired", "accepted", "closed"];
const MAX_CLAIM_FEN = 100_000_000;

export default function TrackView(props: { locale: Lang; msgs: Msgs }) {
  const L = props.locale;
  const tr = translator(props.msgs);
  const fmt = (iso?: string) => formatDateTime(iso, L);

  const [phase, setPhase] = createSignal<"loading" | "invalid" | "failed" | "view">("loading");
  const [invalidText, setInvalidText] = createSignal("");
  const [loadError, setLoadError] = createSignal("");
  const [view, setView] = createSignal<View | null>(null);
  const [claims, setClaims] = createSignal<ClaimView[]>([]);
  const [refreshing, setRefreshing] = createSignal(false);
  const [notice, setNotice] = createSignal("");
  const [now, setNow] = createSignal(Date.now());
  let offset = 0; // server clock − browser clock (the local demo clock may run ahead)

  const [busy, setBusy] = createSignal<"" | "accept" | "reopen" | "claim">("");
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [formErrors, setFormErrors] = createSignal<Record<string, string>>({});
  const [rating, setRating] = createSignal(0);
  const [comment, setComment] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [amount, setAmount] = createSignal("");
  const [claimText, setClaimText] = createSignal("");
  const [receipt, setReceipt] = createSignal<Receipt | null>(null);

  let token = "";
  let acceptForm: HTMLFormElement | undefined;
  let reopenForm: HTMLFormElement | undefined;
  let claimForm: HTMLFormElement | undefined;
  let receiptInput: HTMLInputElement | undefined;
  let receiptSeq = 0;

  const err = (k: string) => fields()[k];
  const clearField = (k: string) => {
    if (fields()[k]) {
      const next = { ...fields() };
      delete next[k];
      setFields(next);
    }
  };
  const invalid = (text?: string) => {
    setInvalidText(text || "");
    setPhase("invalid");
  };

  async function load(first = false): Promise<boolean> {
    if (first) setPhase("loading");
    else setRefreshing(true);
    const res = await call<{ ticket: View; claims: ClaimView[] }>(token, "GET", "/api/public/track");
    setRefreshing(false);
    if (res.ok) {
      setView(res.data.ticket);
      setClaims(res.data.claims ?? []);
      setPhase("view");
      return true;
    }
    if (isInvalidLink(res)) {
      invalid();
      return false;
    }
    if (first) {
      setLoadError(errorMessage(tr, L, res.status, res.error));
      setPhase("failed");
    } else setFormErrors({ ...formErrors(), refresh: errorMessage(tr, L, res.status, res.error) });
    return false;
  }

  onMount(() => {
    watchToken();
    token = tokenFromHash();
    if (!token) return invalid(tr("public.invalid.noToken"));
    void load(true);
    // Local runtime only (404 on AWS): its demo clock may differ from the browser's.
    void fetch("/api/local/info", { credentials: "omit", headers: { accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .then((j) => {
        const t = j && Date.parse(j.now);
        if (t) {
          offset = t - Date.now();
          setNow(Date.now() + offset);
        }
      })
      .catch(() => {});
    const timer = setInterval(() => setNow(Date.now() + offset), 1000);
    onCleanup(() => clearInterval(timer));
  });

  // ---------------------------------------------------------------- derived

  const lastAt = (action: string) => {
    const tl = view()?.timeline ?? [];
    for (let i = tl.length - 1; i >= 0; i--) if (tl[i]!.action === action) return tl[i]!.at;
    return undefined;
  };
  const firstAt = (action: string) => view()?.timeline.find((e) => e.action === action)?.at;
  const wasReopened = () => view()?.status === "reopened" || !!lastAt("ticket.reopened");

  const steps = createMemo(() => {
    const v = view();
    if (!v) return [];
    const order: Status[] = wasReopened() ? ["reported", "acknowledged", "reopened", ...FLOW.slice(2)] : FLOW;
    const idx = Math.max(0, order.indexOf(v.status));
    const at: Partial<Record<Status, string | undefined>> = {
      reported: v.reportedAt,
      acknowledged: lastAt("ticket.acknowledged") ?? firstAt("ticket.dispatched"),
      reopened: lastAt("ticket.reopened"),
      dispatched: v.dispatchedAt,
      on_site: v.arrivedAt,
      repaired: v.repairedAt,
      accepted: v.acceptedAt,
      closed: v.closedAt,
    };
    return order.map((s, i) => ({
      key: s,
      state: i < idx || (i === idx && s === "closed") ? "done" : i === idx ? "current" : "todo",
      at: i <= idx ? at[s] : undefined,
    }));
  });

  function duration(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const d = Math.floor(total / 86400);
    const h = Math.floor((total % 86400) / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const parts: string[] = [];
    if (d) parts.push(tr("public.dur.d", { n: d }));
    if (d || h) parts.push(tr("public.dur.h", { n: h }));
    parts.push(tr("public.dur.m", { n: m }));
    parts.push(tr("public.dur.s", { n: s }));
    return parts.join(" ");
  }

  const deadline = createMemo(() => {
    const v = view();
    if (!v) return null;
    const finished = v.status === "accepted" || v.status === "closed";
    if (v.arriveBy || v.resolveBy) {
      const kind = v.arriveBy ? ("arrival" as const) : ("resolution" as const);
      const at = (v.arriveBy ?? v.resolveBy)!;
      const metAt = kind === "arrival" ? v.arrivedAt : v.repairedAt;
      return { kind, at, metAt, running: !metAt && !finished };
    }
    const start = lastAt("ticket.reopened") ?? v.reportedAt;
    const end = v.repairedAt ?? v.acceptedAt ?? v.closedAt;
    return { kind: "elapsed" as const, at: start, metAt: end, running: !end };
  });

  const activeClaim = () => claims().some((c) => c.status === "submitted" || c.status === "approved");
  const showClaimForm = () => !!view()?.thirdPartyAllowed && !activeClaim();

  // ---------------------------------------------------------------- actions

  function fail(form: string, map: Record<string, string>, status: number, error: any, root?: HTMLElement) {
    const api = apiFieldErrors(error, L);
    const mapped: Record<string, string> = {};
    const other: string[] = [];
    for (const [path, msg] of Object.entries(api)) {
      const k = map[path.split(".")[0]!];
      if (k) mapped[k] = mapped[k] ? `${mapped[k]} ${msg}` : msg;
      else other.push(msg);
    }
    setFields(mapped);
    const base = errorMessage(tr, L, status, error);
    setFormErrors({ [form]: other.length ? `${base} ${other.join(" ")}` : base });
    if (Object.keys(mapped).length) focusFirstInvalid(root);
  }

  function start(kind: "accept" | "reopen" | "claim"): boolean {
    if (busy()) return false;
    setNotice("");
    setFormErrors({});
    setFields({});
    setBusy(kind);
    return true;
  }

  async function afterSuccess(message: string) {
    await load();
    setNotice(message);
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  async function onAccept(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    if (!rating()) {
      setFields({ rating: tr("public.v.rating") });
      setFormErrors({});
      focusFirstInvalid(acceptForm);
      return;
    }
    if (!start("accept")) return;
    const c = comment().trim();
    const res = await call(token, "POST", "/api/public/track/accept", c ? { rating: rating(), comment: c } : { rating: rating() });
    if (res.ok) {
      setComment("");
      await afterSuccess(tr("public.accept.done"));
    } else if (isInvalidLink(res)) invalid();
    else {
      fail("accept", { rating: "rating", comment: "accept-comment" }, res.status, res.error, acceptForm);
      if (res.status === 409) void load();
    }
    setBusy("");
  }

  async function onReopen(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    const r = reason().trim();
    if (!r) {
      setFields({ "reopen-reason": tr("public.v.required") });
      setFormErrors({});
      focusFirstInvalid(reopenForm);
      return;
    }
    if (!start("reopen")) return;
    const res = await call(token, "POST", "/api/public/track/reopen", { reason: r });
    if (res.ok) {
      setReason("");
      setRating(0);
      await afterSuccess(tr("public.reopen.done"));
    } else if (isInvalidLink(res)) invalid();
    else {
      fail("reopen", { reason: "reopen-reason" }, res.status, res.error, reopenForm);
      if (res.status === 409) void load();
    }
    setBusy("");
  }

  async function onReceipt(e: Event & { currentTarget: HTMLInputElement }) {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = "";
    if (!file) return;
    clearField("claim-receipt");
    const mine = ++receiptSeq;
    const r: Receipt = { name: file.name || "receipt", status: "uploading" };
    setReceipt(r);
    const res = await uploadFile(tr, L, token, "/api/public/track/uploads", file);
    if (mine !== receiptSeq) return; // replaced by a newer choice
    if (res.ok) setReceipt({ ...r, status: "done", attachmentID: res.attachmentID });
    else if (res.invalidLink) invalid();
    else {
      setReceipt({ ...r, status: "error", error: res.message });
      setFields({ ...fields(), "claim-receipt": res.message });
    }
  }

  async function onClaim(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    const f: Record<string, string> = {};
    const fen = yuanToFen(amount());
    if (!amount().trim() || fen === null) f["claim-amount"] = tr("public.v.amount");
    else if (fen <= 0 || fen > MAX_CLAIM_FEN) f["claim-amount"] = tr("public.v.amountRange");
    const d = claimText().trim();
    if (!d) f["claim-description"] = tr("public.v.required");
    else if (d.length > 500) f["claim-description"] = tr("public.v.tooLong", { n: 500 });
    const rc = receipt();
    if (!rc || rc.status === "error") f["claim-receipt"] = rc?.error || tr("public.v.receipt");
    else if (rc.status === "uploading") f["claim-receipt"] = tr("public.v.receiptUploading");
    if (Object.keys(f).length) {
      setFields(f);
      setFormErrors({});
      focusFirstInvalid(claimForm);
      return;
    }
    if (!start("claim")) return;
    const res = await call(token, "POST", "/api/public/track/claims", { amountFen: fen, description: d, receiptID: rc!.attachmentID });
    if (res.ok) {
      setAmount("");
      setClaimText("");
      setReceipt(null);
      await afterSuccess(tr("public.claim.done"));
    } else if (isInvalidLink(res)) invalid();
    else {
      fail("claim", { amountFen: "claim-amount", description: "claim-description", receiptID: "claim-receipt" }, res.status, res.error, claimForm);
      if (res.status === 409) void load();
    }
    setBusy("");
  }

  // ---------------------------------------------------------------- view helpers

  const describedBy = (k: string, hint?: string) => [err(k) ? `${k}-error` : "", hint ?? ""].filter(Boolean).join(" ") || undefined;
  const FieldError = (p: { k: string }) => (
    <Show when={err(p.k)}>
      <p class="field-error" id={`${p.k}-error`}>
        {err(p.k)}
      </p>
    </Show>
  );
  const FormError = (p: { k: string; id: string }) => (
    <Show when={formErrors()[p.k]}>
      <p class="alert alert--error" id={p.id} role="alert">
        {formErrors()[p.k]}
      </p>
    </Show>
  );
  const Row = (p: { label: string; children: JSX.Element; id?: string }) => (
    <div class="kv">
      <dt>{p.label}</dt>
      <dd id={p.id}>{p.children}</dd>
    </div>
  );
  const statusLabel = (s: string) => tr(`public.status.${s}` as PublicKey);
  const categoryLabel = (c: string) => {
    const k = `public.category.${c}` as PublicKey;
    return props.msgs[k] ? tr(k) : c;
  };
  const eventLabel = (a: string) => {
    const k = `public.event.${a}` as PublicKey;
    return props.msgs[k] ? tr(k) : tr("public.event.other");
  };
  const ratingWord = (n: number) => tr(`public.accept.r${n}` as PublicKey);

  return (
    <div class="pub-island">
      <Show when={phase() === "loading"}>
        <p class="pub-loading" role="status">
          <span class="spinner" aria-hidden="true" />
          {tr("public.track.loading")}
        </p>
      </Show>

      <LinkProblem phase={phase()} invalidText={invalidText()} loadError={loadError()} tr={tr} onRetry={() => void load(true)} />

      <Show when={phase() === "view" && view()}>
        {(v) => (
          <>
            <Show when={notice()}>
              <p class="alert alert--success" id="action-notice" role="status">
                {notice()}
              </p>
            </Show>
            <FormError k="refresh" id="refresh-error" />

            {/* ---- summary */}
            <section class="card pub-card track-head" aria-labelledby="ticket-number">
              <div class="track-head__top">
                <div>
                  <p class="track-head__label">{tr("public.track.number")}</p>
                  <h1 id="ticket-number">{v().number}</h1>
                </div>
                <button
                  type="button"
                  class="btn btn--secondary btn--small"
                  id="refresh"
                  onClick={() => {
                    setNotice("");
                    setFormErrors({});
                    void load();
                  }}
                  disabled={refreshing()}
                >
                  {refreshing() ? tr("public.track.refreshing") : tr("public.track.refresh")}
                </button>
              </div>
              <Show when={v().projectName}>
                <p class="pub-project">
                  <span class="muted">{tr("public.track.project")}{tr("public.colon")}</span>
                  <strong id="project-name">{v().projectName}</strong>
                </p>
              </Show>
              <p class="track-status-line">
                <span class="muted">{tr("public.track.status")}{tr("public.colon")}</span>
                <span id="ticket-status" class={`status-pill status-pill--${v().status}`} data-status={v().status}>
                  {statusLabel(v().status)}
                </span>
              </p>
              <div class="chips track-chips">
                <span class={`chip chip--sev-${v().severity}`} id="ticket-severity" data-severity={v().severity}>
                  {tr(`public.urgency.${v().severity}` as PublicKey)}
                </span>
                <span class={`chip chip--cov-${v().coverage}`} id="ticket-coverage" data-coverage={v().coverage}>
                  {tr(`public.coverage.${v().coverage}` as PublicKey)}
                </span>
              </div>
              <Show when={v().coverage !== "in_warranty" || v().billable}>
                <p class="hint">{tr("public.track.billableNote")}</p>
              </Show>
            </section>

            {/* ---- deadline */}
            <Show when={deadline()}>
              {(d) => {
                const remaining = () => Date.parse(d().at) - now();
                return (
                  <section
                    class="card pub-card deadline"
                    id="deadline"
                    data-kind={d().kind}
                    data-deadline={d().kind === "elapsed" ? undefined : d().at}
                    classList={{
                      "deadline--overdue": d().kind !== "elapsed" && d().running && remaining() < 0,
                      "deadline--met": !!d().metAt,
                    }}
                  >
                    <Show
                      when={d().kind !== "elapsed"}
                      fallback={
                        <>
                          <h2 class="deadline__title">{tr("public.deadline.elapsedTitle")}</h2>
                          <p class="deadline__count" id="deadline-count">
                            {d().running
                              ? tr("public.deadline.elapsed", { d: duration(now() - Date.parse(d().at)) })
                              : tr("public.deadline.took", { d: duration(Date.parse(d().metAt!) - Date.parse(d().at)) })}
                          </p>
                        </>
                      }
                    >
                      <h2 class="deadline__title">{tr(d().kind === "arrival" ? "public.deadline.arrival" : "public.deadline.resolution")}</h2>
                      <p class="deadline__time">
                        <time datetime={d().at}>{fmt(d().at)}</time>
                      </p>
                      <Show
                        when={!d().metAt}
                        fallback={
                          <p class="deadline__met" id="deadline-count">
                            {tr(d().kind === "arrival" ? "public.deadline.arrivedAt" : "public.deadline.repairedAt", { t: fmt(d().metAt) })}
                            {" · "}
                            {d().metAt! <= d().at ? tr("public.deadline.onTime") : tr("public.deadline.late")}
                          </p>
                        }
                      >
                        <Show when={d().running}>
                          <p class="deadline__count" id="deadline-count" aria-live="off">
                            {remaining() >= 0
                              ? tr("public.deadline.remaining", { d: duration(remaining()) })
                              : tr("public.deadline.overdue", { d: duration(-remaining()) })}
                          </p>
                        </Show>
                      </Show>
                    </Show>
                    <Show when={v().status === "reopened"}>
                      <p class="hint">{tr("public.deadline.restarted")}</p>
                    </Show>
                  </section>
                );
              }}
            </Show>

            {/* ---- accept / reopen */}
            <Show when={v().status === "repaired"}>
              <section class="card pub-card accept-card" id="accept-card" aria-labelledby="accept-title">
                <h2 id="accept-title">{tr("public.accept.title")}</h2>
                <p class="muted">{tr("public.accept.intro")}</p>
                <Show when={v().repairNote}>
                  <p class="repair-note">
                    <span class="muted">{tr("public.track.repairNote")}{tr("public.colon")}</span>
                    {v().repairNote}
                  </p>
                </Show>
                <form id="accept-form" ref={acceptForm} novalidate onSubmit={onAccept}>
                  <FormError k="accept" id="accept-error" />
                  <fieldset class="field rating-field" aria-describedby={describedBy("rating", "rating-text")}>
                    <legend>
                      {tr("public.accept.rating")}{" "}
                      <span class="req" aria-hidden="true">
                        *
                      </span>
                    </legend>
                    <div class="stars">
                      <For each={[1, 2, 3, 4, 5]}>
                        {(n) => (
                          <label for={`rating-${n}`} class="star" classList={{ "star--on": n <= rating() }} title={`${tr("public.accept.star", { n })} · ${ratingWord(n)}`}>
                            <input
                              type="radio"
                              name="rating"
                              id={`rating-${n}`}
                              value={n}
                              checked={rating() === n}
                              onChange={() => {
                                setRating(n);
                                clearField("rating");
                              }}
                              aria-invalid={err("rating") && n === 1 ? "true" : undefined}
                            />
                            <span class="star__glyph" aria-hidden="true">
                              ★
                            </span>
                            <span class="visually-hidden">
                              {tr("public.accept.star", { n })} · {ratingWord(n)}
                            </span>
                          </label>
                        )}
                      </For>
                    </div>
                    <p class="rating-text" id="rating-text" aria-live="polite">
                      {rating() ? `${tr("public.accept.star", { n: rating() })} · ${ratingWord(rating())}` : "\u00a0"}
                    </p>
                    <FieldError k="rating" />
                  </fieldset>
                  <div class="field">
                    <label for="accept-comment">
                      {tr("public.accept.comment")} <span class="opt">{tr("public.optional")}</span>
                    </label>
                    <textarea
                      id="accept-comment"
                      rows={3}
                      maxlength={500}
                      placeholder={tr("public.accept.commentHint")}
                      value={comment()}
                      onInput={(e) => {
                        setComment(e.currentTarget.value);
                        clearField("accept-comment");
                      }}
                      aria-invalid={err("accept-comment") ? "true" : undefined}
                      aria-describedby={describedBy("accept-comment")}
                    />
                    <FieldError k="accept-comment" />
                  </div>
                  <button id="accept-submit" type="submit" class="btn btn--block btn--big" disabled={busy() !== ""}>
                    {busy() === "accept" ? tr("public.accept.submitting") : tr("public.accept.submit")}
                  </button>
                </form>
              </section>

              <section class="card pub-card reopen-card" id="reopen-card" aria-labelledby="reopen-title">
                <h2 id="reopen-title">{tr("public.reopen.title")}</h2>
                <p class="muted">{tr("public.reopen.intro")}</p>
                <form id="reopen-form" ref={reopenForm} novalidate onSubmit={onReopen}>
                  <FormError k="reopen" id="reopen-error" />
                  <div class="field">
                    <label for="reopen-reason">
                      {tr("public.reopen.reason")}{" "}
                      <span class="req" aria-hidden="true">
                        *
                      </span>
                    </label>
                    <textarea
                      id="reopen-reason"
                      rows={3}
                      maxlength={500}
                      required
                      value={reason()}
                      onInput={(e) => {
                        setReason(e.currentTarget.value);
                        clearField("reopen-reason");
                      }}
                      aria-invalid={err("reopen-reason") ? "true" : undefined}
                      aria-describedby={describedBy("reopen-reason")}
                    />
                    <FieldError k="reopen-reason" />
                  </div>
                  <button id="reopen-submit" type="submit" class="btn btn--ghost-danger btn--block" disabled={busy() !== ""}>
                    {busy() === "reopen" ? tr("public.reopen.submitting") : tr("public.reopen.submit")}
                  </button>
                </form>
              </section>
            </Show>

            <Show when={v().acceptedAt && (v().status === "accepted" || v().status === "closed")}>
              <section class="card pub-card accepted-card" id="accepted-card">
                <p class="accepted-card__when">{tr("public.accept.accepted", { t: fmt(v().acceptedAt) })}</p>
                <Show when={v().rating}>
                  <p class="accepted-stars" id="accepted-rating" data-rating={v().rating}>
                    <span class="visually-hidden">{tr("public.accept.yourRating")}{tr("public.colon")}</span>
                    <span aria-hidden="true">
                      <span class="star--on">{"★".repeat(v().rating!)}</span>
                      <span class="star--off">{"★".repeat(5 - v().rating!)}</span>
                    </span>{" "}
                    {tr("public.accept.star", { n: v().rating! })} · {ratingWord(v().rating!)}
                  </p>
                </Show>
                <Show when={v().comment}>
                  <p class="accepted-comment">“{v().comment}”</p>
                </Show>
              </section>
            </Show>

            {/* ---- third-party claim */}
            <Show when={v().thirdPartyAllowed || claims().length > 0}>
              <section class="card pub-card claim-card" id="claim-card" aria-labelledby="claim-title">
                <h2 id="claim-title">{tr("public.claim.title")}</h2>
                <Show when={v().thirdPartyAllowed}>
                  <p class="alert alert--info" id="claim-intro">
                    {tr("public.claim.intro")}
                  </p>
                </Show>
                <Show when={claims().length > 0}>
                  <h3 class="claim-list-title">{tr("public.claim.list")}</h3>
                  <ul id="claims" class="claim-list">
                    <For each={claims()}>
                      {(c) => (
                        <li class="claim" data-status={c.status}>
                          <div class="claim__top">
                            <span class="claim__amount">{formatFen(c.amountFen)}</span>
                            <span class={`status-pill claim-status claim-status--${c.status}`}>{tr(`public.claim.status.${c.status}` as PublicKey)}</span>
                          </div>
                          <dl class="kv-list kv-list--tight">
                            <Row label={tr("public.claim.submittedAt")}>{fmt(c.submittedAt)}</Row>
                            <Show when={c.status === "approved"}>
                              <Row label={tr("public.claim.approvedAmount")}>
                                <strong class="claim__approved">{formatFen(c.approvedFen)}</strong>
                              </Row>
                              <Show when={typeof c.deductedFen === "number"}>
                                <Row label={tr("public.claim.deducted")}>{formatFen(c.deductedFen)}</Row>
                              </Show>
                            </Show>
                            <Show when={c.decidedAt}>
                              <Row label={tr("public.claim.decidedAt")}>{fmt(c.decidedAt)}</Row>
                            </Show>
                            <Show when={c.reason && c.status === "rejected"}>
                              <Row label={tr("public.claim.reason")}>{c.reason}</Row>
                            </Show>
                          </dl>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>

                <Show when={showClaimForm()}>
                  <Show when={claims().some((c) => c.status === "rejected")}>
                    <p class="hint">{tr("public.claim.resubmit")}</p>
                  </Show>
                  <h3 class="claim-form-title">{tr("public.claim.formTitle")}</h3>
                  <form id="claim-form" ref={claimForm} novalidate onSubmit={onClaim}>
                    <FormError k="claim" id="claim-error" />
                    <div class="field">
                      <label for="claim-amount">
                        {tr("public.claim.amount")}{" "}
                        <span class="req" aria-hidden="true">
                          *
                        </span>
                      </label>
                      <div class="money-input">
                        <span class="money-input__prefix" aria-hidden="true">
                          ¥
                        </span>
                        <input
                          id="claim-amount"
                          type="text"
                          inputmode="decimal"
                          autocomplete="off"
                          maxlength={16}
                          required
                          value={amount()}
                          onInput={(e) => {
                            setAmount(e.currentTarget.value);
                            clearField("claim-amount");
                          }}
                          aria-invalid={err("claim-amount") ? "true" : undefined}
                          aria-describedby={describedBy("claim-amount", "claim-amount-hint")}
                        />
                      </div>
                      <p class="hint" id="claim-amount-hint">
                        {tr("public.claim.amountHint")}
                      </p>
                      <FieldError k="claim-amount" />
                    </div>
                    <div class="field">
                      <label for="claim-description">
                        {tr("public.claim.description")}{" "}
                        <span class="req" aria-hidden="true">
                          *
                        </span>
                      </label>
                      <textarea
                        id="claim-description"
                        rows={3}
                        maxlength={500}
                        required
                        value={claimText()}
                        onInput={(e) => {
                          setClaimText(e.currentTarget.value);
                          clearField("claim-description");
                        }}
                        aria-invalid={err("claim-description") ? "true" : undefined}
                        aria-describedby={describedBy("claim-description")}
                      />
                      <FieldError k="claim-description" />
                    </div>
                    <div class="field">
                      <span class="label" id="claim-receipt-label">
                        {tr("public.claim.receipt")}{" "}
                        <span class="req" aria-hidden="true">
                          *
                        </span>
                      </span>
                      <input
                        ref={receiptInput}
                        id="claim-receipt"
                        type="file"
                        class="visually-hidden file-input"
                        accept="image/*,application/pdf"
                        onChange={onReceipt}
                        aria-labelledby="claim-receipt-label"
                        aria-invalid={err("claim-receipt") ? "true" : undefined}
                        aria-describedby={describedBy("claim-receipt", "claim-receipt-hint")}
                      />
                      <label for="claim-receipt" class="btn btn--secondary btn--block">
                        {tr("public.claim.receiptChoose")}
                      </label>
                      <p class="hint" id="claim-receipt-hint">
                        {tr("public.claim.receiptHint")}
                      </p>
                      <Show when={receipt()}>
                        {(r) => (
                          <p class="receipt-state" id="claim-receipt-state" data-status={r().status} role="status">
                            <Show when={r().status === "uploading"}>
                              <span class="spinner" aria-hidden="true" />
                              {tr("public.claim.receiptUploading", { name: r().name })}
                            </Show>
                            <Show when={r().status === "done"}>✓ {tr("public.claim.receiptReady", { name: r().name })}</Show>
                            <Show when={r().status === "error"}>{r().name}</Show>
                          </p>
                        )}
                      </Show>
                      <FieldError k="claim-receipt" />
                    </div>
                    <button id="claim-submit" type="submit" class="btn btn--block btn--big" disabled={busy() !== "" || receipt()?.status === "uploading"}>
                      {busy() === "claim" ? tr("public.claim.submitting") : tr("public.claim.submit")}
                    </button>
                  </form>
                </Show>
              </section>
            </Show>

            {/* ---- progress */}
            <section class="card pub-card" aria-labelledby="progress-title">
              <h2 id="progress-title">{tr("public.track.progress")}</h2>
              <ol class="steps" id="steps">
                <For each={steps()}>
                  {(s) => (
                    <li class={`step step--${s.state}`} data-step={s.key} aria-current={s.state === "current" ? "step" : undefined}>
                      <span class="step__dot" aria-hidden="true">
                        {s.state === "done" ? "✓" : ""}
                      </span>
                      <span class="step__label">{statusLabel(s.key)}</span>
                      <Show when={s.at}>
                        <time class="step__time" datetime={s.at}>
                          {fmt(s.at)}
                        </time>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </section>

            {/* ---- details */}
            <section class="card pub-card" aria-labelledby="details-title">
              <h2 id="details-title">{tr("public.track.details")}</h2>
              <dl class="kv-list">
                <Row label={tr("public.track.reportedAt")} id="reported-at">
                  {fmt(v().reportedAt)}
                </Row>
                <Row label={tr("public.track.category")} id="ticket-category">
                  {categoryLabel(v().category)}
                </Row>
                <Row label={tr("public.track.location")} id="ticket-location">
                  {v().location}
                </Row>
                <Row label={tr("public.track.description")} id="ticket-description">
                  <span class="pre-wrap">{v().description}</span>
                </Row>
                <Row label={tr("public.track.engineer")} id="engineer-name">
                  {v().engineerName || <span class="muted">{tr("public.track.engineerPending")}</span>}
                </Row>
                <Show when={v().repairNote}>
                  <Row label={tr("public.track.repairNote")} id="repair-note">
                    <span class="pre-wrap">{v().repairNote}</span>
                  </Row>
                </Show>
              </dl>
              <Show when={v().photos.length > 0}>
                <h3 class="photos-title">{tr("public.track.photos")}</h3>
                <ul class="track-photos" id="ticket-photos">
                  <For each={v().photos}>
                    {(url, i) => (
                      <li>
                        <a href={url} target="_blank" rel="noreferrer noopener">
                          <img src={url} alt={tr("public.track.photoAlt", { n: i() + 1 })} loading="lazy" referrerpolicy="no-referrer" />
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>

            {/* ---- timeline */}
            <section class="card pub-card" aria-labelledby="timeline-title">
              <h2 id="timeline-title">{tr("public.track.timeline")}</h2>
              <p class="hint">{tr("public.track.timeNote")}</p>
              <ol class="timeline" id="timeline">
                <For each={[...v().timeline].reverse()}>
                  {(e) => (
                    <li data-action={e.action}>
                      <time datetime={e.at}>{fmt(e.at)}</time>
                      <span>{eventLabel(e.action)}</span>
                    </li>
                  )}
                </For>
              </ol>
            </section>
          </>
        )}
      </Show>
    </div>
  );
}
