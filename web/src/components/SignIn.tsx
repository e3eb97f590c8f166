// Sign-in island: step 1 e-mail → POST /api/auth/code; step 2 six-digit code →
// POST /api/auth/verify → portal. Never reveals whether an address has an account.
import { createSignal, onMount, Show } from "solid-js";
import { api, fieldErrors } from "../api";
import { errorText } from "../errors";
import { t, type Locale } from "../i18n";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export default function SignIn(props: { locale: Locale; portalHref: string }) {
  const L = props.locale;
  const [step, setStep] = createSignal<"email" | "code">("email");
  const [email, setEmail] = createSignal("");
  const [code, setCode] = createSignal("");
  const [busy, setBusy] = createSignal<"" | "send" | "verify">("");
  const [error, setError] = createSignal("");
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [notice, setNotice] = createSignal("");
  const [mailboxUrl, setMailboxUrl] = createSignal("");
  // Buttons stay disabled in the server-rendered HTML until the island has hydrated: a tap before
  // that would submit the bare form natively and reload the page.
  const [hydrated, setHydrated] = createSignal(false);
  let emailInput: HTMLInputElement | undefined;
  let codeInput: HTMLInputElement | undefined;

  const clear = () => {
    setError("");
    setFields({});
  };

  onMount(() => {
    setHydrated(true);
    const q = new URLSearchParams(location.search);
    const qEmail = (q.get("email") || "").trim();
    const qCode = (q.get("code") || "").replace(/\D/g, "").slice(0, 6);
    if (qEmail) setEmail(qEmail);
    if (qCode) setCode(qCode);
    if (qEmail && qCode) {
      setStep("code");
      queueMicrotask(() => codeInput?.focus());
    } else if (qEmail) {
      emailInput?.focus();
    }
    // Local mode only: GET /api/local/info answers 200 { mailboxUrl, now } (404 on AWS).
    api<{ mailboxUrl?: string }>("GET", "/api/local/info").then((r) => {
      if (r.ok && r.data?.mailboxUrl) setMailboxUrl(r.data.mailboxUrl);
    });
  });

  async function requestCode(): Promise<boolean> {
    const value = email().trim();
    if (!value || !EMAIL_RE.test(value)) {
      setFields({ email: t(L, value ? "validation.emailInvalid" : "validation.emailRequired") });
      setStep("email");
      queueMicrotask(() => emailInput?.focus());
      return false;
    }
    setBusy("send");
    const res = await api("POST", "/api/auth/code", { email: value, locale: L });
    setBusy("");
    if (res.ok) {
      setEmail(value);
      setNotice(t(L, "signin.codeSent"));
      return true;
    }
    if (res.error.fields?.length) {
      setFields(fieldErrors(res.error, L));
      setStep("email");
    }
    setError(errorText(L, res.status, res.error));
    return false;
  }

  async function onSend(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    clear();
    setNotice("");
    if (await requestCode()) {
      setCode("");
      setStep("code");
      queueMicrotask(() => codeInput?.focus());
    }
  }

  async function onResend() {
    if (busy()) return;
    clear();
    setNotice("");
    setCode("");
    await requestCode();
    codeInput?.focus();
  }

  async function onVerify(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    clear();
    const value = code().replace(/\s/g, "");
    if (!/^\d{6}$/.test(value)) {
      setFields({ code: t(L, "validation.codeFormat") });
      codeInput?.focus();
      return;
    }
    setBusy("verify");
    const res = await api("POST", "/api/auth/verify", { email: email().trim(), code: value });
    if (res.ok) {
      setNotice(t(L, "signin.success"));
      location.assign(props.portalHref);
      return; // stay busy while navigating
    }
    setBusy("");
    const f = fieldErrors(res.error, L);
    if (res.error.code === "auth.code_invalid" && !f.code) f.code = " ";
    setFields(f);
    setError(errorText(L, res.status, res.error));
    codeInput?.select();
  }

  function changeEmail() {
    clear();
    setNotice("");
    setCode("");
    setStep("email");
    queueMicrotask(() => emailInput?.focus());
  }

  const fieldErr = (k: string) => fields()[k]?.trim();

  return (
    <div class="signin">
      <Show when={mailboxUrl()}>
        <p class="alert alert--warn" id="local-mailbox-note">
          {t(L, "local.badge")}
          {L === "en" ? ": " : "："}
          <a id="mailbox-link" href={mailboxUrl()} target="_blank" rel="noopener">
            {t(L, "local.openMailbox")} ↗
          </a>
        </p>
      </Show>

      <Show when={error()}>
        <p class="alert alert--error" id="signin-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={notice()}>
        <p class="alert alert--info" id="signin-notice" role="status">
          {notice()}
        </p>
      </Show>

      <Show
        when={step() === "code"}
        fallback={
          <form id="signin-email-form" novalidate onSubmit={onSend}>
            <p class="card__intro">{t(L, "signin.intro")}</p>
            <div class="field">
              <label for="email">{t(L, "signin.email")}</label>
              <input
                ref={emailInput}
                id="email"
                name="email"
                type="email"
                inputmode="email"
                autocomplete="email"
                autocapitalize="off"
                spellcheck={false}
                required
                value={email()}
                onInput={(e) => setEmail(e.currentTarget.value)}
                aria-invalid={fieldErr("email") ? "true" : undefined}
                aria-describedby={fieldErr("email") ? "email-error" : undefined}
              />
              <Show when={fieldErr("email")}>
                <p class="field-error" id="email-error">
                  {fieldErr("email")}
                </p>
              </Show>
            </div>
            <button id="send-code" class="btn btn--block" type="submit" disabled={!hydrated() || busy() !== ""}>
              {busy() === "send" ? t(L, "signin.sending") : t(L, "signin.sendCode")}
            </button>
          </form>
        }
      >
        <form id="signin-code-form" novalidate onSubmit={onVerify}>
          <div class="sent-to">
            <span>
              {t(L, "signin.emailLabelFor")}
              <strong id="signin-email">{email()}</strong>
            </span>
            <button type="button" class="btn btn--link" id="change-email" onClick={changeEmail}>
              {t(L, "signin.changeEmail")}
            </button>
          </div>
          <div class="field">
            <label for="code">{t(L, "signin.code")}</label>
            <input
              ref={codeInput}
              id="code"
              name="code"
              class="input-code"
              type="text"
              inputmode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]*"
              maxlength={6}
              required
              value={code()}
              onInput={(e) => {
                const v = e.currentTarget.value.replace(/\D/g, "").slice(0, 6);
                if (v !== e.currentTarget.value) e.currentTarget.value = v;
                setCode(v);
              }}
              aria-invalid={fields().code ? "true" : undefined}
              aria-describedby={fieldErr("code") ? "code-error code-hint" : "code-hint"}
            />
            <p class="hint" id="code-hint">
              {t(L, "signin.codeHint")}
            </p>
            <Show when={fieldErr("code")}>
              <p class="field-error" id="code-error">
                {fieldErr("code")}
              </p>
            </Show>
          </div>
          <button id="verify" class="btn btn--block" type="submit" disabled={!hydrated() || busy() !== ""}>
            {busy() === "verify" ? t(L, "signin.verifying") : t(L, "signin.verify")}
          </button>
          <div class="btn-row" style={{ "margin-top": "0.75rem" }}>
            <button type="button" class="btn btn--link" id="resend-code" onClick={onResend} disabled={busy() !== ""}>
              {busy() === "send" ? t(L, "signin.sending") : t(L, "signin.resend")}
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}
