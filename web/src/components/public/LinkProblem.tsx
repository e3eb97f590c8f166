import { Show } from "solid-js";
import type { Tr } from "./client";

/**
 * What both customer pages show when their link cannot be used (invalid, revoked) or the first
 * load failed (with a retry).
 */
export default function LinkProblem(props: {
  phase: string;
  invalidText: string;
  loadError: string;
  tr: Tr;
  onRetry: () => void;
}) {
  return (
    <>
      <Show when={props.phase === "invalid"}>
        <section class="card pub-card link-invalid" id="link-invalid" role="alert" aria-labelledby="link-invalid-title">
          <div class="pub-icon pub-icon--bad" aria-hidden="true">
            !
          </div>
          <h1 id="link-invalid-title">{props.tr("public.invalid.title")}</h1>
          <Show when={props.invalidText}>
            <p class="link-invalid__api">{props.invalidText}</p>
          </Show>
          <p class="muted">{props.tr("public.invalid.body")}</p>
        </section>
      </Show>

      <Show when={props.phase === "failed"}>
        <section class="card pub-card">
          <p class="alert alert--error" id="load-error" role="alert">
            {props.loadError}
          </p>
          <button type="button" class="btn btn--block" id="retry" onClick={() => props.onRetry()}>
            {props.tr("public.retry")}
          </button>
        </section>
      </Show>
    </>
  );
}
