import "../../dict/customers";
// New-project form (POST /api/projects), used on the projects list and on a customer's page.
import { createSignal, For, onMount, Show } from "solid-js";
import { api } from "../../api";
import { errorText } from "../../errors";
import { t, type Locale } from "../../i18n";
import { FieldError, invalid, parseInteger, parseYuan, pathErrors, errOf } from "./common";

export type Project = {
  projectID: string;
  customerID: string;
  customerName?: string;
  name: string;
  address?: string;
  completionAcceptedOn?: string;
  handoverOn?: string;
  inUseSince?: string;
  depositFen: number;
  agreedRepairDays?: number;
  designLifeYears?: number;
  defectsLiabilityMonths?: number;
  warrantyItems: { category: string; years?: number; seasons?: number; note?: string }[];
  handoverDocs: { item: string; title?: string; done: boolean; doneOn?: string }[];
  repairLinkID?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

type CustomerOption = { customerID: string; name: string };

export default function ProjectForm(props: {
  locale: Locale;
  signinHref: string;
  /** Fixed customer (creating from the customer's page). */
  customer?: CustomerOption;
  /** Preselected customer on the projects list (?customerID=). */
  preselect?: string;
  defaultRepairDays?: number;
  onCreated: (p: Project) => void;
  onCancel: () => void;
}) {
  const L = props.locale;
  const [customers, setCustomers] = createSignal<CustomerOption[]>(props.customer ? [props.customer] : []);
  const [customersError, setCustomersError] = createSignal("");
  const [customerID, setCustomerID] = createSignal(props.customer?.customerID ?? props.preselect ?? "");
  const [name, setName] = createSignal("");
  const [address, setAddress] = createSignal("");
  const [completion, setCompletion] = createSignal("");
  const [handover, setHandover] = createSignal("");
  const [inUse, setInUse] = createSignal("");
  const [deposit, setDeposit] = createSignal("");
  const [repairDays, setRepairDays] = createSignal("");
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  onMount(async () => {
    queueMicrotask(() => document.getElementById("project-name")?.focus());
    if (props.customer) return;
    const res = await api<{ customers: CustomerOption[] }>("GET", "/api/customers");
    if (res.ok) {
      setCustomers(res.data?.customers ?? []);
      if (customerID() && !customers().some((c) => c.customerID === customerID())) setCustomerID("");
    } else if (res.status === 401) location.replace(props.signinHref);
    else setCustomersError(errorText(L, res.status, res.error));
  });

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    setFormError("");
    const f: Record<string, string> = {};
    if (!name().trim()) f.name = t(L, "projects.validation.nameRequired");
    if (!customerID()) f.customerID = t(L, "projects.validation.customerRequired");
    const fen = parseYuan(deposit());
    if (fen === null) f.depositFen = t(L, "projects.validation.amount");
    const days = parseInteger(repairDays());
    if (days === null) f.agreedRepairDays = t(L, "projects.validation.wholeNumber");
    setFields(f);
    if (Object.keys(f).length) {
      const first = f.name ? "project-name" : f.customerID ? "project-customer" : f.depositFen ? "project-deposit" : "project-repair-days";
      document.getElementById(first)?.focus();
      return;
    }
    const body: Record<string, unknown> = { customerID: customerID(), name: name().trim(), depositFen: fen ?? 0 };
    if (address().trim()) body.address = address().trim();
    if (completion()) body.completionAcceptedOn = completion();
    if (handover()) body.handoverOn = handover();
    if (inUse()) body.inUseSince = inUse();
    if (days !== undefined) body.agreedRepairDays = days;
    setBusy(true);
    const res = await api<{ project: Project }>("POST", "/api/projects", body);
    setBusy(false);
    if (res.ok && res.data?.project) {
      props.onCreated(res.data.project);
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setFields(pathErrors(errOf(res), L));
    setFormError(errorText(L, res.status, errOf(res)));
  }

  const fe = (k: string) => fields()[k];

  return (
    <form id="project-form" novalidate onSubmit={submit}>
      <Show when={formError()}>
        <p class="alert alert--error" role="alert" id="project-form-error">
          {formError()}
        </p>
      </Show>
      <div class="form-grid">
        <div class="field">
          <label for="project-name">{t(L, "projects.field.name")}</label>
          <input
            id="project-name"
            type="text"
            autocomplete="off"
            maxlength={100}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            {...invalid(fe("name"), "project-name-error")}
          />
          <FieldError id="project-name-error" msg={fe("name")} />
        </div>
        <div class="field">
          <label for="project-customer">{t(L, "projects.field.customer")}</label>
          <select
            id="project-customer"
            value={customerID()}
            onChange={(e) => setCustomerID(e.currentTarget.value)}
            {...invalid(fe("customerID") || customersError(), "project-customer-error")}
          >
            <Show when={!props.customer}>
              <option value="">{t(L, "projects.field.customerPick")}</option>
            </Show>
            <For each={customers()}>{(c) => <option value={c.customerID}>{c.name}</option>}</For>
          </select>
          <FieldError id="project-customer-error" msg={fe("customerID") || customersError()} />
        </div>
      </div>
      <div class="field">
        <label for="project-address">{t(L, "projects.field.address")}</label>
        <input
          id="project-address"
          type="text"
          autocomplete="off"
          maxlength={200}
          value={address()}
          onInput={(e) => setAddress(e.currentTarget.value)}
          {...invalid(fe("address"), "project-address-error")}
        />
        <FieldError id="project-address-error" msg={fe("address")} />
      </div>
      <div class="form-grid form-grid--3">
        <div class="field">
          <label for="project-completion">{t(L, "projects.field.completion")}</label>
          <input
            id="project-completion"
            type="date"
            value={completion()}
            onInput={(e) => setCompletion(e.currentTarget.value)}
            {...invalid(fe("completionAcceptedOn"), "project-completion-error")}
          />
          <FieldError id="project-completion-error" msg={fe("completionAcceptedOn")} />
        </div>
        <div class="field">
          <label for="project-handover">{t(L, "projects.field.handover")}</label>
          <input
            id="project-handover"
            type="date"
            value={handover()}
            onInput={(e) => setHandover(e.currentTarget.value)}
            {...invalid(fe("handoverOn"), "project-handover-error")}
          />
          <FieldError id="project-handover-error" msg={fe("handoverOn")} />
        </div>
        <div class="field">
          <label for="project-inuse">{t(L, "projects.field.inUse")}</label>
          <input
            id="project-inuse"
            type="date"
            value={inUse()}
            onInput={(e) => setInUse(e.currentTarget.value)}
            {...invalid(fe("inUseSince"), "project-inuse-error")}
          />
          <FieldError id="project-inuse-error" msg={fe("inUseSince")} />
        </div>
      </div>
      <div class="form-grid">
        <div class="field">
          <label for="project-deposit">{t(L, "projects.field.deposit")}</label>
          <div class="input-affix">
            <span aria-hidden="true">¥</span>
            <input
              id="project-deposit"
              type="text"
              inputmode="decimal"
              autocomplete="off"
              placeholder="0.00"
              value={deposit()}
              onInput={(e) => setDeposit(e.currentTarget.value)}
              {...invalid(fe("depositFen"), "project-deposit-error")}
            />
          </div>
          <FieldError id="project-deposit-error" msg={fe("depositFen")} />
        </div>
        <div class="field">
          <label for="project-repair-days">{t(L, "projects.field.repairDays")}</label>
          <input
            id="project-repair-days"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            placeholder={props.defaultRepairDays ? String(props.defaultRepairDays) : ""}
            value={repairDays()}
            onInput={(e) => setRepairDays(e.currentTarget.value)}
            {...invalid(fe("agreedRepairDays"), "project-repair-days-error")}
          />
          <p class="hint">
            {props.defaultRepairDays
              ? t(L, "projects.repairDaysDefault", { n: props.defaultRepairDays })
              : t(L, "projects.repairDaysBlank")}
          </p>
          <FieldError id="project-repair-days-error" msg={fe("agreedRepairDays")} />
        </div>
      </div>
      <p class="hint">{t(L, "projects.createHint")}</p>
      <div class="btn-row">
        <button id="project-submit" class="btn" type="submit" disabled={busy()}>
          {busy() ? t(L, "projects.saving") : t(L, "projects.create")}
        </button>
        <button id="project-cancel" class="btn btn--secondary" type="button" onClick={() => props.onCancel()}>
          {t(L, "projects.cancel")}
        </button>
      </div>
    </form>
  );
}
