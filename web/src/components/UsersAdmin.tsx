// User administration island (admins): list (GET /api/users), invite (POST /api/users),
// edit name / roles / language and activate / deactivate (PATCH /api/users/:userID).
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { api, fieldErrors, type User } from "../api";
import { errorText } from "../errors";
import { formatDateTime } from "../format";
import { roleLabel, roles, t, type Locale } from "../i18n";
import { FieldError } from "./FieldError";
import { LoadState } from "./LoadState";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
type Fields = Record<string, string>;

export default function UsersAdmin(props: { locale: Locale; signinHref: string }) {
  const L = props.locale;
  const [status, setStatus] = createSignal<"loading" | "ready" | "forbidden" | "error">("loading");
  const [loadError, setLoadError] = createSignal("");
  const [users, setUsers] = createSignal<User[]>([]);
  const [meID, setMeID] = createSignal<string | undefined>();
  const [notice, setNotice] = createSignal("");
  const [listError, setListError] = createSignal("");
  const [rowBusy, setRowBusy] = createSignal<string | null>(null);

  // invite form
  const [invEmail, setInvEmail] = createSignal("");
  const [invName, setInvName] = createSignal("");
  const [invRoles, setInvRoles] = createSignal<string[]>([]);
  const [invLocale, setInvLocale] = createSignal<Locale>(L);
  const [invFields, setInvFields] = createSignal<Fields>({});
  const [invError, setInvError] = createSignal("");
  const [invSent, setInvSent] = createSignal("");
  const [invBusy, setInvBusy] = createSignal(false);

  // edit form (one row at a time)
  const [editing, setEditing] = createSignal<string | null>(null);
  const [edName, setEdName] = createSignal("");
  const [edRoles, setEdRoles] = createSignal<string[]>([]);
  const [edLocale, setEdLocale] = createSignal<Locale>(L);
  const [edFields, setEdFields] = createSignal<Fields>({});
  const [edError, setEdError] = createSignal("");
  const [edBusy, setEdBusy] = createSignal(false);

  // deactivation confirmation
  const [confirmUser, setConfirmUser] = createSignal<User | null>(null);
  let dialog: HTMLDialogElement | undefined;
  let inviteEmailInput: HTMLInputElement | undefined;

  const toggle = (list: string[], role: string, on: boolean) =>
    on ? roles.filter((r) => r === role || list.includes(r)) : list.filter((r) => r !== role);

  const replaceUser = (u: User) =>
    setUsers((list) => (list.some((x) => x.userID === u.userID) ? list.map((x) => (x.userID === u.userID ? u : x)) : [...list, u]));

  async function load() {
    setStatus("loading");
    const res = await api<{ users: User[] }>("GET", "/api/users");
    if (res.ok) {
      setUsers(res.data?.users ?? []);
      setStatus("ready");
    } else if (res.status === 401) {
      location.replace(props.signinHref);
    } else if (res.status === 403) {
      setStatus("forbidden");
    } else {
      setLoadError(errorText(L, res.status, res.error));
      setStatus("error");
    }
  }

  onMount(() => {
    setMeID(window.portalUser?.userID);
    const onUser = (e: Event) => setMeID((e as CustomEvent<User>).detail?.userID);
    window.addEventListener("portal:user", onUser);
    onCleanup(() => window.removeEventListener("portal:user", onUser));
    load();
  });

  // ---- invite
  async function invite(e: SubmitEvent) {
    e.preventDefault();
    if (invBusy()) return;
    setInvError("");
    setInvSent("");
    const email = invEmail().trim();
    const name = invName().trim();
    const f: Fields = {};
    if (!email) f.email = t(L, "validation.emailRequired");
    else if (!EMAIL_RE.test(email)) f.email = t(L, "validation.emailInvalid");
    if (!name) f.name = t(L, "validation.nameRequired");
    setInvFields(f);
    if (Object.keys(f).length) {
      document.getElementById(f.email ? "invite-email" : "invite-name")?.focus();
      return;
    }
    setInvBusy(true);
    const res = await api<{ user: User }>("POST", "/api/users", { email, name, roles: invRoles(), locale: invLocale() });
    setInvBusy(false);
    if (res.ok) {
      if (res.data?.user) replaceUser(res.data.user);
      setInvSent(t(L, "users.invite.sent", { email }));
      setInvEmail("");
      setInvName("");
      setInvRoles([]);
      setInvLocale(L);
      inviteEmailInput?.focus();
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setInvFields(fieldErrors(res.error, L));
    setInvError(errorText(L, res.status, res.error));
  }

  // ---- edit
  function startEdit(u: User) {
    setEditing(u.userID);
    setEdName(u.name);
    setEdRoles([...u.roles]);
    setEdLocale(u.locale === "en" ? "en" : "zh-CN");
    setEdFields({});
    setEdError("");
    setNotice("");
    queueMicrotask(() => document.getElementById("edit-name")?.focus());
  }

  async function saveEdit(e: SubmitEvent, u: User) {
    e.preventDefault();
    if (edBusy()) return;
    setEdError("");
    const name = edName().trim();
    if (!name) {
      setEdFields({ name: t(L, "validation.nameRequired") });
      document.getElementById("edit-name")?.focus();
      return;
    }
    setEdFields({});
    const body: { name?: string; roles?: string[]; locale?: Locale } = {};
    if (name !== u.name) body.name = name;
    const sameRoles = edRoles().length === u.roles.length && edRoles().every((r) => u.roles.includes(r));
    if (!sameRoles) body.roles = edRoles();
    if (edLocale() !== u.locale) body.locale = edLocale();
    if (!Object.keys(body).length) {
      setEditing(null);
      return;
    }
    setEdBusy(true);
    const res = await api<{ user: User }>("PATCH", `/api/users/${encodeURIComponent(u.userID)}`, body);
    setEdBusy(false);
    if (res.ok) {
      if (res.data?.user) replaceUser(res.data.user);
      setEditing(null);
      setNotice(t(L, "users.saved", { name: res.data?.user?.name ?? name }));
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setEdFields(fieldErrors(res.error, L));
    setEdError(errorText(L, res.status, res.error));
  }

  // ---- activate / deactivate
  async function setActive(u: User, active: boolean) {
    setRowBusy(u.userID);
    setNotice("");
    setListError("");
    const res = await api<{ user: User }>("PATCH", `/api/users/${encodeURIComponent(u.userID)}`, { active });
    setRowBusy(null);
    if (res.ok) {
      replaceUser(res.data?.user ?? { ...u, active });
      setNotice(t(L, active ? "users.activated" : "users.deactivated", { name: u.name }));
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setListError(errorText(L, res.status, res.error));
  }

  function askDeactivate(u: User) {
    setConfirmUser(u);
    if (dialog?.showModal) dialog.showModal();
    else if (window.confirm(t(L, "users.confirmBody", { name: u.name, email: u.email }))) confirmDeactivate();
  }

  function confirmDeactivate() {
    const u = confirmUser();
    dialog?.open && dialog.close();
    setConfirmUser(null);
    if (u) setActive(u, false);
  }

  const col = {
    name: t(L, "users.col.name"),
    email: t(L, "users.col.email"),
    roles: t(L, "users.col.roles"),
    status: t(L, "users.col.status"),
    created: t(L, "users.col.created"),
    actions: t(L, "users.col.actions"),
  };

  const roleChecks = (name: string, idPrefix: string, selected: () => string[], set: (v: string[]) => void, described?: string) => (
    <div class="check-grid" aria-describedby={described}>
      <For each={[...roles]}>
        {(r) => (
          <label class="check" for={`${idPrefix}-${r}`}>
            <input
              type="checkbox"
              id={`${idPrefix}-${r}`}
              name={name}
              value={r}
              checked={selected().includes(r)}
              onChange={(e) => set(toggle(selected(), r, e.currentTarget.checked))}
            />
            <span>{roleLabel(L, r)}</span>
          </label>
        )}
      </For>
    </div>
  );

  const localeOptions = () => (
    <>
      <option value="zh-CN">{t(L, "locale.zh-CN")}</option>
      <option value="en">{t(L, "locale.en")}</option>
    </>
  );

  return (
    <div class="users-admin" data-status={status()}>
      <LoadState
        status={status()}
        loadingId="users-loading"
        loadingText={t(L, "users.loading")}
        forbiddenText={t(L, "users.forbidden")}
        errorId="users-load-error"
        error={loadError()}
        retryText={t(L, "users.retry")}
        onRetry={load}
      />

      <Show when={status() === "ready"}>
        {/* ---- invite ---- */}
        <section class="card" aria-labelledby="invite-title">
          <h2 id="invite-title">{t(L, "users.invite.title")}</h2>
          <p class="card__intro">{t(L, "users.invite.intro")}</p>
          <form id="invite-form" novalidate onSubmit={invite}>
            <Show when={invError()}>
              <p class="alert alert--error" id="invite-error" role="alert">
                {invError()}
              </p>
            </Show>
            <Show when={invSent()}>
              <p class="alert alert--success" id="invite-success" role="status">
                {invSent()}
              </p>
            </Show>
            <div class="form-grid">
              <div class="field">
                <label for="invite-email">{t(L, "users.email")}</label>
                <input
                  ref={inviteEmailInput}
                  id="invite-email"
                  name="email"
                  type="email"
                  inputmode="email"
                  autocomplete="off"
                  autocapitalize="off"
                  spellcheck={false}
                  value={invEmail()}
                  onInput={(e) => setInvEmail(e.currentTarget.value)}
                  aria-invalid={invFields().email ? "true" : undefined}
                  aria-describedby={invFields().email ? "invite-email-error" : undefined}
                />
                <FieldError id="invite-email-error" msg={invFields().email} />
              </div>
              <div class="field">
                <label for="invite-name">{t(L, "users.name")}</label>
                <input
                  id="invite-name"
                  name="name"
                  type="text"
                  autocomplete="off"
                  value={invName()}
                  onInput={(e) => setInvName(e.currentTarget.value)}
                  aria-invalid={invFields().name ? "true" : undefined}
                  aria-describedby={invFields().name ? "invite-name-error" : undefined}
                />
                <FieldError id="invite-name-error" msg={invFields().name} />
              </div>
            </div>
            <fieldset class="field">
              <legend>{t(L, "users.roles")}</legend>
              {roleChecks("role", "invite-role", invRoles, setInvRoles, invFields().roles ? "invite-roles-error" : undefined)}
              <FieldError id="invite-roles-error" msg={invFields().roles} />
            </fieldset>
            <div class="form-grid">
              <div class="field">
                <label for="invite-locale">{t(L, "users.locale")}</label>
                <select
                  id="invite-locale"
                  name="locale"
                  value={invLocale()}
                  onChange={(e) => setInvLocale(e.currentTarget.value as Locale)}
                  aria-invalid={invFields().locale ? "true" : undefined}
                >
                  {localeOptions()}
                </select>
                <FieldError id="invite-locale-error" msg={invFields().locale} />
              </div>
            </div>
            <button id="invite-submit" class="btn" type="submit" disabled={invBusy()}>
              {invBusy() ? t(L, "users.invite.sending") : t(L, "users.invite.submit")}
            </button>
          </form>
        </section>

        {/* ---- list ---- */}
        <section class="card" aria-labelledby="users-list-title">
          <div class="btn-row" style={{ "justify-content": "space-between", "margin-bottom": "0.5rem" }}>
            <h2 id="users-list-title" style={{ margin: 0 }}>
              {t(L, "users.list")}
            </h2>
            <span class="muted" id="users-count">
              {t(L, "users.count", { n: users().length })}
            </span>
          </div>
          <Show when={notice()}>
            <p class="alert alert--success" id="users-notice" role="status">
              {notice()}
            </p>
          </Show>
          <Show when={listError()}>
            <p class="alert alert--error" id="users-error" role="alert">
              {listError()}
            </p>
          </Show>
          <Show when={users().length > 0} fallback={<p class="muted" id="users-empty">{t(L, "users.empty")}</p>}>
            <div class="table-wrap">
              <table class="data-table" id="users-table">
                <thead>
                  <tr>
                    <th scope="col">{col.name}</th>
                    <th scope="col">{col.email}</th>
                    <th scope="col">{col.roles}</th>
                    <th scope="col">{col.status}</th>
                    <th scope="col">{col.created}</th>
                    <th scope="col">
                      <span class="visually-hidden">{col.actions}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={users()}>
                    {(u) => {
                      const isMe = () => meID() === u.userID;
                      return (
                        <>
                          <tr
                            data-user-id={u.userID}
                            data-active={String(u.active)}
                            classList={{ "is-inactive": !u.active }}
                          >
                            <td data-label={col.name} class="cell-name">
                              <strong>{u.name}</strong>
                              <Show when={isMe()}>
                                {" "}
                                <span class="muted">({t(L, "users.you")})</span>
                              </Show>
                            </td>
                            <td data-label={col.email} class="cell-email">
                              {u.email}
                            </td>
                            <td data-label={col.roles} class="cell-roles">
                              <span class="chips">
                                <Show when={u.roles.length} fallback={<span class="chip chip--none">{t(L, "users.noRoles")}</span>}>
                                  <For each={u.roles}>
                                    {(r) => (
                                      <span class="chip" classList={{ "chip--admin": r === "admin" }} data-role={r}>
                                        {roleLabel(L, r)}
                                      </span>
                                    )}
                                  </For>
                                </Show>
                              </span>
                            </td>
                            <td data-label={col.status} class="cell-status">
                              <span class="status" classList={{ "status--off": !u.active }}>
                                {u.active ? t(L, "users.active") : t(L, "users.inactive")}
                              </span>
                            </td>
                            <td data-label={col.created} class="nowrap">
                              <time datetime={u.createdAt}>{formatDateTime(u.createdAt, L)}</time>
                            </td>
                            <td data-label={col.actions} class="cell-actions">
                              <div class="btn-row">
                                <button
                                  type="button"
                                  class="btn btn--secondary"
                                  data-action="edit"
                                  aria-expanded={editing() === u.userID ? "true" : "false"}
                                  onClick={() => (editing() === u.userID ? setEditing(null) : startEdit(u))}
                                >
                                  {t(L, "users.edit")}
                                </button>
                                <Show
                                  when={u.active}
                                  fallback={
                                    <button
                                      type="button"
                                      class="btn btn--secondary"
                                      data-action="activate"
                                      disabled={rowBusy() === u.userID}
                                      onClick={() => setActive(u, true)}
                                    >
                                      {t(L, "users.activate")}
                                    </button>
                                  }
                                >
                                  <button
                                    type="button"
                                    class="btn btn--ghost-danger"
                                    data-action="deactivate"
                                    disabled={rowBusy() === u.userID || isMe()}
                                    title={isMe() ? t(L, "users.selfDeactivate") : undefined}
                                    onClick={() => askDeactivate(u)}
                                  >
                                    {t(L, "users.deactivate")}
                                  </button>
                                </Show>
                              </div>
                            </td>
                          </tr>
                          <Show when={editing() === u.userID}>
                            <tr class="edit-row" data-edit-for={u.userID}>
                              <td colSpan={6}>
                                <form id="edit-form" novalidate onSubmit={(e) => saveEdit(e, u)}>
                                  <h3>{t(L, "users.editTitle", { name: u.name })}</h3>
                                  <Show when={edError()}>
                                    <p class="alert alert--error" id="edit-error" role="alert">
                                      {edError()}
                                    </p>
                                  </Show>
                                  <div class="form-grid">
                                    <div class="field">
                                      <label for="edit-name">{t(L, "users.name")}</label>
                                      <input
                                        id="edit-name"
                                        name="name"
                                        type="text"
                                        autocomplete="off"
                                        value={edName()}
                                        onInput={(e) => setEdName(e.currentTarget.value)}
                                        aria-invalid={edFields().name ? "true" : undefined}
                                        aria-describedby={edFields().name ? "edit-name-error" : undefined}
                                      />
                                      <FieldError id="edit-name-error" msg={edFields().name} />
                                    </div>
                                    <div class="field">
                                      <label for="edit-locale">{t(L, "users.locale")}</label>
                                      <select
                                        id="edit-locale"
                                        name="locale"
                                        value={edLocale()}
                                        onChange={(e) => setEdLocale(e.currentTarget.value as Locale)}
                                      >
                                        {localeOptions()}
                                      </select>
                                      <FieldError id="edit-locale-error" msg={edFields().locale} />
                                    </div>
                                  </div>
                                  <fieldset class="field">
                                    <legend>{t(L, "users.roles")}</legend>
                                    {roleChecks("edit-role", "edit-role", edRoles, setEdRoles, edFields().roles ? "edit-roles-error" : undefined)}
                                    <FieldError id="edit-roles-error" msg={edFields().roles} />
                                  </fieldset>
                                  <div class="btn-row">
                                    <button id="edit-save" class="btn" type="submit" disabled={edBusy()}>
                                      {edBusy() ? t(L, "users.saving") : t(L, "users.save")}
                                    </button>
                                    <button id="edit-cancel" class="btn btn--secondary" type="button" onClick={() => setEditing(null)}>
                                      {t(L, "users.cancel")}
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
        </section>
      </Show>

      <dialog
        ref={dialog}
        class="confirm"
        id="confirm-dialog"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        onClose={() => setConfirmUser(null)}
      >
        <h2 id="confirm-title">{t(L, "users.confirmTitle")}</h2>
        <p id="confirm-body">
          {confirmUser() ? t(L, "users.confirmBody", { name: confirmUser()!.name, email: confirmUser()!.email }) : ""}
        </p>
        <div class="btn-row">
          <button type="button" class="btn btn--secondary" id="confirm-cancel" autofocus onClick={() => dialog?.close()}>
            {t(L, "users.cancel")}
          </button>
          <button type="button" class="btn btn--danger" id="confirm-yes" onClick={confirmDeactivate}>
            {t(L, "users.confirmYes")}
          </button>
        </div>
      </dialog>
    </div>
  );
}
