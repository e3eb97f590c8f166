import "../../dict/customers";
// Project page (/portal/projects/detail/?id=): dates, deposit and agreed repair days; warranty
// items per category (statutory minimums, end dates); the handover checklist; the repair link
// with its QR code (issue / re-issue / revoke / print). Every change is a PATCH with the version.
import { createSignal, For, Index, onCleanup, onMount, Show } from "solid-js";
import { Portal } from "solid-js/web";
import { api, type ApiError } from "../../api";
import { errorText } from "../../errors";
import { localePath, pickMessage, t, type Key, type Locale } from "../../i18n";
import { LoadState } from "../LoadState";
import { createConfirm } from "./ConfirmDialog";
import type { Project } from "./ProjectForm";
import {
  ClassBadge,
  copyText,
  FieldError,
  fenToYuanInput,
  formatFen,
  formatInstant,
  hasRole,
  invalid,
  parseInteger,
  parseYuan,
  pathErrors,
  PROJECT_WRITERS,
  queryParam,
  safeSvg,
  showDate,
  todayShanghai,
  usePortalUser,
  errOf,
} from "./common";

type Unit = "years" | "seasons";
type Row = {
  category: string;
  label: { "zh-CN": string; en: string };
  unit: Unit;
  minimum: number;
  value: number;
  lengthened: boolean;
  note?: string;
  endsOn?: string;
};
type Detail = {
  project: Project;
  customer?: { customerID: string; name: string; class: string };
  warranty: Row[];
  depositReleaseOn?: string;
  agreedRepairDays: number;
};
type Settings = { defaultAgreedRepairDays: number; designLifeYears: number; defectsLiabilityMonths: number };
type RepairLink = { link: { linkID: string; createdAt: string; status: string } | null; url?: string; qrSvg?: string };
type Ledger = { amountFen: number; balanceFen: number; deductedFen: number; status: "held" | "released"; releasedAt?: string };

const handoverItems = ["manuals", "usage_notes", "maintenance_conditions", "training", "as_built_drawings", "other"] as const;
type DocRow = { item: string; title: string; done: boolean; doneOn: string };

export default function ProjectDetail(props: { locale: Locale; signinHref: string }) {
  const L = props.locale;
  const user = usePortalUser();
  const canWrite = () => hasRole(user(), PROJECT_WRITERS);
  const { ask, Dialog } = createConfirm(L);

  const [id, setID] = createSignal("");
  const [status, setStatus] = createSignal<"loading" | "ready" | "forbidden" | "notfound" | "error">("loading");
  const [loadError, setLoadError] = createSignal("");
  const [detail, setDetail] = createSignal<Detail | null>(null);
  const [settings, setSettings] = createSignal<Settings | null>(null);
  const project = () => detail()!.project;

  // conflict / generic error of the last save (shown at the top of the card it came from)
  const [conflict, setConflict] = createSignal<string | null>(null);

  async function load() {
    const res = await api<Detail>("GET", `/api/projects/${encodeURIComponent(id())}`);
    if (res.ok && res.data) {
      setDetail(res.data);
      if (!docsDirty()) resetDocs();
      setStatus("ready");
      document.title = `${res.data.project.name} · ${document.title.split(" · ").slice(-1)[0]}`;
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

  onMount(async () => {
    setID(queryParam("id"));
    if (!id()) return setStatus("notfound");
    api<{ settings: Settings }>("GET", "/api/settings").then((r) => r.ok && setSettings(r.data.settings));
    if (await load()) {
      loadLink();
      loadLedger();
    }
  });

  /** PATCH the project with its version; reloads the page data on success. */
  async function patch(body: Record<string, unknown>, where: string): Promise<{ ok: true } | { ok: false; status: number; error: ApiError }> {
    const res = await api<{ project: Project }>("PATCH", `/api/projects/${encodeURIComponent(id())}`, { ...body, version: project().version });
    if (res.ok) {
      setConflict(null);
      await load();
      return { ok: true };
    }
    if (res.status === 401) location.replace(props.signinHref);
    if (res.status === 409) setConflict(where);
    return { ok: false, status: res.status, error: res.error };
  }

  async function reloadAfterConflict() {
    setConflict(null);
    setInfoEditing(false);
    setWarrantyEditing(false);
    setInfoError("");
    setWarrantyError("");
    setDocsError("");
    await load();
    resetDocs();
  }

  const ConflictBox = (p: { where: string; msg: string; id: string }) => (
    <Show when={p.msg}>
      <div class="alert alert--error" role="alert" id={p.id}>
        <p>{p.msg}</p>
        <Show when={conflict() === p.where}>
          <p>{t(L, "customers.conflictHint")}</p>
          <button type="button" class="btn btn--secondary" data-action="reload" onClick={reloadAfterConflict}>
            {t(L, "customers.reload")}
          </button>
        </Show>
      </div>
    </Show>
  );

  // ------------------------------------------------------------------ basic information
  const [infoEditing, setInfoEditing] = createSignal(false);
  const [fName, setFName] = createSignal("");
  const [fAddress, setFAddress] = createSignal("");
  const [fCompletion, setFCompletion] = createSignal("");
  const [fHandover, setFHandover] = createSignal("");
  const [fInUse, setFInUse] = createSignal("");
  const [fDeposit, setFDeposit] = createSignal("");
  const [fRepairDays, setFRepairDays] = createSignal("");
  const [fDesignLife, setFDesignLife] = createSignal("");
  const [fDLP, setFDLP] = createSignal("");
  const [infoFields, setInfoFields] = createSignal<Record<string, string>>({});
  const [infoError, setInfoError] = createSignal("");
  const [infoBusy, setInfoBusy] = createSignal(false);
  const [infoNotice, setInfoNotice] = createSignal("");

  function startInfoEdit() {
    const p = project();
    setFName(p.name);
    setFAddress(p.address ?? "");
    setFCompletion(p.completionAcceptedOn ?? "");
    setFHandover(p.handoverOn ?? "");
    setFInUse(p.inUseSince ?? "");
    setFDeposit(fenToYuanInput(p.depositFen));
    setFRepairDays(p.agreedRepairDays?.toString() ?? "");
    setFDesignLife(p.designLifeYears?.toString() ?? "");
    setFDLP(p.defectsLiabilityMonths?.toString() ?? "");
    setInfoFields({});
    setInfoError("");
    setInfoNotice("");
    setInfoEditing(true);
    queueMicrotask(() => document.getElementById("project-name")?.focus());
  }

  async function saveInfo(e: SubmitEvent) {
    e.preventDefault();
    if (infoBusy()) return;
    setInfoError("");
    const f: Record<string, string> = {};
    if (!fName().trim()) f.name = t(L, "projects.validation.nameRequired");
    const fen = parseYuan(fDeposit());
    if (fen === null) f.depositFen = t(L, "projects.validation.amount");
    const days = parseInteger(fRepairDays());
    if (days === null) f.agreedRepairDays = t(L, "projects.validation.wholeNumber");
    const life = parseInteger(fDesignLife());
    if (life === null) f.designLifeYears = t(L, "projects.validation.wholeNumber");
    const dlp = parseInteger(fDLP());
    if (dlp === null) f.defectsLiabilityMonths = t(L, "projects.validation.wholeNumber");
    setInfoFields(f);
    if (Object.keys(f).length) return;
    setInfoBusy(true);
    const res = await patch(
      {
        name: fName().trim(),
        address: fAddress().trim(),
        completionAcceptedOn: fCompletion(),
        handoverOn: fHandover(),
        inUseSince: fInUse(),
        depositFen: fen ?? 0,
        agreedRepairDays: days ?? null,
        designLifeYears: life ?? null,
        defectsLiabilityMonths: dlp ?? null,
      },
      "info",
    );
    setInfoBusy(false);
    if (res.ok) {
      setInfoEditing(false);
      setInfoNotice(t(L, "projects.saved"));
      return;
    }
    const pf = pathErrors(res.error, L);
    setInfoFields(pf);
    // warranty item errors caused by a design-life change belong to the design-life field here
    const itemErr = Object.entries(pf).find(([k]) => k.startsWith("warrantyItems"));
    if (itemErr) setInfoFields({ ...pf, designLifeYears: itemErr[1] });
    setInfoError(errorText(L, res.status, res.error));
  }

  // ------------------------------------------------------------------ warranty items
  const [warrantyEditing, setWarrantyEditing] = createSignal(false);
  const [wValues, setWValues] = createSignal<Record<string, string>>({});
  const [wNotes, setWNotes] = createSignal<Record<string, string>>({});
  const [wFields, setWFields] = createSignal<Record<string, string>>({});
  const [warrantyError, setWarrantyError] = createSignal("");
  const [wBusy, setWBusy] = createSignal(false);
  const [wNotice, setWNotice] = createSignal("");

  function startWarrantyEdit() {
    const v: Record<string, string> = {};
    const n: Record<string, string> = {};
    for (const r of detail()!.warranty) {
      v[r.category] = String(r.value);
      n[r.category] = r.note ?? "";
    }
    setWValues(v);
    setWNotes(n);
    setWFields({});
    setWarrantyError("");
    setWNotice("");
    setWarrantyEditing(true);
  }

  async function saveWarranty(e: SubmitEvent) {
    e.preventDefault();
    if (wBusy()) return;
    setWarrantyError("");
    const rows = detail()!.warranty;
    const f: Record<string, string> = {};
    const items = rows.map((r) => {
      const item: Record<string, unknown> = { category: r.category };
      const v = parseInteger(wValues()[r.category] ?? "");
      if (v === null || v === 0) f[r.category] = t(L, "projects.validation.wholeNumber");
      // the statutory minimum is stored as "no number", so a later design-life change follows
      else if (v !== undefined && v !== r.minimum) item[r.unit] = v;
      const note = (wNotes()[r.category] ?? "").trim();
      if (note) item.note = note;
      return item;
    });
    setWFields(f);
    if (Object.keys(f).length) {
      document.getElementById(`warranty-${Object.keys(f)[0]}-value`)?.focus();
      return;
    }
    setWBusy(true);
    const res = await patch({ warrantyItems: items }, "warranty");
    setWBusy(false);
    if (res.ok) {
      setWarrantyEditing(false);
      setWNotice(t(L, "projects.warrantySaved"));
      return;
    }
    // "warrantyItems.<i>.<field>": i is the index in the items as sent
    const byRow: Record<string, string> = {};
    let other = "";
    for (const fe of res.error.fields ?? []) {
      const m = /^warrantyItems\.(\d+)(?:\.|$)/.exec(fe.field);
      const msg = pickMessage(L, fe.message) ?? fe.code;
      const cat = m ? rows[Number(m[1])]?.category : undefined;
      if (cat) byRow[cat] = byRow[cat] ? `${byRow[cat]} ${msg}` : msg;
      else other = other ? `${other} ${msg}` : msg;
    }
    setWFields(byRow);
    setWarrantyError(other || errorText(L, res.status, res.error));
  }

  const unitLabel = (unit: Unit, n: number, category?: string) =>
    t(
      L,
      unit === "years"
        ? "projects.unit.years"
        : category === "heating"
          ? "projects.unit.heatingSeasons"
          : category === "cooling"
            ? "projects.unit.coolingSeasons"
            : "projects.unit.seasons",
      { n },
    );

  // ------------------------------------------------------------------ handover documents
  const [docs, setDocs] = createSignal<DocRow[]>([]);
  const [docsDirty, setDocsDirty] = createSignal(false);
  const [docsFields, setDocsFields] = createSignal<Record<string, string>>({});
  const [docsError, setDocsError] = createSignal("");
  const [docsBusy, setDocsBusy] = createSignal(false);
  const [docsNotice, setDocsNotice] = createSignal("");

  function resetDocs() {
    const stored = detail()?.project.handoverDocs ?? [];
    const rows: DocRow[] = stored.map((d) => ({ item: d.item, title: d.title ?? "", done: d.done, doneOn: d.doneOn ?? "" }));
    for (const item of handoverItems) {
      if (item !== "other" && !rows.some((r) => r.item === item)) rows.push({ item, title: "", done: false, doneOn: "" });
    }
    rows.sort((a, b) => handoverItems.indexOf(a.item as any) - handoverItems.indexOf(b.item as any));
    setDocs(rows);
    setDocsDirty(false);
    setDocsFields({});
  }

  const setDoc = (i: number, patchRow: Partial<DocRow>) => {
    setDocs((list) => list.map((r, k) => (k === i ? { ...r, ...patchRow } : r)));
    setDocsDirty(true);
    setDocsNotice("");
  };

  async function saveDocs(e: SubmitEvent) {
    e.preventDefault();
    if (docsBusy()) return;
    setDocsError("");
    const rows = docs();
    const f: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (r.item === "other" && !r.title.trim() && r.done) f[`${i}.title`] = t(L, "projects.docs.titleRequired");
    });
    setDocsFields(f);
    if (Object.keys(f).length) return;
    const sent = rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.done || r.doneOn || (r.item === "other" ? r.title.trim() : true));
    const body = sent.map(({ r }) => {
      const d: Record<string, unknown> = { item: r.item, done: r.done };
      if (r.title.trim()) d.title = r.title.trim();
      if (r.done && r.doneOn) d.doneOn = r.doneOn;
      return d;
    });
    setDocsBusy(true);
    const res = await patch({ handoverDocs: body }, "docs");
    setDocsBusy(false);
    if (res.ok) {
      resetDocs();
      setDocsNotice(t(L, "projects.docs.saved"));
      return;
    }
    const byRow: Record<string, string> = {};
    let other = "";
    for (const fe of res.error.fields ?? []) {
      const m = /^handoverDocs\.(\d+)(?:\.(\w+))?/.exec(fe.field);
      const msg = pickMessage(L, fe.message) ?? fe.code;
      const row = m ? sent[Number(m[1])]?.i : undefined;
      if (row !== undefined) byRow[`${row}.${m![2] === "title" ? "title" : "doneOn"}`] = msg;
      else other = other ? `${other} ${msg}` : msg;
    }
    setDocsFields(byRow);
    setDocsError(other || errorText(L, res.status, res.error));
  }

  const docsDone = () => docs().filter((d) => d.done).length;

  // ------------------------------------------------------------------ repair link
  const [link, setLink] = createSignal<RepairLink | null>(null);
  const [linkState, setLinkState] = createSignal<"loading" | "ready" | "forbidden" | "error">("loading");
  const [linkError, setLinkError] = createSignal("");
  const [linkBusy, setLinkBusy] = createSignal(false);
  const [linkNotice, setLinkNotice] = createSignal("");
  const [copied, setCopied] = createSignal<"" | "ok" | "failed">("");
  const qrMarkup = () => (link()?.qrSvg ? safeSvg(link()!.qrSvg!) : "");

  async function loadLink() {
    const res = await api<RepairLink>("GET", `/api/projects/${encodeURIComponent(id())}/repair-link`);
    if (res.ok) {
      setLink(res.data?.link ? res.data : null);
      setLinkState("ready");
    } else if (res.status === 401) location.replace(props.signinHref);
    else if (res.status === 403) setLinkState("forbidden");
    else {
      setLinkError(errorText(L, res.status, res.error));
      setLinkState("error");
    }
  }

  async function issueLink() {
    if (link()) {
      const ok = await ask({
        title: t(L, "projects.link.reissueTitle"),
        body: t(L, "projects.link.reissueBody"),
        yes: t(L, "projects.link.reissueYes"),
        danger: true,
      });
      if (!ok) return;
    }
    const again = !!link();
    setLinkBusy(true);
    setLinkError("");
    setLinkNotice("");
    setCopied("");
    const res = await api<RepairLink>("POST", `/api/projects/${encodeURIComponent(id())}/repair-link`);
    setLinkBusy(false);
    if (res.ok && res.data?.link) {
      setLink(res.data);
      setLinkState("ready");
      setLinkNotice(t(L, again ? "projects.link.reissued" : "projects.link.issuedNotice"));
      // issuing records the link on the project, which bumps its version: refresh it so the
      // edit forms on this page send the current version
      load();
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setLinkError(errorText(L, res.status, res.ok ? { code: "unknown" } : res.error));
  }

  async function revokeLink() {
    const ok = await ask({
      title: t(L, "projects.link.revokeTitle"),
      body: t(L, "projects.link.revokeBody"),
      yes: t(L, "projects.link.revokeYes"),
      danger: true,
    });
    if (!ok) return;
    setLinkBusy(true);
    setLinkError("");
    setLinkNotice("");
    const res = await api<{ ok: boolean }>("DELETE", `/api/projects/${encodeURIComponent(id())}/repair-link`);
    setLinkBusy(false);
    if (res.ok) {
      setLink(null);
      setLinkNotice(t(L, "projects.link.revoked"));
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setLinkError(errorText(L, res.status, res.error));
  }

  async function copyLink() {
    const url = link()?.url;
    if (!url) return;
    setCopied((await copyText(url)) ? "ok" : "failed");
    setTimeout(() => setCopied(""), 4000);
  }

  // print-only sheet: a host under <body>, shown only while printing the QR code
  let printHost: HTMLDivElement | undefined;
  const [printReady, setPrintReady] = createSignal(false);
  onMount(() => {
    printHost = document.createElement("div");
    printHost.className = "qr-print-host";
    printHost.id = "repair-link-print-sheet";
    document.body.appendChild(printHost);
    setPrintReady(true);
    const after = () => document.body.classList.remove("qr-printing");
    window.addEventListener("afterprint", after);
    onCleanup(() => {
      window.removeEventListener("afterprint", after);
      printHost?.remove();
    });
  });

  function printQR() {
    document.body.classList.add("qr-printing");
    window.print();
    // Chrome blocks in print(); others fire afterprint. Either way, leave the page as it was.
    setTimeout(() => document.body.classList.remove("qr-printing"), 1000);
  }

  // ------------------------------------------------------------------ deposit
  const [ledger, setLedger] = createSignal<Ledger | null>(null);
  async function loadLedger() {
    // only some roles read the ledger; others get 403 and simply see the amount
    const res = await api<{ ledger: Ledger | null }>("GET", `/api/projects/${encodeURIComponent(id())}/deposit`);
    if (res.ok) setLedger(res.data?.ledger ?? null);
  }

  const ticketsHref = () => `${localePath(L, "/portal/warranty/")}?projectID=${encodeURIComponent(id())}`;
  const depositHref = () => `${localePath(L, "/portal/warranty/deposit/")}?projectID=${encodeURIComponent(id())}`;
  const customerHref = (cid: string) => `${localePath(L, "/portal/customers/detail/")}?id=${encodeURIComponent(cid)}`;
  const sep = L === "en" ? " " : "";
  const dflt = (v: number | undefined, fallback: number | undefined, unitKey: Key) =>
    v !== undefined
      ? t(L, unitKey, { n: v })
      : fallback !== undefined
        ? `${t(L, unitKey, { n: fallback })}${sep}${t(L, "projects.companyDefault")}`
        : t(L, "projects.companyDefault");

  const wcol = {
    category: t(L, "projects.warranty.category"),
    period: t(L, "projects.warranty.period"),
    minimum: t(L, "projects.warranty.minimum"),
    ends: t(L, "projects.warranty.ends"),
    note: t(L, "projects.warranty.note"),
  };

  return (
    <div class="cust" data-status={status()}>
      <p class="breadcrumb">
        <a href={localePath(L, "/portal/projects/")}>← {t(L, "projects.backToList")}</a>
      </p>
      <LoadState
        status={status()}
        loadingId="project-loading"
        loadingText={t(L, "projects.loadingOne")}
        forbiddenText={t(L, "projects.forbidden")}
        notFoundId="project-not-found"
        notFoundText={t(L, "projects.notFound")}
        errorId="project-load-error"
        error={loadError()}
        retryText={t(L, "customers.retry")}
        onRetry={() => load()}
      />

      <Show when={status() === "ready" && detail()}>
        {/* ------------------------------------------------------------ header */}
        <div class="detail-head" data-project-id={project().projectID}>
          <div class="detail-head__title">
            <h1 id="project-title">{project().name}</h1>
            <Show when={detail()!.customer}>
              <span class="detail-head__customer">
                <a href={customerHref(detail()!.customer!.customerID)} id="project-customer-link">
                  {detail()!.customer!.name}
                </a>
                <ClassBadge cls={detail()!.customer!.class} locale={L} />
              </span>
            </Show>
            <Show when={project().address}>
              <span class="muted">{project().address}</span>
            </Show>
          </div>
          <div class="btn-row">
            <a class="btn btn--secondary" id="project-tickets-link" href={ticketsHref()}>
              {t(L, "projects.tickets")}
            </a>
            <a class="btn btn--secondary" id="project-deposit-link" href={depositHref()}>
              {t(L, "projects.depositLedger")}
            </a>
          </div>
        </div>

        <div class="detail-grid">
          <div class="detail-grid__main">
            {/* ------------------------------------------------------------ basic info */}
            <section class="card" aria-labelledby="info-title" id="project-info">
              <div class="card-head">
                <h2 id="info-title">{t(L, "projects.info")}</h2>
                <Show when={canWrite() && !infoEditing()}>
                  <button type="button" class="btn btn--secondary" id="project-edit" onClick={startInfoEdit}>
                    {t(L, "customers.edit")}
                  </button>
                </Show>
              </div>
              <Show when={infoNotice()}>
                <p class="alert alert--success" role="status" id="project-info-notice">
                  {infoNotice()}
                </p>
              </Show>
              <Show
                when={infoEditing()}
                fallback={
                  <dl class="facts">
                    <div>
                      <dt>{t(L, "projects.field.completion")}</dt>
                      <dd id="project-completion-value">{showDate(project().completionAcceptedOn)}</dd>
                    </div>
                    <div>
                      <dt>{t(L, "projects.field.handover")}</dt>
                      <dd>{showDate(project().handoverOn)}</dd>
                    </div>
                    <div>
                      <dt>{t(L, "projects.field.inUse")}</dt>
                      <dd>{showDate(project().inUseSince)}</dd>
                    </div>
                    <div>
                      <dt>{t(L, "projects.field.depositShort")}</dt>
                      <dd id="project-deposit-value">{formatFen(project().depositFen)}</dd>
                    </div>
                    <div>
                      <dt>{t(L, "projects.depositRelease")}</dt>
                      <dd>{detail()!.depositReleaseOn ?? t(L, "projects.afterAcceptance")}</dd>
                    </div>
                    <div>
                      <dt>{t(L, "projects.field.repairDaysShort")}</dt>
                      <dd id="project-repair-days-value">
                        {project().agreedRepairDays !== undefined
                          ? t(L, "projects.unit.days", { n: detail()!.agreedRepairDays })
                          : `${t(L, "projects.unit.days", { n: detail()!.agreedRepairDays })}${sep}${t(L, "projects.companyDefault")}`}
                      </dd>
                    </div>
                    <div>
                      <dt>{t(L, "projects.field.designLife")}</dt>
                      <dd>{dflt(project().designLifeYears, settings()?.designLifeYears, "projects.unit.years")}</dd>
                    </div>
                    <div>
                      <dt>{t(L, "projects.field.dlp")}</dt>
                      <dd>{dflt(project().defectsLiabilityMonths, settings()?.defectsLiabilityMonths, "projects.unit.months")}</dd>
                    </div>
                  </dl>
                }
              >
                <form id="project-info-form" novalidate onSubmit={saveInfo}>
                  <ConflictBox where="info" msg={infoError()} id="project-info-error" />
                  <div class="form-grid">
                    <div class="field">
                      <label for="project-name">{t(L, "projects.field.name")}</label>
                      <input id="project-name" type="text" maxlength={100} value={fName()} onInput={(e) => setFName(e.currentTarget.value)} {...invalid(infoFields().name, "project-name-error")} />
                      <FieldError id="project-name-error" msg={infoFields().name} />
                    </div>
                    <div class="field">
                      <label for="project-address">{t(L, "projects.field.address")}</label>
                      <input id="project-address" type="text" maxlength={200} value={fAddress()} onInput={(e) => setFAddress(e.currentTarget.value)} {...invalid(infoFields().address, "project-address-error")} />
                      <FieldError id="project-address-error" msg={infoFields().address} />
                    </div>
                  </div>
                  <div class="form-grid form-grid--3">
                    <div class="field">
                      <label for="project-completion">{t(L, "projects.field.completion")}</label>
                      <input id="project-completion" type="date" value={fCompletion()} onInput={(e) => setFCompletion(e.currentTarget.value)} {...invalid(infoFields().completionAcceptedOn, "project-completion-error")} />
                      <FieldError id="project-completion-error" msg={infoFields().completionAcceptedOn} />
                    </div>
                    <div class="field">
                      <label for="project-handover">{t(L, "projects.field.handover")}</label>
                      <input id="project-handover" type="date" value={fHandover()} onInput={(e) => setFHandover(e.currentTarget.value)} {...invalid(infoFields().handoverOn, "project-handover-error")} />
                      <FieldError id="project-handover-error" msg={infoFields().handoverOn} />
                    </div>
                    <div class="field">
                      <label for="project-inuse">{t(L, "projects.field.inUse")}</label>
                      <input id="project-inuse" type="date" value={fInUse()} onInput={(e) => setFInUse(e.currentTarget.value)} {...invalid(infoFields().inUseSince, "project-inuse-error")} />
                      <FieldError id="project-inuse-error" msg={infoFields().inUseSince} />
                    </div>
                  </div>
                  <div class="form-grid">
                    <div class="field">
                      <label for="project-deposit">{t(L, "projects.field.deposit")}</label>
                      <div class="input-affix">
                        <span aria-hidden="true">¥</span>
                        <input id="project-deposit" type="text" inputmode="decimal" autocomplete="off" value={fDeposit()} onInput={(e) => setFDeposit(e.currentTarget.value)} {...invalid(infoFields().depositFen, "project-deposit-error")} />
                      </div>
                      <FieldError id="project-deposit-error" msg={infoFields().depositFen} />
                    </div>
                    <div class="field">
                      <label for="project-repair-days">{t(L, "projects.field.repairDays")}</label>
                      <input
                        id="project-repair-days"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        placeholder={settings() ? String(settings()!.defaultAgreedRepairDays) : ""}
                        value={fRepairDays()}
                        onInput={(e) => setFRepairDays(e.currentTarget.value)}
                        {...invalid(infoFields().agreedRepairDays, "project-repair-days-error")}
                      />
                      <p class="hint">
                        {settings() ? t(L, "projects.repairDaysDefault", { n: settings()!.defaultAgreedRepairDays }) : t(L, "projects.repairDaysBlank")}
                      </p>
                      <FieldError id="project-repair-days-error" msg={infoFields().agreedRepairDays} />
                    </div>
                    <div class="field">
                      <label for="project-design-life">{t(L, "projects.field.designLifeInput")}</label>
                      <input
                        id="project-design-life"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        placeholder={settings() ? String(settings()!.designLifeYears) : ""}
                        value={fDesignLife()}
                        onInput={(e) => setFDesignLife(e.currentTarget.value)}
                        {...invalid(infoFields().designLifeYears, "project-design-life-error")}
                      />
                      <p class="hint">{t(L, "projects.blankDefault", { v: settings() ? t(L, "projects.unit.years", { n: settings()!.designLifeYears }) : "—" })}</p>
                      <FieldError id="project-design-life-error" msg={infoFields().designLifeYears} />
                    </div>
                    <div class="field">
                      <label for="project-dlp">{t(L, "projects.field.dlpInput")}</label>
                      <input
                        id="project-dlp"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        placeholder={settings() ? String(settings()!.defectsLiabilityMonths) : ""}
                        value={fDLP()}
                        onInput={(e) => setFDLP(e.currentTarget.value)}
                        {...invalid(infoFields().defectsLiabilityMonths, "project-dlp-error")}
                      />
                      <p class="hint">{t(L, "projects.blankDefault", { v: settings() ? t(L, "projects.unit.months", { n: settings()!.defectsLiabilityMonths }) : "—" })}</p>
                      <FieldError id="project-dlp-error" msg={infoFields().defectsLiabilityMonths} />
                    </div>
                  </div>
                  <div class="btn-row">
                    <button type="submit" class="btn" id="project-save" disabled={infoBusy()}>
                      {infoBusy() ? t(L, "customers.saving") : t(L, "customers.save")}
                    </button>
                    <button type="button" class="btn btn--secondary" id="project-edit-cancel" onClick={() => setInfoEditing(false)}>
                      {t(L, "customers.cancel")}
                    </button>
                  </div>
                </form>
              </Show>
            </section>

            {/* ------------------------------------------------------------ warranty items */}
            <section class="card" aria-labelledby="warranty-title" id="warranty-items">
              <div class="card-head">
                <h2 id="warranty-title">{t(L, "projects.warranty.title")}</h2>
                <Show when={canWrite() && !warrantyEditing()}>
                  <button type="button" class="btn btn--secondary" id="warranty-edit" onClick={startWarrantyEdit}>
                    {t(L, "projects.warranty.edit")}
                  </button>
                </Show>
              </div>
              <p class="card__intro">
                {project().completionAcceptedOn
                  ? t(L, "projects.warranty.intro", { date: project().completionAcceptedOn! })
                  : t(L, "projects.warranty.introNotAccepted")}
              </p>
              <Show when={wNotice()}>
                <p class="alert alert--success" role="status" id="warranty-notice">
                  {wNotice()}
                </p>
              </Show>
              <form id="warranty-form" novalidate onSubmit={saveWarranty}>
                <ConflictBox where="warranty" msg={warrantyError()} id="warranty-error" />
                <table class="data-table cust-table warranty-table" id="warranty-table">
                  <thead>
                    <tr>
                      <th scope="col">{wcol.category}</th>
                      <th scope="col">{wcol.period}</th>
                      <th scope="col">{wcol.minimum}</th>
                      <th scope="col">{wcol.ends}</th>
                      <th scope="col">{wcol.note}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={detail()!.warranty}>
                      {(r) => {
                        const vid = `warranty-${r.category}-value`;
                        const err = () => wFields()[r.category];
                        return (
                          <tr data-category={r.category} classList={{ "has-error": !!err() }}>
                            <td data-label={wcol.category} class="cell-title">
                              {pickMessage(L, r.label)}
                            </td>
                            <td data-label={wcol.period}>
                              <Show
                                when={warrantyEditing()}
                                fallback={
                                  <span class="nowrap" data-value={r.value}>
                                    {unitLabel(r.unit, r.value, r.category)}
                                    <Show when={r.lengthened}>
                                      {" "}
                                      <span class="chip chip--ok">{t(L, "projects.warranty.lengthened")}</span>
                                    </Show>
                                  </span>
                                }
                              >
                                <div>
                                <div class="period-input">
                                  <label class="visually-hidden" for={vid}>
                                    {pickMessage(L, r.label)} — {wcol.period}
                                  </label>
                                  <input
                                    id={vid}
                                    type="number"
                                    inputmode="numeric"
                                    min={1}
                                    step={1}
                                    value={wValues()[r.category] ?? ""}
                                    onInput={(e) => setWValues({ ...wValues(), [r.category]: e.currentTarget.value })}
                                    {...invalid(err(), `${vid}-error`)}
                                  />
                                  <span>{t(L, r.unit === "years" ? "projects.unit.yearsWord" : r.category === "heating" ? "projects.unit.heatingWord" : "projects.unit.coolingWord")}</span>
                                </div>
                                <FieldError id={`${vid}-error`} msg={err()} />
                                </div>
                              </Show>
                            </td>
                            <td data-label={wcol.minimum} class="nowrap muted">
                              {r.category === "foundation_structure"
                                ? t(L, "projects.warranty.designLifeMin", { n: r.minimum })
                                : unitLabel(r.unit, r.minimum, r.category)}
                            </td>
                            <td data-label={wcol.ends} class="nowrap" data-ends={r.endsOn ?? ""}>
                              {r.endsOn ?? <span class="muted">{t(L, "projects.afterAcceptance")}</span>}
                            </td>
                            <td data-label={wcol.note} classList={{ "is-empty": !r.note && !warrantyEditing() }}>
                              <Show when={warrantyEditing()} fallback={<span>{r.note || "—"}</span>}>
                                <label class="visually-hidden" for={`warranty-${r.category}-note`}>
                                  {pickMessage(L, r.label)} — {wcol.note}
                                </label>
                                <input
                                  id={`warranty-${r.category}-note`}
                                  type="text"
                                  maxlength={200}
                                  value={wNotes()[r.category] ?? ""}
                                  onInput={(e) => setWNotes({ ...wNotes(), [r.category]: e.currentTarget.value })}
                                />
                              </Show>
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
                <Show when={warrantyEditing()}>
                  <p class="hint">{t(L, "projects.warranty.editHint")}</p>
                  <div class="btn-row">
                    <button type="submit" class="btn" id="warranty-save" disabled={wBusy()}>
                      {wBusy() ? t(L, "customers.saving") : t(L, "customers.save")}
                    </button>
                    <button type="button" class="btn btn--secondary" id="warranty-cancel" onClick={() => setWarrantyEditing(false)}>
                      {t(L, "customers.cancel")}
                    </button>
                  </div>
                </Show>
              </form>
            </section>

            {/* ------------------------------------------------------------ handover documents */}
            <section class="card" aria-labelledby="docs-title" id="handover-docs">
              <div class="card-head">
                <h2 id="docs-title">{t(L, "projects.docs.title")}</h2>
                <span class="muted" id="docs-count">
                  {t(L, "projects.docs.count", { done: docsDone(), total: docs().length })}
                </span>
              </div>
              <p class="card__intro">{t(L, "projects.docs.intro")}</p>
              <Show when={docsNotice()}>
                <p class="alert alert--success" role="status" id="docs-notice">
                  {docsNotice()}
                </p>
              </Show>
              <form id="handover-form" novalidate onSubmit={saveDocs}>
                <ConflictBox where="docs" msg={docsError()} id="docs-error" />
                <ul class="checklist">
                  <Index each={docs()}>
                    {(d, i) => (
                      <li class="checklist__row" data-item={d().item} data-done={String(d().done)}>
                        <label class="check checklist__check" for={`handover-${i}-done`}>
                          <input
                            type="checkbox"
                            id={`handover-${i}-done`}
                            checked={d().done}
                            disabled={!canWrite()}
                            onChange={(e) => {
                              const done = e.currentTarget.checked;
                              setDoc(i, { done, doneOn: done ? d().doneOn || todayShanghai() : "" });
                            }}
                          />
                          <span>{t(L, `projects.docs.item.${d().item}` as Key)}</span>
                        </label>
                        <Show when={d().item === "other"}>
                          <div class="checklist__title">
                            <label class="visually-hidden" for={`handover-${i}-title`}>
                              {t(L, "projects.docs.otherTitle")}
                            </label>
                            <input
                              id={`handover-${i}-title`}
                              type="text"
                              maxlength={100}
                              placeholder={t(L, "projects.docs.otherTitle")}
                              value={d().title}
                              disabled={!canWrite()}
                              onInput={(e) => setDoc(i, { title: e.currentTarget.value })}
                              {...invalid(docsFields()[`${i}.title`], `handover-${i}-title-error`)}
                            />
                            <FieldError id={`handover-${i}-title-error`} msg={docsFields()[`${i}.title`]} />
                          </div>
                        </Show>
                        <div class="checklist__date">
                          <label for={`handover-${i}-date`} class="checklist__date-label">
                            {t(L, "projects.docs.doneOn")}
                          </label>
                          <input
                            id={`handover-${i}-date`}
                            type="date"
                            value={d().doneOn}
                            disabled={!canWrite() || !d().done}
                            onInput={(e) => setDoc(i, { doneOn: e.currentTarget.value })}
                            {...invalid(docsFields()[`${i}.doneOn`], `handover-${i}-date-error`)}
                          />
                          <FieldError id={`handover-${i}-date-error`} msg={docsFields()[`${i}.doneOn`]} />
                        </div>
                      </li>
                    )}
                  </Index>
                </ul>
                <Show when={canWrite()}>
                  <div class="btn-row">
                    <button type="submit" class="btn" id="handover-save" disabled={docsBusy() || !docsDirty()}>
                      {docsBusy() ? t(L, "customers.saving") : t(L, "projects.docs.save")}
                    </button>
                    <button
                      type="button"
                      class="btn btn--secondary"
                      id="handover-add-other"
                      onClick={() => {
                        setDocs([...docs(), { item: "other", title: "", done: false, doneOn: "" }]);
                        queueMicrotask(() => document.getElementById(`handover-${docs().length - 1}-title`)?.focus());
                      }}
                    >
                      + {t(L, "projects.docs.addOther")}
                    </button>
                    <Show when={docsDirty()}>
                      <button type="button" class="btn btn--link" id="handover-reset" onClick={resetDocs}>
                        {t(L, "projects.docs.discard")}
                      </button>
                    </Show>
                  </div>
                </Show>
              </form>
            </section>
          </div>

          <div class="detail-grid__side">
            {/* ------------------------------------------------------------ repair link */}
            <section class="card repair-link" aria-labelledby="link-title" id="repair-link">
              <h2 id="link-title">{t(L, "projects.link.title")}</h2>
              <p class="card__intro">{t(L, "projects.link.intro")}</p>
              <Show when={linkNotice()}>
                <p class="alert alert--success" role="status" id="repair-link-notice">
                  {linkNotice()}
                </p>
              </Show>
              <Show when={linkError()}>
                <p class="alert alert--error" role="alert" id="repair-link-error">
                  {linkError()}
                </p>
              </Show>
              <Show when={linkState() === "loading"}>
                <p class="muted">{t(L, "customers.loadingShort")}</p>
              </Show>
              <Show when={linkState() === "forbidden"}>
                <p class="muted" id="repair-link-forbidden">
                  {t(L, "projects.link.forbidden")}
                </p>
              </Show>
              <Show when={linkState() === "ready"}>
                <Show
                  when={link()?.url}
                  fallback={
                    <div class="repair-link__none">
                      <p class="muted" id="repair-link-none">
                        {t(L, "projects.link.none")}
                      </p>
                      <Show when={canWrite()}>
                        <button type="button" class="btn" id="repair-link-issue" disabled={linkBusy()} onClick={issueLink}>
                          {linkBusy() ? t(L, "projects.link.working") : t(L, "projects.link.issue")}
                        </button>
                      </Show>
                    </div>
                  }
                >
                  <div class="qr-box" id="repair-link-qr" innerHTML={qrMarkup()} aria-label={t(L, "projects.link.qrAlt")} role="img" />
                  <div class="repair-link__url">
                    <a id="repair-link-url" href={link()!.url} target="_blank" rel="noopener noreferrer" class="break">
                      {link()!.url}
                    </a>
                  </div>
                  <p class="hint">{t(L, "projects.link.issuedAt", { at: formatInstant(link()!.link?.createdAt) })}</p>
                  <div class="btn-row">
                    <button type="button" class="btn btn--secondary" id="repair-link-copy" onClick={copyLink}>
                      {copied() === "ok" ? t(L, "projects.link.copied") : t(L, "projects.link.copy")}
                    </button>
                    <button type="button" class="btn btn--secondary" id="repair-link-print" onClick={printQR}>
                      {t(L, "projects.link.print")}
                    </button>
                  </div>
                  <Show when={copied() === "failed"}>
                    <p class="field-error" role="alert">
                      {t(L, "projects.link.copyFailed")}
                    </p>
                  </Show>
                  <Show when={canWrite()}>
                    <div class="btn-row repair-link__danger">
                      <button type="button" class="btn btn--secondary" id="repair-link-issue" disabled={linkBusy()} onClick={issueLink}>
                        {t(L, "projects.link.reissue")}
                      </button>
                      <button type="button" class="btn btn--ghost-danger" id="repair-link-revoke" disabled={linkBusy()} onClick={revokeLink}>
                        {t(L, "projects.link.revoke")}
                      </button>
                    </div>
                  </Show>
                </Show>
              </Show>
            </section>

            {/* ------------------------------------------------------------ deposit */}
            <section class="card" aria-labelledby="deposit-title" id="project-deposit-card">
              <h2 id="deposit-title">{t(L, "projects.deposit.title")}</h2>
              <dl class="facts facts--stack">
                <div>
                  <dt>{t(L, "projects.deposit.amount")}</dt>
                  <dd>{formatFen(project().depositFen)}</dd>
                </div>
                <Show when={ledger()}>
                  <div>
                    <dt>{t(L, "projects.deposit.deducted")}</dt>
                    <dd>{formatFen(ledger()!.deductedFen)}</dd>
                  </div>
                  <div>
                    <dt>{t(L, "projects.deposit.balance")}</dt>
                    <dd id="project-deposit-balance">
                      <strong>{formatFen(ledger()!.balanceFen)}</strong>
                      <Show when={ledger()!.status === "released"}>
                        {" "}
                        <span class="chip chip--none">{t(L, "projects.deposit.released")}</span>
                      </Show>
                    </dd>
                  </div>
                </Show>
                <div>
                  <dt>{t(L, "projects.depositRelease")}</dt>
                  <dd>{detail()!.depositReleaseOn ?? t(L, "projects.afterAcceptance")}</dd>
                </div>
              </dl>
              <a href={depositHref()} class="card-link">
                {t(L, "projects.depositLedger")} →
              </a>
            </section>
          </div>
        </div>

        {/* ------------------------------------------------------------ print sheet (print only) */}
        <Show when={printReady() && link()?.url}>
          <Portal mount={printHost!}>
            <div class="qr-sheet">
              <p class="qr-sheet__company">{t(L, "app.name")}</p>
              <h1 class="qr-sheet__project">{project().name}</h1>
              <Show when={project().address}>
                <p class="qr-sheet__address">{project().address}</p>
              </Show>
              <div class="qr-sheet__qr" innerHTML={qrMarkup()} />
              <p class="qr-sheet__scan">扫码报修</p>
              <ol class="qr-sheet__steps">
                <li>用手机微信或相机扫描上方二维码，打开报修页面（无需注册）。</li>
                <li>填写故障现象、位置、类别和紧急程度，可上传照片，并留下联系人和电话。</li>
                <li>提交后获得报修单号和跟踪链接，可随时查看处理进度，维修完成后在线验收。</li>
              </ol>
              <p class="qr-sheet__urgent">24小时紧急抢修：遇漏水、停电、设备停机等紧急故障，报修时请选择“紧急抢修”，我们将立即安排人员赶赴现场。</p>
              <p class="qr-sheet__url">{link()!.url}</p>
            </div>
          </Portal>
        </Show>
      </Show>
      <Dialog />
    </div>
  );
}
