import "../../dict/customers";
// Projects list (GET /api/projects?q=&customerID=) with search and the new-project form.
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { api } from "../../api";
import { errorText } from "../../errors";
import { localePath, t, type Locale } from "../../i18n";
import { LoadState } from "../LoadState";
import ProjectForm, { type Project } from "./ProjectForm";
import { formatFen, hasRole, PROJECT_WRITERS, queryParam, SearchBox, showDate, usePortalUser } from "./common";

export default function ProjectsList(props: { locale: Locale; signinHref: string }) {
  const L = props.locale;
  const user = usePortalUser();
  const canWrite = () => hasRole(user(), PROJECT_WRITERS);

  const [status, setStatus] = createSignal<"loading" | "ready" | "forbidden" | "error">("loading");
  const [loadError, setLoadError] = createSignal("");
  const [projects, setProjects] = createSignal<Project[]>([]);
  const [query, setQuery] = createSignal("");
  const [customerID, setCustomerID] = createSignal("");
  const [searching, setSearching] = createSignal(false);
  const [formOpen, setFormOpen] = createSignal(false);
  const [notice, setNotice] = createSignal<Project | null>(null);
  const [highlight, setHighlight] = createSignal<string | null>(null);
  const [defaultRepairDays, setDefaultRepairDays] = createSignal<number | undefined>();

  let seq = 0;
  async function load(q = query()) {
    const mine = ++seq;
    setSearching(true);
    const params = new URLSearchParams();
    if (q.trim()) params.set("q", q.trim());
    if (customerID()) params.set("customerID", customerID());
    const res = await api<{ projects: Project[] }>("GET", `/api/projects${params.toString() ? `?${params}` : ""}`);
    if (mine !== seq) return;
    setSearching(false);
    if (res.ok) {
      setProjects([...(res.data?.projects ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
      setStatus("ready");
    } else if (res.status === 401) location.replace(props.signinHref);
    else if (res.status === 403) setStatus("forbidden");
    else {
      setLoadError(errorText(L, res.status, res.error));
      if (status() !== "ready") setStatus("error");
    }
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

  function clearCustomer() {
    setCustomerID("");
    const url = new URL(location.href);
    url.searchParams.delete("customerID");
    history.replaceState(null, "", url);
    load();
  }

  onMount(() => {
    setQuery(queryParam("q"));
    setCustomerID(queryParam("customerID"));
    load();
    api<{ settings: { defaultAgreedRepairDays: number } }>("GET", "/api/settings").then((r) => {
      if (r.ok) setDefaultRepairDays(r.data?.settings?.defaultAgreedRepairDays);
    });
  });

  const detailHref = (id: string) => `${localePath(L, "/portal/projects/detail/")}?id=${encodeURIComponent(id)}`;
  const customerHref = (id: string) => `${localePath(L, "/portal/customers/detail/")}?id=${encodeURIComponent(id)}`;
  const filteredCustomerName = () => projects().find((p) => p.customerID === customerID())?.customerName;
  const col = {
    name: t(L, "projects.col.name"),
    customer: t(L, "projects.col.customer"),
    completion: t(L, "projects.col.completion"),
    handover: t(L, "projects.col.handover"),
    deposit: t(L, "projects.col.deposit"),
  };

  return (
    <div class="cust" data-status={status()}>
      <LoadState
        status={status()}
        loadingId="projects-loading"
        loadingText={t(L, "projects.loading")}
        forbiddenText={t(L, "projects.forbidden")}
        errorId="projects-load-error"
        error={loadError()}
        retryText={t(L, "customers.retry")}
        onRetry={() => load()}
      />

      <Show when={status() === "ready"}>
        <div class="toolbar">
          <SearchBox
            id="project-search"
            label={t(L, "projects.search")}
            placeholder={t(L, "projects.searchPlaceholder")}
            value={query()}
            onInput={onSearch}
            onEnter={(q) => {
              clearTimeout(timer);
              load(q);
            }}
          />
          <Show when={canWrite()}>
            <button
              type="button"
              class="btn"
              id="new-project"
              aria-expanded={formOpen() ? "true" : "false"}
              onClick={() => {
                setFormOpen(true);
                setNotice(null);
                queueMicrotask(() => document.getElementById("project-name")?.focus());
              }}
            >
              + {t(L, "projects.new")}
            </button>
          </Show>
        </div>
        <Show when={customerID()}>
          <p class="filter-chip" id="project-customer-filter">
            {t(L, "projects.filteredBy", { name: filteredCustomerName() ?? "…" })}
            <button type="button" class="btn btn--link btn--sm" onClick={clearCustomer}>
              {t(L, "projects.clearFilter")}
            </button>
          </p>
        </Show>

        <Show when={formOpen() && canWrite()}>
          <section class="card" aria-labelledby="project-form-title">
            <h2 id="project-form-title">{t(L, "projects.new")}</h2>
            <ProjectForm
              locale={L}
              signinHref={props.signinHref}
              preselect={customerID()}
              defaultRepairDays={defaultRepairDays()}
              onCancel={() => setFormOpen(false)}
              onCreated={async (p) => {
                setFormOpen(false);
                setNotice(p);
                setHighlight(p.projectID);
                await load();
                queueMicrotask(() => document.getElementById("project-notice")?.focus());
              }}
            />
          </section>
        </Show>

        <Show when={notice()}>
          <p class="alert alert--success" role="status" id="project-notice" tabindex="-1">
            {t(L, "projects.created", { name: notice()!.name })} <a href={detailHref(notice()!.projectID)}>{t(L, "projects.openDetail")}</a>
          </p>
        </Show>

        <section class="card" aria-labelledby="projects-list-title">
          <div class="card-head">
            <h2 id="projects-list-title">{t(L, "projects.list")}</h2>
            <span class="muted" id="projects-count" aria-live="polite">
              {searching() ? t(L, "customers.searching") : t(L, "projects.count", { n: projects().length })}
            </span>
          </div>
          <Show
            when={projects().length > 0}
            fallback={
              <p class="muted empty" id="projects-empty">
                {query().trim() ? t(L, "customers.noMatch", { q: query().trim() }) : t(L, "projects.empty")}
              </p>
            }
          >
            <table class="data-table cust-table" id="project-list">
              <thead>
                <tr>
                  <th scope="col">{col.name}</th>
                  <th scope="col">{col.customer}</th>
                  <th scope="col">{col.completion}</th>
                  <th scope="col">{col.handover}</th>
                  <th scope="col" class="num">
                    {col.deposit}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={projects()}>
                  {(p) => (
                    <tr data-project-id={p.projectID} classList={{ "is-new": highlight() === p.projectID }}>
                      <td data-label={col.name} class="cell-title">
                        <a href={detailHref(p.projectID)} class="row-link">
                          {p.name}
                        </a>
                        <Show when={p.address}>
                          <span class="cell-sub">{p.address}</span>
                        </Show>
                      </td>
                      <td data-label={col.customer}>
                        <a href={customerHref(p.customerID)}>{p.customerName ?? "—"}</a>
                      </td>
                      <td data-label={col.completion} class="nowrap">
                        {showDate(p.completionAcceptedOn)}
                      </td>
                      <td data-label={col.handover} class="nowrap">
                        {showDate(p.handoverOn)}
                      </td>
                      <td data-label={col.deposit} class="num nowrap">
                        {formatFen(p.depositFen)}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </section>
      </Show>
    </div>
  );
}
