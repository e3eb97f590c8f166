import "../../dict/tickets";
// One third-party repair claim (委托第三方维修费用): amounts, receipt, decision; for deciders,
// approve (amount in yuan → integer fen, at most the claimed amount) or reject (reason required)
// → POST /api/claims/:id/approve|reject.
import { createSignal, Show } from "solid-js";
import { api } from "../../api";
import { errorText } from "../../errors";
import { formatDateTime } from "../../format";
import { t, type Locale } from "../../i18n";
import { byLabel, claimStatusLabel, fenToYuanInput, fieldMessages, parseYuan, signinHref, ticketHref, yuan, type Claim } from "./common";
import { FieldError } from "./ui";

export default function ClaimCard(props: {
  L: Locale;
  claim: Claim;
  canDecide: boolean;
  /** Shown in the claims queue: which ticket / project the claim belongs to. */
  ticketNumber?: string;
  projectName?: string;
  receiptURL?: string;
  onDecided: (claim: Claim, message: string) => void;
}) {
  const L = props.L;
  const c = () => props.claim;
  const id = () => c().claimID;
  const [mode, setMode] = createSignal<"approve" | "reject" | null>(null);
  const [amount, setAmount] = createSignal("");
  const [note, setNote] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  function open(m: "approve" | "reject") {
    setMode(m);
    setFields({});
    setError("");
    if (m === "approve") setAmount(fenToYuanInput(c().amountFen));
    queueMicrotask(() => document.getElementById(m === "approve" ? `claim-amount-${id()}` : `claim-reason-${id()}`)?.focus());
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    setError("");
    const m = mode();
    let body: Record<string, unknown>;
    if (m === "approve") {
      const fen = parseYuan(amount());
      if (fen === undefined) return setFields({ approvedFen: t(L, "tickets.v.amount") });
      if (fen > c().amountFen) return setFields({ approvedFen: t(L, "tickets.v.amountMax", { amount: yuan(c().amountFen) }) });
      body = { approvedFen: fen, ...(note().trim() ? { note: note().trim() } : {}) };
    } else {
      if (!reason().trim()) return setFields({ reason: t(L, "tickets.v.required") });
      body = { reason: reason().trim() };
    }
    setFields({});
    setBusy(true);
    const res = await api<{ claim: Claim }>("POST", `/api/claims/${encodeURIComponent(id())}/${m}`, body);
    setBusy(false);
    if (res.ok) {
      setMode(null);
      const claim = res.data.claim;
      props.onDecided(
        claim,
        m === "approve"
          ? t(L, "tickets.claim.approvedMsg", { amount: yuan(claim.approvedFen), deducted: yuan(claim.deductedFen ?? 0) })
          : t(L, "tickets.claim.rejectedMsg"),
      );
      return;
    }
    if (res.status === 401) return location.replace(signinHref(L));
    setFields(fieldMessages(res.error, L));
    setError(errorText(L, res.status, res.error));
  }

  return (
    <article class="claim" data-claim-id={c().claimID} data-status={c().status}>
      <header class="claim__head">
        <div>
          <Show when={props.ticketNumber}>
            <a class="claim__ticket" href={ticketHref(L, c().ticketID)}>
              {props.ticketNumber}
            </a>
          </Show>
          <Show when={props.projectName}>
            <span class="muted claim__project">{props.projectName}</span>
          </Show>
        </div>
        <span class={`badge badge--claim-${c().status}`}>{claimStatusLabel(L, c().status)}</span>
      </header>
      <dl class="kv kv--compact">
        <div>
          <dt>{t(L, "tickets.claim.amount")}</dt>
          <dd class="money" data-field="amount">
            {yuan(c().amountFen)}
          </dd>
        </div>
        <Show when={c().status === "approved"}>
          <div>
            <dt>{t(L, "tickets.claim.approvedAmt")}</dt>
            <dd class="money" data-field="approved">
              {yuan(c().approvedFen)}
            </dd>
          </div>
          <div>
            <dt>{t(L, "tickets.claim.deducted")}</dt>
            <dd class="money" data-field="deducted">
              {c().deductedFen === undefined ? t(L, "tickets.claim.deducting") : yuan(c().deductedFen)}
            </dd>
          </div>
          <Show when={(c().shortfallFen ?? 0) > 0}>
            <div>
              <dt>{t(L, "tickets.claim.shortfall")}</dt>
              <dd class="money text-danger">{yuan(c().shortfallFen)}</dd>
            </div>
          </Show>
        </Show>
        <div>
          <dt>{t(L, "tickets.claim.submittedAt")}</dt>
          <dd>{formatDateTime(c().submittedAt, L)}</dd>
        </div>
        <Show when={c().decidedAt}>
          <div>
            <dt>{t(L, "tickets.claim.decided")}</dt>
            <dd>
              {formatDateTime(c().decidedAt, L)} · {byLabel(L, c().decidedBy)}
            </dd>
          </div>
        </Show>
        <div class="kv__wide">
          <dt>{t(L, "tickets.claim.description")}</dt>
          <dd class="pre">{c().description}</dd>
        </div>
        <Show when={c().reason}>
          <div class="kv__wide">
            <dt>{t(L, c().status === "rejected" ? "tickets.claim.rejectReason" : "tickets.claim.approveNote")}</dt>
            <dd class="pre">{c().reason}</dd>
          </div>
        </Show>
      </dl>
      <div class="btn-row">
        <Show when={props.receiptURL ?? c().receiptURL}>
          <a class="btn btn--secondary" href={(props.receiptURL ?? c().receiptURL)!} target="_blank" rel="noopener" data-receipt>
            {t(L, "tickets.claim.receipt")} ↗
          </a>
        </Show>
        <Show when={props.canDecide && c().status === "submitted" && !mode()}>
          <button type="button" class="btn" data-action="approve" onClick={() => open("approve")}>
            {t(L, "tickets.claim.approve")}
          </button>
          <button type="button" class="btn btn--ghost-danger" data-action="reject" onClick={() => open("reject")}>
            {t(L, "tickets.claim.reject")}
          </button>
        </Show>
      </div>
      <Show when={mode()}>
        <form class="subform" novalidate onSubmit={submit} data-form={mode()!}>
          <Show when={error()}>
            <p class="alert alert--error" id={`claim-error-${id()}`} role="alert">
              {error()}
            </p>
          </Show>
          <Show
            when={mode() === "approve"}
            fallback={
              <div class="field">
                <label for={`claim-reason-${id()}`}>{t(L, "tickets.claim.rejectReason")}</label>
                <textarea
                  id={`claim-reason-${id()}`}
                  rows={3}
                  maxLength={500}
                  value={reason()}
                  onInput={(e) => setReason(e.currentTarget.value)}
                  aria-invalid={fields().reason ? "true" : undefined}
                  aria-describedby={fields().reason ? `claim-reason-${id()}-error` : undefined}
                />
                <FieldError id={`claim-reason-${id()}-error`} msg={fields().reason} />
              </div>
            }
          >
            <div class="form-grid">
              <div class="field">
                <label for={`claim-amount-${id()}`}>{t(L, "tickets.claim.approveAmount")}</label>
                <input
                  id={`claim-amount-${id()}`}
                  type="text"
                  inputmode="decimal"
                  autocomplete="off"
                  value={amount()}
                  onInput={(e) => setAmount(e.currentTarget.value)}
                  aria-invalid={fields().approvedFen ? "true" : undefined}
                  aria-describedby={`claim-amount-${id()}-hint${fields().approvedFen ? ` claim-amount-${id()}-error` : ""}`}
                />
                <p class="hint" id={`claim-amount-${id()}-hint`}>
                  {t(L, "tickets.claim.amountHint", { amount: yuan(c().amountFen) })}
                </p>
                <FieldError id={`claim-amount-${id()}-error`} msg={fields().approvedFen} />
              </div>
              <div class="field">
                <label for={`claim-note-${id()}`}>{t(L, "tickets.claim.approveNoteOptional")}</label>
                <input id={`claim-note-${id()}`} type="text" maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
                <FieldError id={`claim-note-${id()}-error`} msg={fields().note} />
              </div>
            </div>
          </Show>
          <div class="btn-row">
            <button
              type="submit"
              class={mode() === "approve" ? "btn" : "btn btn--danger"}
              data-action={mode() === "approve" ? "confirm-approve" : "confirm-reject"}
              disabled={busy()}
            >
              {busy() ? t(L, "tickets.working") : t(L, mode() === "approve" ? "tickets.claim.confirmApprove" : "tickets.claim.confirmReject")}
            </button>
            <button type="button" class="btn btn--secondary" onClick={() => setMode(null)}>
              {t(L, "tickets.cancel")}
            </button>
          </div>
        </form>
      </Show>
    </article>
  );
}
