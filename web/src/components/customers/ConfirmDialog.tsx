import "../../dict/customers";
// One confirmation dialog per island (#confirm-dialog, #confirm-yes, #confirm-cancel), as on the
// users page. `ask()` opens it; the promise resolves true when confirmed.
import { createSignal } from "solid-js";
import { t, type Locale } from "../../i18n";

export type ConfirmRequest = { title: string; body: string; yes: string; danger?: boolean };

export function createConfirm(locale: Locale) {
  const [req, setReq] = createSignal<ConfirmRequest | null>(null);
  let dialog: HTMLDialogElement | undefined;
  let resolve: ((v: boolean) => void) | undefined;

  function ask(r: ConfirmRequest): Promise<boolean> {
    resolve?.(false);
    setReq(r);
    return new Promise((res) => {
      if (dialog?.showModal) {
        resolve = res;
        dialog.showModal();
      } else res(window.confirm(`${r.title}\n\n${r.body}`));
    });
  }

  function finish(v: boolean) {
    const r = resolve;
    resolve = undefined;
    if (dialog?.open) dialog.close();
    r?.(v);
  }

  const Dialog = () => (
    <dialog
      ref={dialog}
      class="confirm"
      id="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onClose={() => finish(false)}
    >
      <h2 id="confirm-title">{req()?.title}</h2>
      <p id="confirm-body">{req()?.body}</p>
      <div class="btn-row">
        <button type="button" class="btn btn--secondary" id="confirm-cancel" autofocus onClick={() => finish(false)}>
          {t(locale, "customers.cancel")}
        </button>
        <button type="button" class={req()?.danger ? "btn btn--danger" : "btn"} id="confirm-yes" onClick={() => finish(true)}>
          {req()?.yes}
        </button>
      </div>
    </dialog>
  );

  return { ask, Dialog };
}
