import "../../dict/tickets";
// Small presentational pieces shared by the warranty islands.
import { Show, type JSX } from "solid-js";
import { formatDateTime } from "../../format";
import { t, type Locale } from "../../i18n";
import { clockClass, clockText, severityLabel, shortDateTime, statusLabel, ticketClock, type TicketSummary } from "./common";
export { FieldError } from "../FieldError";

export function SeverityBadge(props: { L: Locale; severity: string }) {
  return (
    <span class={`badge badge--sev-${props.severity}`} data-severity={props.severity}>
      {severityLabel(props.L, props.severity)}
    </span>
  );
}

export function StatusBadge(props: { L: Locale; status: string; id?: string }) {
  return (
    <span class={`badge badge--st-${props.status}`} id={props.id} data-status={props.status}>
      {statusLabel(props.L, props.status)}
    </span>
  );
}

/** The governing deadline and its live countdown (or elapsed time for difficult work). */
export function Countdown(props: {
  L: Locale;
  ticket: Pick<TicketSummary, "arriveBy" | "resolveBy" | "arrivedAt" | "repairedAt" | "status" | "clockStartedAt">;
  now: number;
  id?: string;
  showDeadline?: boolean;
}) {
  const c = () => ticketClock(props.ticket, props.now);
  return (
    <span class={`clock ${clockClass(c())}`} id={props.id} data-clock-state={c().state} data-clock-kind={c().kind}>
      <Show when={props.showDeadline !== false && c().kind !== "elapsed"}>
        <span class="clock__deadline">
          <span class="clock__kind">{t(props.L, c().kind === "arrival" ? "tickets.deadline.arrivalShort" : "tickets.deadline.resolutionShort")}</span>{" "}
          <time dateTime={(c() as { deadline: string }).deadline} title={formatDateTime((c() as { deadline: string }).deadline, props.L)}>
            {shortDateTime((c() as { deadline: string }).deadline, props.L)}
          </time>
        </span>
      </Show>
      <span class="clock__text">{clockText(c(), props.L)}</span>
    </span>
  );
}

export function Loading(props: { id?: string; text: string }) {
  return (
    <p class="muted wt-loading" id={props.id} role="status">
      <span class="spinner" aria-hidden="true" /> {props.text}
    </p>
  );
}

/** Load failure: forbidden / not found / error with a retry button. */
export function LoadProblem(props: { L: Locale; state: string; message: string; forbidden: string; retry?: () => void; children?: JSX.Element }) {
  return (
    <Show
      when={props.state === "forbidden"}
      fallback={
        <div class="alert alert--error" id="load-error" role="alert">
          <p>{props.message}</p>
          {props.children}
          <Show when={props.retry && props.state === "error"}>
            <button type="button" class="btn btn--secondary" onClick={() => props.retry?.()}>
              {t(props.L, "tickets.retry")}
            </button>
          </Show>
        </div>
      }
    >
      <div class="alert alert--warn" id="forbidden" role="alert">
        {props.forbidden}
      </div>
    </Show>
  );
}
