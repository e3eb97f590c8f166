import "../../dict/customers";
// Customers list (GET /api/customers?q=) with search, class badges and the new-customer form
// (POST /api/customers) for customer writers.
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { api, type ApiError } from "../../api";
import { errorText } from "../../errors";
import { localePath, t, type Key, type Locale } from "../../i18n";
import { LoadState } from "../LoadState";
import ContactsEditor, { fromRows, type Contact, type ContactRow } from "./ContactsEditor";
import { ClassBadge, CUSTOMER_WRITERS, FieldError, SearchBox, formatFen, formatWan, hasRole, invalid, pathErrors, queryParam, usePortalUser, errOf } from "./common";

export const kinds = ["owner", "property_management", "other"] as const;
export type Kind = (typeof kinds)[number];
export const kindLabel = (locale: Locale, kind: string) => t(locale, `customers.kind.${kind}` as Key);

export type Customer = {
  customerID: string;
  name: string;
  kind: Kind;
  address?: string;
  notes?: string;
  contacts: Contact[];
  cumulativeContractFen: number;
  class: "A" | "B" | "C" | "D";
  version: number;
  createdAt: string;
  updatedAt: string;
};

type Project = { projectID: string; customerID: string };

export default function CustomersList(props: { locale: Locale; signinHref: string }) {
  const L = props.locale;
  const user = usePortalUser();
  const canWrite = () => hasRole(user(), CUSTOMER_WRITERS);

  const [status, setStatus] = createSignal<"loading" | "ready" | "forbidden" | "error">("loading");
  const [loadError, setLoadError] = createSignal("");
  const [customers, setCustomers] = createSignal<Customer[]>([]);
  const [projectCounts, setProjectCounts] = createSignal<Map<string, number> | null>(null);
  const [query, setQuery] = createSignal("");
  const [searching, setSearching] = createSignal(false);
  const [highlight, setHighlight] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<{ id: string; name: string } | null>(null);

  // new-customer form
  const [formOpen, setFormOpen] = createSignal(false);
  const [name, setName] = createSignal("");
  const [kind, setKind] = createSignal<Kind>("owner");
  const [address, setAddress] = createSignal("");
  const [notes, setNotes] = createSignal("");
  const [contacts, setContacts] = createSignal<ContactRow[]>([]);
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  let seq = 0;
  async function load(q = query()) {
    const mine = ++seq;
    setSearching(true);
    const res = await api<{ customers: Customer[] }>("GET", `/api/customers${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ""}`);
    if (mine !== seq) return;
    setSearching(false);
    if (res.ok) {
      setCustomers(res.data?.customers ?? []);
      setStatus("ready");
    } else if (res.status === 401) location.replace(props.signinHref);
    else if (res.status === 403) setStatus("forbidden");
    else {
      setLoadError(errorText(L, res.status, res.error));
      if (status() !== "ready") setStatus("error");
    }
  }

  async function loadCounts() {
    const res = await api<{ projects: Project[] }>("GET", "/api/projects");
    if (!res.ok) return;
    const m = new Map<string, number>();
    for (const p of res.data?.projects ?? []) m.set(p.customerID, (m.get(p.customerID) ?? 0) + 1);
    setProjectCounts(m);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  function onSearch(v: string) {
    setQuery(v);
    const url = new URL(location.href);
    if (v.trim()) url.searchParams.set("q", v.trim());
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    clearTimeout(timer);
    timer = setTimeout(() => load(v), 250);
  }
  onCleanup(() => clearTimeout(timer));

  onMount(() => {
    const q = queryParam("q");
    setQuery(q);
    load(q);
    loadCounts();
  });

  function openForm() {
    setFormOpen(true);
    setNotice(null);
    queueMicrotask(() => document.getElementById("customer-name")?.focus());
  }

  function resetForm() {
    setName("");
    setKind("owner");
    setAddress("");
    setNotes("");
    setContacts([]);
    setFields({});
    setFormError("");
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    setFormError("");
    const n = name().trim();
    if (!n) {
      setFields({ name: t(L, "customers.validation.nameRequired") });
      document.getElementById("customer-name")?.focus();
      return;
    }
    setFields({});
    setBusy(true);
    const body: Record<string, unknown> = { name: n, kind: kind(), contacts: fromRows(contacts()) };
    if (address().trim()) body.address = address().trim();
    if (notes().trim()) body.notes = notes().trim();
    const res = await api<{ customer: Customer }>("POST", "/api/customers", body);
    setBusy(false);
    if (res.ok && res.data?.customer) {
      const c = res.data.customer;
      setCustomers((list) => [c, ...list.filter((x) => x.customerID !== c.customerID)]);
      setProjectCounts((m) => m && new Map(m).set(c.customerID, 0));
      setHighlight(c.customerID);
      setNotice({ id: c.customerID, name: c.name });
      resetForm();
      setFormOpen(false);
      queueMicrotask(() => document.getElementById("customers-notice")?.focus());
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    showFormError(res.status, errOf(res));
  }

  function showFormError(statusCode: number, error: ApiError) {
    setFields(pathErrors(error, L));
    setFormError(errorText(L, statusCode, error));
  }

  const detailHref = (id: string) => `${localePath(L, "/portal/customers/detail/")}?id=${encodeURIComponent(id)}`;
  const col = {
    name: t(L, "customers.col.name"),
    kind: t(L, "customers.col.kind"),
    class: t(L, "customers.col.class"),
    value: t(L, "customers.col.value"),
    projects: t(L, "customers.col.projects"),
  };

  return (
    <div class="cust" data-status={status()}>
      <LoadState
        status={status()}
        loadingId="customers-loading"
        loadingText={t(L, "customers.loading")}
        forbiddenText={t(L, "customers.forbidden")}
        errorId="customers-load-error"
        error={loadError()}
        retryText={t(L, "customers.retry")}
        onRetry={() => load()}
      />

      <Show when={status() === "ready"}>
        <div class="toolbar">
          <SearchBox
            id="customer-search"
            label={t(L, "customers.search")}
            placeholder={t(L, "customers.searchPlaceholder")}
            value={query()}
            onInput={onSearch}
            onEnter={(q) => {
              clearTimeout(timer);
              load(q);
            }}
          />
          <Show when={canWrite()}>
            <button type="button" class="btn" id="new-customer" aria-expanded={formOpen() ? "true" : "false"} aria-controls="customer-form" onClick={openForm}>
              + {t(L, "customers.new")}
            </button>
          </Show>
        </div>

        <Show when={formOpen() && canWrite()}>
          <section class="card" aria-labelledby="customer-form-title">
            <h2 id="customer-form-title">{t(L, "customers.new")}</h2>
            <form id="customer-form" novalidate onSubmit={submit}>
              <Show when={formError()}>
                <p class="alert alert--error" role="alert" id="customer-form-error">
                  {formError()}
                </p>
              </Show>
              <div class="form-grid">
                <div class="field">
                  <label for="customer-name">{t(L, "customers.field.name")}</label>
                  <input
                    id="customer-name"
                    type="text"
                    autocomplete="off"
                    maxlength={100}
                    value={name()}
                    onInput={(e) => setName(e.currentTarget.value)}
                    {...invalid(fields().name, "customer-name-error")}
                  />
                  <FieldError id="customer-name-error" msg={fields().name} />
                </div>
                <div class="field">
                  <label for="customer-kind">{t(L, "customers.field.kind")}</label>
                  <select id="customer-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as Kind)} {...invalid(fields().kind, "customer-kind-error")}>
                    <For each={[...kinds]}>{(k) => <option value={k}>{kindLabel(L, k)}</option>}</For>
                  </select>
                  <FieldError id="customer-kind-error" msg={fields().kind} />
                </div>
              </div>
              <div class="field">
                <label for="customer-address">{t(L, "customers.field.address")}</label>
                <input
                  id="customer-address"
                  type="text"
                  autocomplete="off"
                  maxlength={200}
                  value={address()}
                  onInput={(e) => setAddress(e.currentTarget.value)}
                  {...invalid(fields().address, "customer-address-error")}
                />
                <FieldError id="customer-address-error" msg={fields().address} />
              </div>
              <div class="field">
                <label for="customer-notes">{t(L, "customers.field.notes")}</label>
                <textarea
                  id="customer-notes"
                  rows={3}
                  maxlength={2000}
                  value={notes()}
                  onInput={(e) => setNotes(e.currentTarget.value)}
                  {...invalid(fields().notes, "customer-notes-error")}
                />
                <FieldError id="customer-notes-error" msg={fields().notes} />
              </div>
              <ContactsEditor locale={L} idPrefix="customer" rows={contacts()} onChange={setContacts} errors={fields()} />
              <div class="btn-row">
                <button id="customer-submit" class="btn" type="submit" disabled={busy()}>
                  {busy() ? t(L, "customers.saving") : t(L, "customers.create")}
                </button>
                <button
                  id="customer-cancel"
                  class="btn btn--secondary"
                  type="button"
                  onClick={() => {
                    resetForm();
                    setFormOpen(false);
                  }}
                >
                  {t(L, "customers.cancel")}
                </button>
              </div>
            </form>
          </section>
        </Show>

        <Show when={notice()}>
          <p class="alert alert--success" role="status" id="customers-notice" tabindex="-1">
            {t(L, "customers.created", { name: notice()!.name })}{" "}
            <a href={detailHref(notice()!.id)}>{t(L, "customers.openDetail")}</a>
          </p>
        </Show>

        <section class="card" aria-labelledby="customers-list-title">
          <div class="card-head">
            <h2 id="customers-list-title">{t(L, "customers.list")}</h2>
            <span class="muted" id="customers-count" aria-live="polite">
              {searching() ? t(L, "customers.searching") : t(L, "customers.count", { n: customers().length })}
            </span>
          </div>
          <Show
            when={customers().length > 0}
            fallback={
              <p class="muted empty" id="customers-empty">
                {query().trim() ? t(L, "customers.noMatch", { q: query().trim() }) : t(L, "customers.empty")}
              </p>
            }
          >
            <table class="data-table cust-table" id="customer-list">
              <thead>
                <tr>
                  <th scope="col">{col.name}</th>
                  <th scope="col">{col.kind}</th>
                  <th scope="col">{col.class}</th>
                  <th scope="col" class="num">
                    {col.value}
                  </th>
                  <th scope="col" class="num">
                    {col.projects}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={customers()}>
                  {(c) => (
                    <tr data-customer-id={c.customerID} data-class={c.class} classList={{ "is-new": highlight() === c.customerID }}>
                      <td data-label={col.name} class="cell-title">
                        <a href={detailHref(c.customerID)} class="row-link">
                          {c.name}
                        </a>
                      </td>
                      <td data-label={col.kind}>{kindLabel(L, c.kind)}</td>
                      <td data-label={col.class}>
                        <ClassBadge cls={c.class} locale={L} />
                      </td>
                      <td data-label={col.value} class="num" title={formatFen(c.cumulativeContractFen)}>
                        {formatWan(c.cumulativeContractFen, L)}
                      </td>
                      <td data-label={col.projects} class="num">
                        {projectCounts() ? (projectCounts()!.get(c.customerID) ?? 0) : "…"}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
          <p class="hint class-legend">{t(L, "customers.classLegend")}</p>
        </section>
      </Show>
    </div>
  );
}
