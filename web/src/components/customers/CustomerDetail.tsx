import "../../dict/customers";
// Customer page (/portal/customers/detail/?id=): profile and contacts (PATCH with the version),
// contracts (add / edit / cancel / restore; the class and cumulative value follow), projects.
import { createSignal, For, onMount, Show } from "solid-js";
import { api, type ApiError } from "../../api";
import { errorText } from "../../errors";
import { localePath, t, type Locale } from "../../i18n";
import { LoadState } from "../LoadState";
import { createConfirm } from "./ConfirmDialog";
import ContactsEditor, { contactRoleLabel, contactRoles, fromRows, toRows, type ContactRow } from "./ContactsEditor";
import { kindLabel, kinds, type Customer, type Kind } from "./CustomersList";
import ProjectForm, { type Project } from "./ProjectForm";
import {
  ClassBadge,
  CUSTOMER_WRITERS,
  FieldError,
  fenToYuanInput,
  formatFen,
  formatInstant,
  formatWan,
  hasRole,
  invalid,
  parseYuan,
  pathErrors,
  PROJECT_WRITERS,
  queryParam,
  showDate,
  usePortalUser,
  errOf,
} from "./common";

type Contract = {
  contractID: string;
  customerID: string;
  number: string;
  title: string;
  amountFen: number;
  signedOn: string;
  status: "active" | "cancelled";
  version: number;
  createdAt: string;
  updatedAt: string;
};

type Detail = { customer: Customer; contracts: Contract[]; projects: Project[] };
type ContractResponse = { contract: Contract; customer?: Customer };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export default function CustomerDetail(props: { locale: Locale; signinHref: string }) {
  const L = props.locale;
  const user = usePortalUser();
  const canWrite = () => hasRole(user(), CUSTOMER_WRITERS);
  const canWriteProjects = () => hasRole(user(), PROJECT_WRITERS);
  const { ask, Dialog } = createConfirm(L);

  const [id, setID] = createSignal("");
  const [status, setStatus] = createSignal<"loading" | "ready" | "forbidden" | "notfound" | "error">("loading");
  const [loadError, setLoadError] = createSignal("");
  const [customer, setCustomer] = createSignal<Customer | null>(null);
  const [contracts, setContracts] = createSignal<Contract[]>([]);
  const [projects, setProjects] = createSignal<Project[]>([]);
  const [defaultRepairDays, setDefaultRepairDays] = createSignal<number | undefined>();

  async function load() {
    const res = await api<Detail>("GET", `/api/customers/${encodeURIComponent(id())}`);
    if (res.ok && res.data) {
      setCustomer(res.data.customer);
      setContracts(res.data.contracts ?? []);
      setProjects(res.data.projects ?? []);
      setStatus("ready");
      document.title = `${res.data.customer.name} · ${document.title.split(" · ").slice(-1)[0]}`;
      return true;
    }
    if (res.status === 401) location.replace(props.signinHref);
    else if (res.status === 403) setStatus("forbidden");
    else if (res.status === 404) setStatus("notfound");
    else {
      setLoadError(errorText(L, res.status, errOf(res)));
      setStatus("error");
    }
    return false;
  }

  onMount(() => {
    setID(queryParam("id"));
    if (!id()) return setStatus("notfound");
    load();
    api<{ settings: { defaultAgreedRepairDays: number } }>("GET", "/api/settings").then((r) => {
      if (r.ok) setDefaultRepairDays(r.data?.settings?.defaultAgreedRepairDays);
    });
  });

  // ---------------------------------------------------------------- profile
  const [editing, setEditing] = createSignal(false);
  const [pName, setPName] = createSignal("");
  const [pKind, setPKind] = createSignal<Kind>("owner");
  const [pAddress, setPAddress] = createSignal("");
  const [pNotes, setPNotes] = createSignal("");
  const [pContacts, setPContacts] = createSignal<ContactRow[]>([]);
  const [pFields, setPFields] = createSignal<Record<string, string>>({});
  const [pError, setPError] = createSignal("");
  const [pConflict, setPConflict] = createSignal(false);
  const [pBusy, setPBusy] = createSignal(false);
  const [pNotice, setPNotice] = createSignal("");

  function startEdit() {
    const c = customer()!;
    setPName(c.name);
    setPKind(c.kind);
    setPAddress(c.address ?? "");
    setPNotes(c.notes ?? "");
    setPContacts(toRows(c.contacts));
    setPFields({});
    setPError("");
    setPConflict(false);
    setPNotice("");
    setEditing(true);
    queueMicrotask(() => document.getElementById("profile-name")?.focus());
  }

  async function reloadProfile() {
    if (await load()) startEdit();
  }

  async function saveProfile(e: SubmitEvent) {
    e.preventDefault();
    if (pBusy()) return;
    const c = customer()!;
    setPError("");
    setPConflict(false);
    if (!pName().trim()) {
      setPFields({ name: t(L, "customers.validation.nameRequired") });
      document.getElementById("profile-name")?.focus();
      return;
    }
    setPFields({});
    setPBusy(true);
    const res = await api<{ customer: Customer }>("PATCH", `/api/customers/${encodeURIComponent(c.customerID)}`, {
      name: pName().trim(),
      kind: pKind(),
      address: pAddress().trim(),
      notes: pNotes().trim(),
      contacts: fromRows(pContacts()),
      version: c.version,
    });
    setPBusy(false);
    if (res.ok && res.data?.customer) {
      setCustomer(res.data.customer);
      setEditing(false);
      setPNotice(t(L, "customers.profileSaved"));
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    if (res.status === 409) setPConflict(true);
    setPFields(pathErrors(errOf(res), L));
    setPError(errorText(L, res.status, errOf(res)));
  }

  // ---------------------------------------------------------------- contracts
  const [cNumber, setCNumber] = createSignal("");
  const [cTitle, setCTitle] = createSignal("");
  const [cAmount, setCAmount] = createSignal("");
  const [cSigned, setCSigned] = createSignal("");
  const [cFields, setCFields] = createSignal<Record<string, string>>({});
  const [cError, setCError] = createSignal("");
  const [cBusy, setCBusy] = createSignal(false);
  const [contractNotice, setContractNotice] = createSignal("");
  const [contractError, setContractError] = createSignal("");
  const [contractConflict, setContractConflict] = createSignal(false);
  const [rowBusy, setRowBusy] = createSignal<string | null>(null);

  // one contract edited at a time
  const [edID, setEdID] = createSignal<string | null>(null);
  const [eNumber, setENumber] = createSignal("");
  const [eTitle, setETitle] = createSignal("");
  const [eAmount, setEAmount] = createSignal("");
  const [eSigned, setESigned] = createSignal("");
  const [eFields, setEFields] = createSignal<Record<string, string>>({});
  const [eError, setEError] = createSignal("");
  const [eBusy, setEBusy] = createSignal(false);

  function contractFieldsCheck(number: string, title: string, amount: string, signed: string) {
    const f: Record<string, string> = {};
    if (!number.trim()) f.number = t(L, "customers.validation.contractNumber");
    if (!title.trim()) f.title = t(L, "customers.validation.contractTitle");
    const fen = parseYuan(amount);
    if (fen === undefined) f.amountFen = t(L, "customers.validation.amountRequired");
    else if (fen === null || fen <= 0) f.amountFen = t(L, "customers.validation.amount");
    if (!signed) f.signedOn = t(L, "customers.validation.signedRequired");
    else if (!DATE_RE.test(signed)) f.signedOn = t(L, "customers.validation.date");
    return { f, fen: fen ?? 0 };
  }

  /** After a contract change: the customer's new class and value, and a sentence saying so. */
  function afterContractChange(res: ContractResponse, key: "customers.contractAdded" | "customers.contractSaved" | "customers.contractCancelled" | "customers.contractRestored") {
    const before = customer()!;
    setContracts((list) => {
      const next = list.some((x) => x.contractID === res.contract.contractID)
        ? list.map((x) => (x.contractID === res.contract.contractID ? res.contract : x))
        : [res.contract, ...list];
      return next.sort((a, b) => b.signedOn.localeCompare(a.signedOn) || a.contractID.localeCompare(b.contractID));
    });
    const after = res.customer;
    if (after) setCustomer(after);
    else load(); // the response lacked the customer: read it again
    const now = after ?? before;
    let text = t(L, key, { number: res.contract.number }) + " ";
    text += t(L, "customers.recomputed", { value: formatFen(now.cumulativeContractFen), cls: now.class });
    if (after && after.class !== before.class) text += " " + t(L, "customers.classChanged", { from: before.class, to: after.class });
    setContractNotice(text);
    setContractError("");
    setContractConflict(false);
  }

  function contractFailure(status: number, error: ApiError) {
    if (status === 401) return location.replace(props.signinHref);
    setContractConflict(status === 409 && error.code === "contract.changed");
    setContractError(errorText(L, status, error));
  }

  async function addContract(e: SubmitEvent) {
    e.preventDefault();
    if (cBusy()) return;
    setCError("");
    setContractNotice("");
    const { f, fen } = contractFieldsCheck(cNumber(), cTitle(), cAmount(), cSigned());
    setCFields(f);
    if (Object.keys(f).length) {
      const first = (["number", "title", "amountFen", "signedOn"] as const).find((k) => f[k]);
      document.getElementById({ number: "contract-number", title: "contract-title", amountFen: "contract-amount", signedOn: "contract-signed" }[first!])?.focus();
      return;
    }
    setCBusy(true);
    const res = await api<ContractResponse>("POST", `/api/customers/${encodeURIComponent(id())}/contracts`, {
      number: cNumber().trim(),
      title: cTitle().trim(),
      amountFen: fen,
      signedOn: cSigned(),
    });
    setCBusy(false);
    if (res.ok && res.data?.contract) {
      afterContractChange(res.data, "customers.contractAdded");
      setCNumber("");
      setCTitle("");
      setCAmount("");
      setCSigned("");
      document.getElementById("contract-number")?.focus();
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setCFields(pathErrors(errOf(res), L));
    if (errOf(res).code === "contract.number_taken") setCFields({ number: errorText(L, res.status, errOf(res)) });
    setCError(errorText(L, res.status, errOf(res)));
  }

  function startContractEdit(c: Contract) {
    setEdID(c.contractID);
    setENumber(c.number);
    setETitle(c.title);
    setEAmount(fenToYuanInput(c.amountFen));
    setESigned(c.signedOn);
    setEFields({});
    setEError("");
    setContractNotice("");
    queueMicrotask(() => document.getElementById("contract-edit-number")?.focus());
  }

  async function saveContract(e: SubmitEvent, c: Contract) {
    e.preventDefault();
    if (eBusy()) return;
    setEError("");
    const { f, fen } = contractFieldsCheck(eNumber(), eTitle(), eAmount(), eSigned());
    setEFields(f);
    if (Object.keys(f).length) return;
    setEBusy(true);
    const res = await api<ContractResponse>(
      "PATCH",
      `/api/customers/${encodeURIComponent(id())}/contracts/${encodeURIComponent(c.contractID)}`,
      { number: eNumber().trim(), title: eTitle().trim(), amountFen: fen, signedOn: eSigned(), version: c.version },
    );
    setEBusy(false);
    if (res.ok && res.data?.contract) {
      setEdID(null);
      afterContractChange(res.data, "customers.contractSaved");
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    const pf = pathErrors(errOf(res), L);
    if (errOf(res).code === "contract.number_taken") pf.number = errorText(L, res.status, errOf(res));
    setEFields(pf);
    setEError(errorText(L, res.status, errOf(res)));
    if (res.status === 409 && errOf(res).code === "contract.changed") setContractConflict(true);
  }

  async function cancelContract(c: Contract) {
    const ok = await ask({
      title: t(L, "customers.cancelContractTitle"),
      body: t(L, "customers.cancelContractBody", { number: c.number, amount: formatFen(c.amountFen) }),
      yes: t(L, "customers.cancelContractYes"),
      danger: true,
    });
    if (!ok) return;
    setRowBusy(c.contractID);
    setContractNotice("");
    const res = await api<ContractResponse>(
      "DELETE",
      `/api/customers/${encodeURIComponent(id())}/contracts/${encodeURIComponent(c.contractID)}?version=${c.version}`,
    );
    setRowBusy(null);
    if (res.ok && res.data?.contract) afterContractChange(res.data, "customers.contractCancelled");
    else contractFailure(res.status, res.ok ? { code: "unknown" } : res.error);
  }

  async function restoreContract(c: Contract) {
    setRowBusy(c.contractID);
    setContractNotice("");
    const res = await api<ContractResponse>(
      "PATCH",
      `/api/customers/${encodeURIComponent(id())}/contracts/${encodeURIComponent(c.contractID)}`,
      { status: "active", version: c.version },
    );
    setRowBusy(null);
    if (res.ok && res.data?.contract) afterContractChange(res.data, "customers.contractRestored");
    else contractFailure(res.status, res.ok ? { code: "unknown" } : res.error);
  }

  async function reloadContracts() {
    setEdID(null);
    setContractError("");
    setContractConflict(false);
    await load();
  }

  // ---------------------------------------------------------------- projects
  const [projectFormOpen, setProjectFormOpen] = createSignal(false);
  const [projectNotice, setProjectNotice] = createSignal<Project | null>(null);

  const projectHref = (pid: string) => `${localePath(L, "/portal/projects/detail/")}?id=${encodeURIComponent(pid)}`;

  const col = {
    number: t(L, "customers.contract.number"),
    title: t(L, "customers.contract.title"),
    amount: t(L, "customers.contract.amount"),
    signed: t(L, "customers.contract.signed"),
    status: t(L, "customers.contract.status"),
    actions: t(L, "customers.col.actions"),
  };
  const pcol = {
    name: t(L, "projects.col.name"),
    completion: t(L, "projects.col.completion"),
    deposit: t(L, "projects.col.deposit"),
    handover: t(L, "projects.col.handover"),
  };

  const activeCount = () => contracts().filter((c) => c.status === "active").length;

  return (
    <div class="cust" data-status={status()}>
      <p class="breadcrumb">
        <a href={localePath(L, "/portal/customers/")}>← {t(L, "customers.backToList")}</a>
      </p>
      <LoadState
        status={status()}
        loadingId="customer-loading"
        loadingText={t(L, "customers.loadingOne")}
        forbiddenText={t(L, "customers.forbidden")}
        notFoundId="customer-not-found"
        notFoundText={t(L, "customers.notFound")}
        errorId="customer-load-error"
        error={loadError()}
        retryText={t(L, "customers.retry")}
        onRetry={() => load()}
      />

      <Show when={status() === "ready" && customer()}>
        {/* ---------------------------------------------------------------- header */}
        <div class="detail-head" data-customer-id={customer()!.customerID}>
          <div class="detail-head__title">
            <h1 id="customer-title">{customer()!.name}</h1>
            <span class="muted">{kindLabel(L, customer()!.kind)}</span>
          </div>
          <dl class="kpis">
            <div class="kpi">
              <dt>{t(L, "customers.col.class")}</dt>
              <dd>
                <ClassBadge id="customer-class" cls={customer()!.class} locale={L} />
              </dd>
            </div>
            <div class="kpi">
              <dt>{t(L, "customers.cumulative")}</dt>
              <dd id="customer-cumulative" data-fen={customer()!.cumulativeContractFen}>
                {formatFen(customer()!.cumulativeContractFen)}
                <Show when={L === "zh-CN"}>
                  <span class="kpi__sub">{formatWan(customer()!.cumulativeContractFen, L)}</span>
                </Show>
              </dd>
            </div>
            <div class="kpi">
              <dt>{t(L, "customers.col.projects")}</dt>
              <dd id="customer-project-count">{projects().length}</dd>
            </div>
          </dl>
        </div>

        {/* ---------------------------------------------------------------- profile */}
        <section class="card" aria-labelledby="profile-title" id="customer-profile">
          <div class="card-head">
            <h2 id="profile-title">{t(L, "customers.profile")}</h2>
            <Show when={canWrite() && !editing()}>
              <button type="button" class="btn btn--secondary" id="profile-edit" onClick={startEdit}>
                {t(L, "customers.edit")}
              </button>
            </Show>
          </div>
          <Show when={pNotice()}>
            <p class="alert alert--success" role="status" id="profile-notice">
              {pNotice()}
            </p>
          </Show>
          <Show
            when={editing()}
            fallback={
              <>
                <dl class="facts">
                  <div>
                    <dt>{t(L, "customers.field.kind")}</dt>
                    <dd>{kindLabel(L, customer()!.kind)}</dd>
                  </div>
                  <div>
                    <dt>{t(L, "customers.field.address")}</dt>
                    <dd>{customer()!.address || "—"}</dd>
                  </div>
                  <div class="facts__wide">
                    <dt>{t(L, "customers.field.notes")}</dt>
                    <dd class="pre">{customer()!.notes || "—"}</dd>
                  </div>
                  <div>
                    <dt>{t(L, "customers.updatedAt")}</dt>
                    <dd>{formatInstant(customer()!.updatedAt)}</dd>
                  </div>
                </dl>
                <h3 class="sub-title">{t(L, "customers.contacts")}</h3>
                <Show when={customer()!.contacts.length} fallback={<p class="muted" id="contacts-empty">{t(L, "customers.noContacts")}</p>}>
                  <ul class="contact-cards" id="contact-list">
                    <For each={[...customer()!.contacts].sort((a, b) => contactRoles.indexOf(a.role) - contactRoles.indexOf(b.role))}>
                      {(c) => (
                        <li class="contact-card" data-role={c.role}>
                          <span class="chip">{contactRoleLabel(L, c.role)}</span>
                          <strong>{c.name}</strong>
                          <Show when={c.title}>
                            <span class="muted">{c.title}</span>
                          </Show>
                          <Show when={c.phone}>
                            <a href={`tel:${c.phone}`}>{c.phone}</a>
                          </Show>
                          <Show when={c.email}>
                            <a href={`mailto:${c.email}`} class="break">
                              {c.email}
                            </a>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </>
            }
          >
            <form id="profile-form" novalidate onSubmit={saveProfile}>
              <Show when={pError()}>
                <div class="alert alert--error" role="alert" id="profile-error">
                  <p>{pError()}</p>
                  <Show when={pConflict()}>
                    <p>{t(L, "customers.conflictHint")}</p>
                    <button type="button" class="btn btn--secondary" id="profile-reload" onClick={reloadProfile}>
                      {t(L, "customers.reload")}
                    </button>
                  </Show>
                </div>
              </Show>
              <div class="form-grid">
                <div class="field">
                  <label for="profile-name">{t(L, "customers.field.name")}</label>
                  <input
                    id="profile-name"
                    type="text"
                    maxlength={100}
                    autocomplete="off"
                    value={pName()}
                    onInput={(e) => setPName(e.currentTarget.value)}
                    {...invalid(pFields().name, "profile-name-error")}
                  />
                  <FieldError id="profile-name-error" msg={pFields().name} />
                </div>
                <div class="field">
                  <label for="profile-kind">{t(L, "customers.field.kind")}</label>
                  <select id="profile-kind" value={pKind()} onChange={(e) => setPKind(e.currentTarget.value as Kind)}>
                    <For each={[...kinds]}>{(k) => <option value={k}>{kindLabel(L, k)}</option>}</For>
                  </select>
                  <FieldError id="profile-kind-error" msg={pFields().kind} />
                </div>
              </div>
              <div class="field">
                <label for="profile-address">{t(L, "customers.field.address")}</label>
                <input
                  id="profile-address"
                  type="text"
                  maxlength={200}
                  autocomplete="off"
                  value={pAddress()}
                  onInput={(e) => setPAddress(e.currentTarget.value)}
                  {...invalid(pFields().address, "profile-address-error")}
                />
                <FieldError id="profile-address-error" msg={pFields().address} />
              </div>
              <div class="field">
                <label for="profile-notes">{t(L, "customers.field.notes")}</label>
                <textarea
                  id="profile-notes"
                  rows={3}
                  maxlength={2000}
                  value={pNotes()}
                  onInput={(e) => setPNotes(e.currentTarget.value)}
                  {...invalid(pFields().notes, "profile-notes-error")}
                />
                <FieldError id="profile-notes-error" msg={pFields().notes} />
              </div>
              <ContactsEditor locale={L} idPrefix="profile" rows={pContacts()} onChange={setPContacts} errors={pFields()} />
              <div class="btn-row">
                <button type="submit" class="btn" id="profile-save" disabled={pBusy()}>
                  {pBusy() ? t(L, "customers.saving") : t(L, "customers.save")}
                </button>
                <button type="button" class="btn btn--secondary" id="profile-cancel" onClick={() => setEditing(false)}>
                  {t(L, "customers.cancel")}
                </button>
              </div>
            </form>
          </Show>
        </section>

        {/* ---------------------------------------------------------------- contracts */}
        <section class="card" aria-labelledby="contracts-title" id="customer-contracts">
          <div class="card-head">
            <h2 id="contracts-title">{t(L, "customers.contracts")}</h2>
            <span class="muted" id="contracts-count">
              {t(L, "customers.contractsCount", { n: activeCount(), total: contracts().length })}
            </span>
          </div>
          <p class="card__intro">{t(L, "customers.classLegend")}</p>
          <Show when={contractNotice()}>
            <p class="alert alert--success" role="status" id="contract-notice">
              {contractNotice()}
            </p>
          </Show>
          <Show when={contractError()}>
            <div class="alert alert--error" role="alert" id="contract-error">
              <p>{contractError()}</p>
              <Show when={contractConflict()}>
                <button type="button" class="btn btn--secondary" id="contracts-reload" onClick={reloadContracts}>
                  {t(L, "customers.reload")}
                </button>
              </Show>
            </div>
          </Show>
          <Show when={contracts().length} fallback={<p class="muted" id="contracts-empty">{t(L, "customers.noContracts")}</p>}>
            <table class="data-table cust-table" id="contract-list">
              <thead>
                <tr>
                  <th scope="col">{col.number}</th>
                  <th scope="col">{col.title}</th>
                  <th scope="col" class="num">
                    {col.amount}
                  </th>
                  <th scope="col">{col.signed}</th>
                  <th scope="col">{col.status}</th>
                  <Show when={canWrite()}>
                    <th scope="col">
                      <span class="visually-hidden">{col.actions}</span>
                    </th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={contracts()}>
                  {(c) => (
                    <>
                      <tr data-contract-id={c.contractID} data-status={c.status} classList={{ "is-inactive": c.status === "cancelled" }}>
                        <td data-label={col.number} class="nowrap cell-title">
                          {c.number}
                        </td>
                        <td data-label={col.title}>{c.title}</td>
                        <td data-label={col.amount} class="num nowrap">
                          {formatFen(c.amountFen)}
                        </td>
                        <td data-label={col.signed} class="nowrap">
                          {c.signedOn}
                        </td>
                        <td data-label={col.status}>
                          <span class="status" classList={{ "status--off": c.status === "cancelled" }}>
                            {t(L, c.status === "active" ? "customers.contract.active" : "customers.contract.cancelled")}
                          </span>
                        </td>
                        <Show when={canWrite()}>
                          <td data-label={col.actions} class="cell-actions">
                            <div class="btn-row">
                              <Show
                                when={c.status === "active"}
                                fallback={
                                  <button
                                    type="button"
                                    class="btn btn--secondary btn--sm"
                                    data-action="restore"
                                    disabled={rowBusy() === c.contractID}
                                    onClick={() => restoreContract(c)}
                                  >
                                    {t(L, "customers.contract.restore")}
                                  </button>
                                }
                              >
                                <button
                                  type="button"
                                  class="btn btn--secondary btn--sm"
                                  data-action="edit"
                                  aria-expanded={edID() === c.contractID ? "true" : "false"}
                                  onClick={() => (edID() === c.contractID ? setEdID(null) : startContractEdit(c))}
                                >
                                  {t(L, "customers.edit")}
                                </button>
                                <button
                                  type="button"
                                  class="btn btn--ghost-danger btn--sm"
                                  data-action="cancel"
                                  disabled={rowBusy() === c.contractID}
                                  onClick={() => cancelContract(c)}
                                >
                                  {t(L, "customers.contract.cancel")}
                                </button>
                              </Show>
                            </div>
                          </td>
                        </Show>
                      </tr>
                      <Show when={edID() === c.contractID}>
                        <tr class="edit-row" data-edit-for={c.contractID}>
                          <td colSpan={6}>
                            <form id="contract-edit-form" novalidate onSubmit={(e) => saveContract(e, c)}>
                              <h3>{t(L, "customers.contract.editTitle", { number: c.number })}</h3>
                              <Show when={eError()}>
                                <p class="alert alert--error" role="alert" id="contract-edit-error">
                                  {eError()}
                                </p>
                              </Show>
                              <div class="form-grid form-grid--4">
                                <div class="field">
                                  <label for="contract-edit-number">{col.number}</label>
                                  <input
                                    id="contract-edit-number"
                                    type="text"
                                    maxlength={60}
                                    autocomplete="off"
                                    value={eNumber()}
                                    onInput={(e) => setENumber(e.currentTarget.value)}
                                    {...invalid(eFields().number, "contract-edit-number-error")}
                                  />
                                  <FieldError id="contract-edit-number-error" msg={eFields().number} />
                                </div>
                                <div class="field">
                                  <label for="contract-edit-title">{col.title}</label>
                                  <input
                                    id="contract-edit-title"
                                    type="text"
                                    maxlength={200}
                                    autocomplete="off"
                                    value={eTitle()}
                                    onInput={(e) => setETitle(e.currentTarget.value)}
                                    {...invalid(eFields().title, "contract-edit-title-error")}
                                  />
                                  <FieldError id="contract-edit-title-error" msg={eFields().title} />
                                </div>
                                <div class="field">
                                  <label for="contract-edit-amount">{t(L, "customers.contract.amountYuan")}</label>
                                  <div class="input-affix">
                                    <span aria-hidden="true">¥</span>
                                    <input
                                      id="contract-edit-amount"
                                      type="text"
                                      inputmode="decimal"
                                      autocomplete="off"
                                      value={eAmount()}
                                      onInput={(e) => setEAmount(e.currentTarget.value)}
                                      {...invalid(eFields().amountFen, "contract-edit-amount-error")}
                                    />
                                  </div>
                                  <FieldError id="contract-edit-amount-error" msg={eFields().amountFen} />
                                </div>
                                <div class="field">
                                  <label for="contract-edit-signed">{col.signed}</label>
                                  <input
                                    id="contract-edit-signed"
                                    type="date"
                                    value={eSigned()}
                                    onInput={(e) => setESigned(e.currentTarget.value)}
                                    {...invalid(eFields().signedOn, "contract-edit-signed-error")}
                                  />
                                  <FieldError id="contract-edit-signed-error" msg={eFields().signedOn} />
                                </div>
                              </div>
                              <div class="btn-row">
                                <button type="submit" class="btn" id="contract-edit-save" disabled={eBusy()}>
                                  {eBusy() ? t(L, "customers.saving") : t(L, "customers.save")}
                                </button>
                                <button type="button" class="btn btn--secondary" id="contract-edit-cancel" onClick={() => setEdID(null)}>
                                  {t(L, "customers.cancel")}
                                </button>
                              </div>
                            </form>
                          </td>
                        </tr>
                      </Show>
                    </>
                  )}
                </For>
              </tbody>
            </table>
          </Show>

          <Show when={canWrite()}>
            <form id="contract-form" class="subform" novalidate onSubmit={addContract}>
              <h3>{t(L, "customers.contract.add")}</h3>
              <Show when={cError()}>
                <p class="alert alert--error" role="alert" id="contract-form-error">
                  {cError()}
                </p>
              </Show>
              <div class="form-grid form-grid--4">
                <div class="field">
                  <label for="contract-number">{col.number}</label>
                  <input
                    id="contract-number"
                    type="text"
                    maxlength={60}
                    autocomplete="off"
                    value={cNumber()}
                    onInput={(e) => setCNumber(e.currentTarget.value)}
                    {...invalid(cFields().number, "contract-number-error")}
                  />
                  <FieldError id="contract-number-error" msg={cFields().number} />
                </div>
                <div class="field">
                  <label for="contract-title">{col.title}</label>
                  <input
                    id="contract-title"
                    type="text"
                    maxlength={200}
                    autocomplete="off"
                    value={cTitle()}
                    onInput={(e) => setCTitle(e.currentTarget.value)}
                    {...invalid(cFields().title, "contract-title-error")}
                  />
                  <FieldError id="contract-title-error" msg={cFields().title} />
                </div>
                <div class="field">
                  <label for="contract-amount">{t(L, "customers.contract.amountYuan")}</label>
                  <div class="input-affix">
                    <span aria-hidden="true">¥</span>
                    <input
                      id="contract-amount"
                      type="text"
                      inputmode="decimal"
                      autocomplete="off"
                      placeholder="0.00"
                      value={cAmount()}
                      onInput={(e) => setCAmount(e.currentTarget.value)}
                      {...invalid(cFields().amountFen, "contract-amount-error")}
                    />
                  </div>
                  <FieldError id="contract-amount-error" msg={cFields().amountFen} />
                </div>
                <div class="field">
                  <label for="contract-signed">{col.signed}</label>
                  <input
                    id="contract-signed"
                    type="date"
                    value={cSigned()}
                    onInput={(e) => setCSigned(e.currentTarget.value)}
                    {...invalid(cFields().signedOn, "contract-signed-error")}
                  />
                  <FieldError id="contract-signed-error" msg={cFields().signedOn} />
                </div>
              </div>
              <button type="submit" class="btn" id="contract-submit" disabled={cBusy()}>
                {cBusy() ? t(L, "customers.saving") : t(L, "customers.contract.submit")}
              </button>
            </form>
          </Show>
        </section>

        {/* ---------------------------------------------------------------- projects */}
        <section class="card" aria-labelledby="projects-title" id="customer-projects">
          <div class="card-head">
            <h2 id="projects-title">{t(L, "projects.ofCustomer")}</h2>
            <Show when={canWriteProjects()}>
              <button
                type="button"
                class="btn btn--secondary"
                id="new-project"
                aria-expanded={projectFormOpen() ? "true" : "false"}
                onClick={() => {
                  setProjectFormOpen(true);
                  setProjectNotice(null);
                  queueMicrotask(() => document.getElementById("project-name")?.focus());
                }}
              >
                + {t(L, "projects.new")}
              </button>
            </Show>
          </div>
          <Show when={projectNotice()}>
            <p class="alert alert--success" role="status" id="project-notice">
              {t(L, "projects.created", { name: projectNotice()!.name })}{" "}
              <a href={projectHref(projectNotice()!.projectID)}>{t(L, "projects.openDetail")}</a>
            </p>
          </Show>
          <Show when={projectFormOpen() && canWriteProjects()}>
            <div class="subform subform--top">
              <h3>{t(L, "projects.new")}</h3>
              <ProjectForm
                locale={L}
                signinHref={props.signinHref}
                customer={{ customerID: customer()!.customerID, name: customer()!.name }}
                defaultRepairDays={defaultRepairDays()}
                onCancel={() => setProjectFormOpen(false)}
                onCreated={(p) => {
                  setProjects((list) => [...list, p]);
                  setProjectFormOpen(false);
                  setProjectNotice(p);
                }}
              />
            </div>
          </Show>
          <Show when={projects().length} fallback={<p class="muted" id="projects-empty">{t(L, "projects.noneForCustomer")}</p>}>
            <table class="data-table cust-table" id="project-list">
              <thead>
                <tr>
                  <th scope="col">{pcol.name}</th>
                  <th scope="col">{pcol.completion}</th>
                  <th scope="col" class="num">
                    {pcol.deposit}
                  </th>
                  <th scope="col">{pcol.handover}</th>
                </tr>
              </thead>
              <tbody>
                <For each={projects()}>
                  {(p) => (
                    <tr data-project-id={p.projectID}>
                      <td data-label={pcol.name} class="cell-title">
                        <a href={projectHref(p.projectID)} class="row-link">
                          {p.name}
                        </a>
                        <Show when={p.address}>
                          <span class="cell-sub">{p.address}</span>
                        </Show>
                      </td>
                      <td data-label={pcol.completion} class="nowrap">
                        {showDate(p.completionAcceptedOn)}
                      </td>
                      <td data-label={pcol.deposit} class="num nowrap">
                        {formatFen(p.depositFen)}
                      </td>
                      <td data-label={pcol.handover} class="nowrap">
                        {showDate(p.handoverOn)}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </section>
      </Show>
      <Dialog />
    </div>
  );
}
