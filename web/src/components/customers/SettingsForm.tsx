import "../../dict/customers";
// Company settings (GET /api/settings for every staff member, PUT /api/settings for admins):
// repair deadline default, escalation and warning hours per severity, follow-up interval,
// design life, defects-liability period, heating / cooling seasons. Shows the last change.
import { createSignal, For, onMount, Show } from "solid-js";
import { api } from "../../api";
import { errorText } from "../../errors";
import { t, type Key, type Locale } from "../../i18n";
import { LoadState } from "../LoadState";
import { FieldError, formatInstant, hasRole, invalid, parseInteger, pathErrors, SETTINGS_EDITORS, usePortalUser, errOf } from "./common";

const severities = ["emergency", "small", "general"] as const;
type PerSeverity = Record<(typeof severities)[number], number>;
type Season = { start: string; end: string };
type Settings = {
  defaultAgreedRepairDays: number;
  escalationStepHours: PerSeverity;
  warningLeadHours: PerSeverity;
  followUpIntervalDays: number;
  followUpMonths: number;
  designLifeYears: number;
  defectsLiabilityMonths: number;
  heatingSeason: Season;
  coolingSeason: Season;
  version: number;
  updatedAt?: string;
  lastChange?: { at: string; by: { type: string; id?: string; name?: string } };
};

/** Form values, keyed by the API's field path. */
type Values = Record<string, string>;

const numberPaths = [
  "defaultAgreedRepairDays",
  ...severities.map((s) => `escalationStepHours.${s}`),
  ...severities.map((s) => `warningLeadHours.${s}`),
  "followUpIntervalDays",
  "designLifeYears",
  "defectsLiabilityMonths",
];
const seasonPaths = ["heatingSeason.start", "heatingSeason.end", "coolingSeason.start", "coolingSeason.end"];
const MONTH_DAY = /^\d{2}-\d{2}$/;

const fieldID = (path: string) => `settings-${path.replace(/\./g, "-")}`;

function toValues(s: Settings): Values {
  const v: Values = {};
  v.defaultAgreedRepairDays = String(s.defaultAgreedRepairDays);
  for (const sev of severities) {
    v[`escalationStepHours.${sev}`] = String(s.escalationStepHours[sev]);
    v[`warningLeadHours.${sev}`] = String(s.warningLeadHours[sev]);
  }
  v.followUpIntervalDays = String(s.followUpIntervalDays);
  v.designLifeYears = String(s.designLifeYears);
  v.defectsLiabilityMonths = String(s.defectsLiabilityMonths);
  v["heatingSeason.start"] = s.heatingSeason.start;
  v["heatingSeason.end"] = s.heatingSeason.end;
  v["coolingSeason.start"] = s.coolingSeason.start;
  v["coolingSeason.end"] = s.coolingSeason.end;
  return v;
}

export default function SettingsForm(props: { locale: Locale; signinHref: string }) {
  const L = props.locale;
  const user = usePortalUser();
  const canEdit = () => hasRole(user(), SETTINGS_EDITORS);

  const [status, setStatus] = createSignal<"loading" | "ready" | "error">("loading");
  const [loadError, setLoadError] = createSignal("");
  const [settings, setSettings] = createSignal<Settings | null>(null);
  const [values, setValues] = createSignal<Values>({});
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal("");
  const [conflict, setConflict] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal("");

  async function load() {
    const res = await api<{ settings: Settings }>("GET", "/api/settings");
    if (res.ok && res.data?.settings) {
      setSettings(res.data.settings);
      setValues(toValues(res.data.settings));
      setStatus("ready");
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setLoadError(errorText(L, res.status, res.ok ? { code: "unknown" } : res.error));
    setStatus("error");
  }
  onMount(load);

  const set = (path: string, v: string) => {
    setValues({ ...values(), [path]: v });
    setNotice("");
  };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy() || !canEdit()) return;
    setFormError("");
    setConflict(false);
    setNotice("");
    const v = values();
    const f: Record<string, string> = {};
    const num: Record<string, number> = {};
    for (const p of numberPaths) {
      const n = parseInteger(v[p] ?? "");
      if (n === undefined) f[p] = t(L, "settings.validation.required");
      else if (n === null) f[p] = t(L, "settings.validation.wholeNumber");
      else num[p] = n;
    }
    for (const p of seasonPaths) {
      if (!MONTH_DAY.test((v[p] ?? "").trim())) f[p] = t(L, "settings.validation.monthDay");
    }
    setFields(f);
    if (Object.keys(f).length) {
      document.getElementById(fieldID(Object.keys(f)[0]!))?.focus();
      return;
    }
    const per = (prefix: string) => Object.fromEntries(severities.map((s) => [s, num[`${prefix}.${s}`]]));
    const body = {
      defaultAgreedRepairDays: num.defaultAgreedRepairDays,
      escalationStepHours: per("escalationStepHours"),
      warningLeadHours: per("warningLeadHours"),
      followUpIntervalDays: num.followUpIntervalDays,
      designLifeYears: num.designLifeYears,
      defectsLiabilityMonths: num.defectsLiabilityMonths,
      heatingSeason: { start: v["heatingSeason.start"]!.trim(), end: v["heatingSeason.end"]!.trim() },
      coolingSeason: { start: v["coolingSeason.start"]!.trim(), end: v["coolingSeason.end"]!.trim() },
      version: settings()!.version,
    };
    setBusy(true);
    const res = await api<{ settings: Settings }>("PUT", "/api/settings", body);
    setBusy(false);
    if (res.ok && res.data?.settings) {
      setSettings(res.data.settings);
      setValues(toValues(res.data.settings));
      setNotice(t(L, "settings.saved"));
      queueMicrotask(() => document.getElementById("settings-notice")?.focus());
      return;
    }
    if (res.status === 401) return location.replace(props.signinHref);
    setConflict(res.status === 409);
    const pf = pathErrors(errOf(res), L);
    setFields(pf);
    setFormError(errorText(L, res.status, errOf(res)));
    const first = Object.keys(pf).find((k) => document.getElementById(fieldID(k)));
    if (first) document.getElementById(fieldID(first))?.focus();
  }

  /** Errors of a group path (e.g. a season as a whole) not tied to one input. */
  const groupError = (prefix: string) => fields()[prefix];

  const NumberField = (p: { path: string; label: string; unit: Key; hint?: string }) => {
    const id = fieldID(p.path);
    return (
      <div class="field">
        <label for={id}>{p.label}</label>
        <div class="input-unit">
          <input
            id={id}
            name={p.path}
            type="text"
            inputmode="numeric"
            autocomplete="off"
            value={values()[p.path] ?? ""}
            readOnly={!canEdit()}
            onInput={(e) => set(p.path, e.currentTarget.value)}
            {...invalid(fields()[p.path], `${id}-error`)}
          />
          <span>{t(L, p.unit)}</span>
        </div>
        <Show when={p.hint}>
          <p class="hint">{p.hint}</p>
        </Show>
        <FieldError id={`${id}-error`} msg={fields()[p.path]} />
      </div>
    );
  };

  const DayField = (p: { path: string; label: string }) => {
    const id = fieldID(p.path);
    return (
      <div class="field">
        <label for={id}>{p.label}</label>
        <input
          id={id}
          name={p.path}
          type="text"
          inputmode="numeric"
          autocomplete="off"
          placeholder="MM-DD"
          maxlength={5}
          value={values()[p.path] ?? ""}
          readOnly={!canEdit()}
          onInput={(e) => set(p.path, e.currentTarget.value)}
          {...invalid(fields()[p.path], `${id}-error`)}
        />
        <FieldError id={`${id}-error`} msg={fields()[p.path]} />
      </div>
    );
  };

  const sevLabel = (s: string) => t(L, `settings.severity.${s}` as Key);

  return (
    <div class="cust" data-status={status()}>
      <LoadState
        status={status()}
        loadingText={t(L, "customers.loadingShort")}
        errorId="settings-load-error"
        error={loadError()}
        retryText={t(L, "customers.retry")}
        onRetry={load}
      />
      <Show when={status() === "ready" && settings()}>
        <p class="last-change" id="settings-last-change">
          <Show when={settings()!.lastChange} fallback={t(L, "settings.neverChanged")}>
            {t(L, "settings.lastChange", {
              who: settings()!.lastChange!.by.name || settings()!.lastChange!.by.id || settings()!.lastChange!.by.type,
              at: formatInstant(settings()!.lastChange!.at),
            })}
          </Show>
        </p>
        <Show when={user() && !canEdit()}>
          <p class="alert alert--info" id="settings-readonly">
            {t(L, "settings.readOnly")}
          </p>
        </Show>
        <Show when={notice()}>
          <p class="alert alert--success" role="status" id="settings-notice" tabindex="-1">
            {notice()}
          </p>
        </Show>
        <form id="settings-form" novalidate onSubmit={submit} classList={{ "is-readonly": !canEdit() }}>
          <Show when={formError()}>
            <div class="alert alert--error" role="alert" id="settings-error">
              <p>{formError()}</p>
              <Show when={conflict()}>
                <button
                  type="button"
                  class="btn btn--secondary"
                  id="settings-reload"
                  onClick={() => {
                    setFormError("");
                    setConflict(false);
                    setFields({});
                    load();
                  }}
                >
                  {t(L, "customers.reload")}
                </button>
              </Show>
            </div>
          </Show>

          <section class="card" aria-labelledby="set-repair-title">
            <h2 id="set-repair-title">{t(L, "settings.group.repair")}</h2>
            <p class="card__intro">{t(L, "settings.group.repairIntro")}</p>
            <div class="form-grid">
              <NumberField path="defaultAgreedRepairDays" label={t(L, "settings.defaultAgreedRepairDays")} unit="settings.unit.days" hint={t(L, "settings.defaultAgreedRepairDaysHint")} />
            </div>
            <div class="sev-grid">
              <fieldset class="field sev-group">
                <legend>{t(L, "settings.escalationStepHours")}</legend>
                <p class="hint">{t(L, "settings.escalationHint")}</p>
                <For each={[...severities]}>
                  {(s) => <NumberField path={`escalationStepHours.${s}`} label={sevLabel(s)} unit="settings.unit.hours" />}
                </For>
                <FieldError id="settings-escalationStepHours-error" msg={groupError("escalationStepHours")} />
              </fieldset>
              <fieldset class="field sev-group">
                <legend>{t(L, "settings.warningLeadHours")}</legend>
                <p class="hint">{t(L, "settings.warningHint")}</p>
                <For each={[...severities]}>
                  {(s) => <NumberField path={`warningLeadHours.${s}`} label={sevLabel(s)} unit="settings.unit.hours" />}
                </For>
                <FieldError id="settings-warningLeadHours-error" msg={groupError("warningLeadHours")} />
              </fieldset>
            </div>
          </section>

          <section class="card" aria-labelledby="set-followup-title">
            <h2 id="set-followup-title">{t(L, "settings.group.followUp")}</h2>
            <div class="form-grid">
              <NumberField
                path="followUpIntervalDays"
                label={t(L, "settings.followUpIntervalDays")}
                unit="settings.unit.days"
                hint={t(L, "settings.followUpHint", { months: settings()!.followUpMonths })}
              />
            </div>
          </section>

          <section class="card" aria-labelledby="set-warranty-title">
            <h2 id="set-warranty-title">{t(L, "settings.group.warranty")}</h2>
            <div class="form-grid">
              <NumberField path="designLifeYears" label={t(L, "settings.designLifeYears")} unit="settings.unit.years" hint={t(L, "settings.designLifeHint")} />
              <NumberField path="defectsLiabilityMonths" label={t(L, "settings.defectsLiabilityMonths")} unit="settings.unit.months" hint={t(L, "settings.dlpHint")} />
            </div>
            <div class="sev-grid">
              <fieldset class="field sev-group">
                <legend>{t(L, "settings.heatingSeason")}</legend>
                <div class="form-grid form-grid--tight">
                  <DayField path="heatingSeason.start" label={t(L, "settings.seasonStart")} />
                  <DayField path="heatingSeason.end" label={t(L, "settings.seasonEnd")} />
                </div>
                <FieldError id="settings-heatingSeason-error" msg={groupError("heatingSeason")} />
              </fieldset>
              <fieldset class="field sev-group">
                <legend>{t(L, "settings.coolingSeason")}</legend>
                <div class="form-grid form-grid--tight">
                  <DayField path="coolingSeason.start" label={t(L, "settings.seasonStart")} />
                  <DayField path="coolingSeason.end" label={t(L, "settings.seasonEnd")} />
                </div>
                <FieldError id="settings-coolingSeason-error" msg={groupError("coolingSeason")} />
              </fieldset>
            </div>
            <p class="hint">{t(L, "settings.seasonHint")}</p>
          </section>

          <Show when={canEdit()}>
            <div class="btn-row sticky-actions">
              <button type="submit" class="btn" id="settings-submit" disabled={busy()}>
                {busy() ? t(L, "customers.saving") : t(L, "settings.save")}
              </button>
              <button
                type="button"
                class="btn btn--secondary"
                id="settings-reset"
                onClick={() => {
                  setValues(toValues(settings()!));
                  setFields({});
                  setFormError("");
                }}
              >
                {t(L, "settings.reset")}
              </button>
            </div>
          </Show>
        </form>
      </Show>
    </div>
  );
}
