// The customer's repair form (/repair/#token, no account). The token lives in the URL fragment
// and travels only in the `x-link-token` header:
//   GET  /api/public/repair          → { projectName, categories: [{ key, label }], severities }
//   POST /api/public/repair/uploads  → { attachment, upload: { url, method, headers } } → PUT file
//   POST /api/public/repair          → 201 { number, trackingToken, trackingURL }
import { createSignal, For, onCleanup, onMount, Show, type Accessor, type Setter } from "solid-js";
import {
  apiFieldErrors,
  call,
  contentTypeOf,
  copyText,
  EMAIL_RE,
  errorMessage,
  focusFirstInvalid,
  isInvalidLink,
  watchToken,
  PHONE_RE,
  tokenFromHash,
  translator,
  uploadFile,
  type Lang,
} from "./client";
import LinkProblem from "./LinkProblem";
import type { Msgs, PublicKey } from "./strings";

type Severity = "emergency" | "small" | "general" | "difficult";
const SEVERITIES: Severity[] = ["emergency", "small", "general", "difficult"];
const MAX_PHOTOS = 6;

type Category = { key: string; label: { "zh-CN": string; en: string } };
type PhotoStatus = "uploading" | "done" | "error";
type Photo = {
  key: number;
  name: string;
  url: string;
  status: Accessor<PhotoStatus>;
  setStatus: Setter<PhotoStatus>;
  error: Accessor<string>;
  setError: Setter<string>;
  attachmentID?: string;
};
type Done = { number: string; trackingLink: string; email?: string };

/** API field path → the id of the input (and of its "<id>-error" message). */
function uiField(path: string): string {
  if (path.startsWith("photos")) return "photos";
  if (path.startsWith("contact.")) return "contact-" + path.slice(8).split(".")[0];
  if (path === "contact") return "contact-name";
  return path.split(".")[0]!;
}
const KNOWN = new Set(["description", "location", "category", "urgency", "photos", "contact-name", "contact-phone", "contact-email"]);

export default function RepairForm(props: { locale: Lang; msgs: Msgs; trackPath: string }) {
  const L = props.locale;
  const tr = translator(props.msgs);
  const [phase, setPhase] = createSignal<"loading" | "invalid" | "failed" | "form" | "done">("loading");
  const [invalidText, setInvalidText] = createSignal("");
  const [loadError, setLoadError] = createSignal("");
  const [projectName, setProjectName] = createSignal("");
  const [categories, setCategories] = createSignal<Category[]>([]);
  const [severities, setSeverities] = createSignal<Severity[]>(SEVERITIES);

  const [description, setDescription] = createSignal("");
  const [location_, setLocation] = createSignal("");
  const [category, setCategory] = createSignal("");
  const [urgency, setUrgency] = createSignal<Severity | "">("");
  const [photos, setPhotos] = createSignal<Photo[]>([]);
  const [name, setName] = createSignal("");
  const [phone, setPhone] = createSignal("");
  const [email, setEmail] = createSignal("");

  const [busy, setBusy] = createSignal(false);
  const [formError, setFormError] = createSignal("");
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [photoNote, setPhotoNote] = createSignal("");
  const [done, setDone] = createSignal<Done | null>(null);
  const [copyState, setCopyState] = createSignal<"" | "copied" | "failed">("");

  let token = "";
  let seq = 0;
  let formEl: HTMLFormElement | undefined;
  let fileInput: HTMLInputElement | undefined;
  let doneHeading: HTMLHeadingElement | undefined;

  const uploading = () => photos().some((p) => p.status() === "uploading");
  const err = (k: string) => fields()[k];
  const clearField = (k: string) => {
    if (fields()[k]) {
      const next = { ...fields() };
      delete next[k];
      setFields(next);
      // every marked field fixed: the summary at the top has nothing left to say
      if (!Object.keys(next).length && formError() === tr("public.repair.fixErrors")) setFormError("");
    }
  };
  const invalid = (text?: string) => {
    setInvalidText(text || "");
    setPhase("invalid");
  };

  async function load() {
    setPhase("loading");
    const res = await call<{ projectName: string; categories: Category[]; severities?: Severity[] }>(token, "GET", "/api/public/repair");
    if (res.ok) {
      setProjectName(res.data.projectName || "");
      setCategories(res.data.categories || []);
      const sev = (res.data.severities || []).filter((s) => SEVERITIES.includes(s));
      setSeverities(sev.length ? sev : SEVERITIES);
      setPhase("form");
    } else if (isInvalidLink(res)) {
      invalid();
    } else {
      setLoadError(errorMessage(tr, L, res.status, res.error));
      setPhase("failed");
    }
  }

  onMount(() => {
    watchToken();
    token = tokenFromHash();
    if (!token) {
      invalid(tr("public.invalid.noToken"));
      return;
    }
    void load();
  });
  onCleanup(() => photos().forEach((p) => URL.revokeObjectURL(p.url)));

  // ---------------------------------------------------------------- photos

  function onFiles(e: Event & { currentTarget: HTMLInputElement }) {
    const input = e.currentTarget;
    const files = Array.from(input.files ?? []);
    input.value = ""; // the same file can be picked again after removing it
    if (!files.length) return;
    setPhotoNote("");
    clearField("photos");
    const room = MAX_PHOTOS - photos().length;
    const taken = files.slice(0, Math.max(0, room));
    if (files.length > taken.length) setPhotoNote(tr("public.repair.photoTooMany", { n: files.length - taken.length }));
    const added: Photo[] = taken.map((file) => {
      const [status, setStatus] = createSignal<PhotoStatus>("uploading");
      const [error, setError] = createSignal("");
      const photo: Photo = { key: ++seq, name: file.name || "photo", url: URL.createObjectURL(file), status, setStatus, error, setError };
      void upload(photo, file);
      return photo;
    });
    setPhotos([...photos(), ...added]);
  }

  async function upload(photo: Photo, file: File) {
    const type = contentTypeOf(file);
    if (type === "application/pdf") {
      photo.setError(tr("public.v.imageType"));
      photo.setStatus("error");
      return;
    }
    const res = await uploadFile(tr, L, token, "/api/public/repair/uploads", file);
    if (!photos().includes(photo)) return; // removed meanwhile
    if (res.ok) {
      photo.attachmentID = res.attachmentID;
      photo.setStatus("done");
    } else {
      if (res.invalidLink) return invalid();
      photo.setError(res.message);
      photo.setStatus("error");
    }
  }

  function removePhoto(photo: Photo) {
    URL.revokeObjectURL(photo.url);
    setPhotos(photos().filter((p) => p !== photo));
    setPhotoNote("");
    clearField("photos");
    fileInput?.focus();
  }

  // ---------------------------------------------------------------- submit

  function validate(): Record<string, string> {
    const f: Record<string, string> = {};
    const need = (k: string, v: string, max: number) => {
      const s = v.trim();
      if (!s) f[k] = tr("public.v.required");
      else if (s.length > max) f[k] = tr("public.v.tooLong", { n: max });
    };
    need("description", description(), 1000);
    need("location", location_(), 200);
    if (!category()) f.category = tr("public.v.choose");
    if (!urgency()) f.urgency = tr("public.v.choose");
    need("contact-name", name(), 40);
    const p = phone().trim();
    if (!p) f["contact-phone"] = tr("public.v.required");
    else if (!PHONE_RE.test(p)) f["contact-phone"] = tr("public.v.phone");
    const m = email().trim();
    if (m && (!EMAIL_RE.test(m) || m.length > 254)) f["contact-email"] = tr("public.v.email");
    if (photos().some((x) => x.status() === "error")) f.photos = tr("public.repair.photosFailedBlock");
    return f;
  }

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (busy() || uploading()) return;
    setFormError("");
    const f = validate();
    setFields(f);
    if (Object.keys(f).length) {
      setFormError(tr("public.repair.fixErrors"));
      focusFirstInvalid(formEl);
      return;
    }
    setBusy(true);
    const contactEmail = email().trim();
    const res = await call<{ number: string; trackingToken?: string; trackingURL?: string }>(token, "POST", "/api/public/repair", {
      description: description().trim(),
      location: location_().trim(),
      category: category(),
      urgency: urgency(),
      photos: photos()
        .filter((x) => x.status() === "done" && x.attachmentID)
        .map((x) => x.attachmentID!),
      contact: { name: name().trim(), phone: phone().trim(), email: contactEmail },
    });
    setBusy(false);
    if (res.ok) {
      const tk = res.data.trackingToken;
      const link = tk ? `${location.origin}${props.trackPath}#${tk}` : res.data.trackingURL || "";
      setDone({ number: res.data.number, trackingLink: link, email: contactEmail || undefined });
      setPhase("done");
      photos().forEach((x) => URL.revokeObjectURL(x.url));
      setPhotos([]);
      window.scrollTo(0, 0);
      queueMicrotask(() => doneHeading?.focus());
      return;
    }
    if (isInvalidLink(res)) return invalid();
    const api = apiFieldErrors(res.error, L);
    const mapped: Record<string, string> = {};
    const other: string[] = [];
    for (const [path, msg] of Object.entries(api)) {
      const k = uiField(path);
      if (KNOWN.has(k)) mapped[k] = mapped[k] ? `${mapped[k]} ${msg}` : msg;
      else other.push(msg);
    }
    setFields(mapped);
    const base = errorMessage(tr, L, res.status, res.error);
    setFormError(other.length ? `${base} ${other.join(" ")}` : base);
    if (Object.keys(mapped).length) focusFirstInvalid(formEl);
    else document.getElementById("form-error")?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function reportAnother() {
    setDescription("");
    setLocation("");
    setCategory("");
    setUrgency("");
    setFields({});
    setFormError("");
    setPhotoNote("");
    setCopyState("");
    setDone(null);
    setPhase("form");
    window.scrollTo(0, 0);
  }

  async function onCopy() {
    const d = done();
    if (!d) return;
    setCopyState((await copyText(d.trackingLink)) ? "copied" : "failed");
  }

  // ---------------------------------------------------------------- view

  const describedBy = (k: string, hint?: string) => [err(k) ? `${k}-error` : "", hint ?? ""].filter(Boolean).join(" ") || undefined;
  const FieldError = (p: { k: string }) => (
    <Show when={err(p.k)}>
      <p class="field-error" id={`${p.k}-error`}>
        {err(p.k)}
      </p>
    </Show>
  );
  const Req = () => (
    <span class="req" aria-hidden="true">
      *
    </span>
  );
  const Opt = () => <span class="opt">{tr("public.optional")}</span>;

  return (
    <div class="pub-island">
      <Show when={phase() === "loading"}>
        <p class="pub-loading" role="status">
          <span class="spinner" aria-hidden="true" />
          {tr("public.repair.loading")}
        </p>
      </Show>

      <LinkProblem phase={phase()} invalidText={invalidText()} loadError={loadError()} tr={tr} onRetry={() => void load()} />

      <Show when={phase() === "done" && done()}>
        {(d) => (
          <section class="card pub-card repair-done" id="repair-done" aria-labelledby="repair-done-title">
            <div class="pub-icon pub-icon--ok" aria-hidden="true">
              ✓
            </div>
            <h1 id="repair-done-title" tabindex="-1" ref={doneHeading}>
              {tr("public.success.title")}
            </h1>
            <p class="done-number">
              <span class="done-number__label">{tr("public.success.number")}</span>
              <strong id="ticket-number">{d().number}</strong>
            </p>
            <Show when={d().email}>
              <p class="muted" id="email-note">
                {tr("public.success.emailSent", { email: d().email! })}
              </p>
            </Show>
            <h2 class="done-link-title">{tr("public.success.linkLabel")}</h2>
            <p class="muted">{tr("public.success.linkIntro")}</p>
            <p class="done-link">
              <a id="tracking-link" href={d().trackingLink} rel="noreferrer">
                {d().trackingLink}
              </a>
            </p>
            <div class="pub-actions">
              <button type="button" class="btn btn--secondary btn--block" id="copy-link" onClick={onCopy}>
                {copyState() === "copied" ? `✓ ${tr("public.success.copied")}` : tr("public.success.copy")}
              </button>
              <a class="btn btn--block" id="open-tracking" href={d().trackingLink} rel="noreferrer">
                {tr("public.success.open")}
              </a>
            </div>
            <p class="visually-hidden" role="status">
              {copyState() === "copied" ? tr("public.success.copied") : ""}
            </p>
            <Show when={copyState() === "failed"}>
              <p class="field-error" role="alert">
                {tr("public.success.copyFailed")}
              </p>
            </Show>
            <p class="alert alert--warn private-note" id="private-note">
              {tr("public.success.private")}
            </p>
            <button type="button" class="btn btn--link" id="report-another" onClick={reportAnother}>
              {tr("public.success.another")}
            </button>
          </section>
        )}
      </Show>

      <Show when={phase() === "form"}>
        <div class="pub-head">
          <h1>{tr("public.repair.title")}</h1>
          <Show when={projectName()}>
            <p class="pub-project">
              <span class="muted">{tr("public.repair.project")}{tr("public.colon")}</span>
              <strong id="project-name">{projectName()}</strong>
            </p>
          </Show>
          <p class="muted">{tr("public.repair.intro")}</p>
        </div>

        <form id="repair-form" ref={formEl} novalidate onSubmit={onSubmit} aria-busy={busy() ? "true" : undefined}>
          <Show when={formError()}>
            <p class="alert alert--error" id="form-error" role="alert">
              {formError()}
            </p>
          </Show>

          <section class="card pub-card" aria-labelledby="sec-problem">
            <h2 id="sec-problem">{tr("public.repair.sectionProblem")}</h2>

            <div class="field">
              <label for="description">
                {tr("public.repair.description")} <Req />
              </label>
              <textarea
                id="description"
                name="description"
                rows={4}
                maxlength={1000}
                required
                value={description()}
                onInput={(e) => {
                  setDescription(e.currentTarget.value);
                  clearField("description");
                }}
                aria-invalid={err("description") ? "true" : undefined}
                aria-describedby={describedBy("description", "description-hint")}
              />
              <p class="hint" id="description-hint">
                {tr("public.repair.descriptionHint")}
              </p>
              <FieldError k="description" />
            </div>

            <div class="field">
              <label for="location">
                {tr("public.repair.location")} <Req />
              </label>
              <input
                id="location"
                name="location"
                type="text"
                maxlength={200}
                required
                autocomplete="off"
                value={location_()}
                onInput={(e) => {
                  setLocation(e.currentTarget.value);
                  clearField("location");
                }}
                aria-invalid={err("location") ? "true" : undefined}
                aria-describedby={describedBy("location", "location-hint")}
              />
              <p class="hint" id="location-hint">
                {tr("public.repair.locationHint")}
              </p>
              <FieldError k="location" />
            </div>

            <div class="field">
              <label for="category">
                {tr("public.repair.category")} <Req />
              </label>
              <select
                id="category"
                name="category"
                required
                value={category()}
                onChange={(e) => {
                  setCategory(e.currentTarget.value);
                  clearField("category");
                }}
                aria-invalid={err("category") ? "true" : undefined}
                aria-describedby={describedBy("category")}
              >
                <option value="" disabled selected={!category()}>
                  {tr("public.repair.categoryChoose")}
                </option>
                <For each={categories()}>
                  {(c) => (
                    <option value={c.key} selected={category() === c.key}>
                      {c.label?.[L] || c.label?.["zh-CN"] || c.key}
                    </option>
                  )}
                </For>
              </select>
              <FieldError k="category" />
            </div>

            <fieldset class="field" aria-describedby={describedBy("urgency")}>
              <legend>
                {tr("public.repair.urgency")} <Req />
              </legend>
              <div class="urgency-grid">
                <For each={severities()}>
                  {(s, i) => (
                    <label class="urgency-card" for={`urgency-${s}`} data-severity={s}>
                      <input
                        type="radio"
                        name="urgency"
                        id={`urgency-${s}`}
                        value={s}
                        required
                        checked={urgency() === s}
                        onChange={() => {
                          setUrgency(s);
                          clearField("urgency");
                        }}
                        aria-invalid={err("urgency") && i() === 0 ? "true" : undefined}
                        aria-describedby={`urgency-${s}-desc`}
                      />
                      <span class="urgency-card__body">
                        <span class="urgency-card__title">{tr(`public.urgency.${s}` as PublicKey)}</span>
                        <span class="urgency-card__desc" id={`urgency-${s}-desc`}>
                          {tr(`public.urgency.${s}.desc` as PublicKey)}
                        </span>
                      </span>
                    </label>
                  )}
                </For>
              </div>
              <FieldError k="urgency" />
            </fieldset>

            <div class="field photos-field">
              <span class="label" id="photos-label">
                {tr("public.repair.photos")} <Opt />
              </span>
              <p class="hint" id="photos-hint">
                {tr("public.repair.photosHint")}
              </p>
              <ul class="photo-grid" aria-labelledby="photos-label">
                <For each={photos()}>
                  {(p) => (
                    <li
                      class="photo-item"
                      classList={{
                        "photo-thumb": p.status() === "done",
                        "photo-item--uploading": p.status() === "uploading",
                        "photo-item--failed": p.status() === "error",
                      }}
                      data-status={p.status()}
                    >
                      <div class="photo-item__frame">
                        <img src={p.url} alt={p.name} loading="lazy" onError={(e) => (e.currentTarget.style.visibility = "hidden")} />
                        <Show when={p.status() === "uploading"}>
                          <span class="photo-item__overlay" role="status">
                            <span class="spinner" aria-hidden="true" />
                            <span class="visually-hidden">{tr("public.repair.photoUploading")}</span>
                          </span>
                        </Show>
                        <button
                          type="button"
                          class="photo-remove"
                          aria-label={tr("public.repair.photoRemove", { name: p.name })}
                          title={tr("public.repair.photoRemove", { name: p.name })}
                          onClick={() => removePhoto(p)}
                        >
                          ×
                        </button>
                      </div>
                      <Show when={p.status() === "error"}>
                        <p class="photo-error" role="alert">
                          <span class="photo-error__name">{p.name}</span>
                          {p.error() || tr("public.repair.photoFailed")}
                        </p>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <input
                ref={fileInput}
                id="photos"
                name="photos"
                type="file"
                class="visually-hidden file-input"
                accept="image/*"
                capture="environment"
                multiple
                disabled={photos().length >= MAX_PHOTOS}
                onChange={onFiles}
                aria-invalid={err("photos") ? "true" : undefined}
                aria-describedby={describedBy("photos", "photos-hint")}
              />
              <label for="photos" class="btn btn--secondary btn--block photo-add" aria-disabled={photos().length >= MAX_PHOTOS ? "true" : undefined}>
                <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                  <path
                    fill="currentColor"
                    d="M9 3 7.2 5H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6z"
                  />
                </svg>
                {tr("public.repair.addPhotos")}
              </label>
              <p class="hint" id="photo-count" aria-live="polite">
                {tr("public.repair.photoCount", { n: photos().length })}
              </p>
              <Show when={photoNote()}>
                <p class="field-error" id="photos-note">
                  {photoNote()}
                </p>
              </Show>
              <FieldError k="photos" />
            </div>
          </section>

          <section class="card pub-card" aria-labelledby="sec-contact">
            <h2 id="sec-contact">{tr("public.repair.sectionContact")}</h2>
            <div class="field">
              <label for="contact-name">
                {tr("public.repair.contactName")} <Req />
              </label>
              <input
                id="contact-name"
                name="name"
                type="text"
                maxlength={40}
                autocomplete="name"
                required
                value={name()}
                onInput={(e) => {
                  setName(e.currentTarget.value);
                  clearField("contact-name");
                }}
                aria-invalid={err("contact-name") ? "true" : undefined}
                aria-describedby={describedBy("contact-name")}
              />
              <FieldError k="contact-name" />
            </div>
            <div class="field">
              <label for="contact-phone">
                {tr("public.repair.contactPhone")} <Req />
              </label>
              <input
                id="contact-phone"
                name="phone"
                type="tel"
                inputmode="tel"
                autocomplete="tel"
                maxlength={20}
                required
                value={phone()}
                onInput={(e) => {
                  setPhone(e.currentTarget.value);
                  clearField("contact-phone");
                }}
                aria-invalid={err("contact-phone") ? "true" : undefined}
                aria-describedby={describedBy("contact-phone", "contact-phone-hint")}
              />
              <p class="hint" id="contact-phone-hint">
                {tr("public.repair.contactPhoneHint")}
              </p>
              <FieldError k="contact-phone" />
            </div>
            <div class="field">
              <label for="contact-email">
                {tr("public.repair.contactEmail")} <Opt />
              </label>
              <input
                id="contact-email"
                name="email"
                type="email"
                inputmode="email"
                autocomplete="email"
                autocapitalize="off"
                spellcheck={false}
                maxlength={254}
                value={email()}
                onInput={(e) => {
                  setEmail(e.currentTarget.value);
                  clearField("contact-email");
                }}
                aria-invalid={err("contact-email") ? "true" : undefined}
                aria-describedby={describedBy("contact-email", "contact-email-hint")}
              />
              <p class="hint" id="contact-email-hint">
                {tr("public.repair.contactEmailHint")}
              </p>
              <FieldError k="contact-email" />
            </div>
          </section>

          <button id="submit-repair" class="btn btn--block btn--big" type="submit" disabled={busy() || uploading()}>
            {busy() ? tr("public.repair.submitting") : uploading() ? tr("public.repair.waitUploads") : tr("public.repair.submit")}
          </button>
        </form>
      </Show>
    </div>
  );
}
