// The loading / forbidden / not-found / load-error blocks shown above an island's content
// while its data loads (or fails to). Each block is rendered only for its own status; the
// forbidden and not-found blocks only when their message is given.
import { Show } from "solid-js";

export function LoadState(props: {
  status: string;
  /** id of the loading paragraph (none when omitted). */
  loadingId?: string;
  loadingText: string;
  forbiddenText?: string;
  notFoundId?: string;
  notFoundText?: string;
  errorId: string;
  /** the load error shown in the error block. */
  error: string;
  retryText: string;
  onRetry: () => void;
}) {
  return (
    <>
      <Show when={props.status === "loading"}>
        <p class="muted" role="status" id={props.loadingId}>
          {props.loadingText}
        </p>
      </Show>
      <Show when={props.forbiddenText !== undefined && props.status === "forbidden"}>
        <div class="alert alert--warn" role="alert" id="forbidden">
          {props.forbiddenText}
        </div>
      </Show>
      <Show when={props.notFoundText !== undefined && props.status === "notfound"}>
        <div class="alert alert--warn" role="alert" id={props.notFoundId}>
          {props.notFoundText}
        </div>
      </Show>
      <Show when={props.status === "error"}>
        <div class="alert alert--error" role="alert" id={props.errorId}>
          <p>{props.error}</p>
          <button type="button" class="btn btn--secondary" onClick={() => props.onRetry()}>
            {props.retryText}
          </button>
        </div>
      </Show>
    </>
  );
}
