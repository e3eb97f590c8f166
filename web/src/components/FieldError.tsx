// Inline error message under a form field (shared by every island).
import { Show } from "solid-js";

export function FieldError(props: { id: string; msg?: string }) {
  return (
    <Show when={props.msg}>
      <p class="field-error" id={props.id}>
        {props.msg}
      </p>
    </Show>
  );
}
