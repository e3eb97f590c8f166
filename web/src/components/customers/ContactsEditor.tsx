import "../../dict/customers";
// Repeatable contact rows (role + name + title + phone + email), used by the new-customer form
// and the customer profile editor. Errors come keyed by full path ("contacts.1.phone").
import { For, Index, Show } from "solid-js";
import { t, type Key, type Locale } from "../../i18n";
import { FieldError, invalid } from "./common";

export const contactRoles = ["chairman_gm", "chief_engineer", "purchasing", "operations"] as const;
export type ContactRole = (typeof contactRoles)[number];
export type Contact = { role: ContactRole; name: string; title?: string; phone?: string; email?: string };
/** A row being edited: every field a string. */
export type ContactRow = { role: ContactRole; name: string; title: string; phone: string; email: string };

export const contactRoleLabel = (locale: Locale, role: string) => t(locale, `customers.contactRole.${role}` as Key);

export const toRows = (contacts: Contact[] | undefined): ContactRow[] =>
  (contacts ?? []).map((c) => ({ role: c.role, name: c.name, title: c.title ?? "", phone: c.phone ?? "", email: c.email ?? "" }));

/** Rows → API contacts: blank rows dropped, blank optional fields left out. */
export function fromRows(rows: ContactRow[]): Contact[] {
  return rows
    .filter((r) => r.name.trim() || r.title.trim() || r.phone.trim() || r.email.trim())
    .map((r) => {
      const c: Contact = { role: r.role, name: r.name.trim() };
      if (r.title.trim()) c.title = r.title.trim();
      if (r.phone.trim()) c.phone = r.phone.trim();
      if (r.email.trim()) c.email = r.email.trim();
      return c;
    });
}

/** Index in the API's list of row `i` (blank rows are not sent). */
export function sentIndex(rows: ContactRow[], i: number): number {
  let n = -1;
  for (let k = 0; k <= i; k++) if (rows[k]!.name.trim() || rows[k]!.title.trim() || rows[k]!.phone.trim() || rows[k]!.email.trim()) n++;
  return n;
}

export const blankRow = (role: ContactRole = "chairman_gm"): ContactRow => ({ role, name: "", title: "", phone: "", email: "" });

export default function ContactsEditor(props: {
  locale: Locale;
  idPrefix: string;
  rows: ContactRow[];
  onChange: (rows: ContactRow[]) => void;
  errors: Record<string, string>;
}) {
  const L = props.locale;
  const set = (i: number, patch: Partial<ContactRow>) => props.onChange(props.rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const remove = (i: number) => props.onChange(props.rows.filter((_, k) => k !== i));
  const add = () => {
    const used = new Set(props.rows.map((r) => r.role));
    props.onChange([...props.rows, blankRow(contactRoles.find((r) => !used.has(r)) ?? "operations")]);
    queueMicrotask(() => document.getElementById(`${props.idPrefix}-contact-${props.rows.length - 1}-name`)?.focus());
  };
  const err = (i: number, field: string) => {
    const n = sentIndex(props.rows, i);
    return n < 0 ? undefined : props.errors[`contacts.${n}.${field}`];
  };

  return (
    <fieldset class="field contacts-editor" id={`${props.idPrefix}-contacts`}>
      <legend>{t(L, "customers.contacts")}</legend>
      <p class="hint">{t(L, "customers.contactsHint")}</p>
      <FieldError id={`${props.idPrefix}-contacts-error`} msg={props.errors.contacts} />
      <Index each={props.rows}>
        {(row, i) => {
          const id = (f: string) => `${props.idPrefix}-contact-${i}-${f}`;
          return (
            <div class="contact-row" data-contact-row={i}>
              <div class="contact-row__grid">
                <div class="field">
                  <label for={id("role")}>{t(L, "customers.contact.role")}</label>
                  <select id={id("role")} value={row().role} onChange={(e) => set(i, { role: e.currentTarget.value as ContactRole })}>
                    <For each={[...contactRoles]}>{(r) => <option value={r}>{contactRoleLabel(L, r)}</option>}</For>
                  </select>
                </div>
                <div class="field">
                  <label for={id("name")}>{t(L, "customers.contact.name")}</label>
                  <input
                    id={id("name")}
                    type="text"
                    autocomplete="off"
                    value={row().name}
                    onInput={(e) => set(i, { name: e.currentTarget.value })}
                    {...invalid(err(i, "name"), id("name-error"))}
                  />
                  <FieldError id={id("name-error")} msg={err(i, "name")} />
                </div>
                <div class="field">
                  <label for={id("title")}>{t(L, "customers.contact.title")}</label>
                  <input
                    id={id("title")}
                    type="text"
                    autocomplete="off"
                    value={row().title}
                    onInput={(e) => set(i, { title: e.currentTarget.value })}
                    {...invalid(err(i, "title"), id("title-error"))}
                  />
                  <FieldError id={id("title-error")} msg={err(i, "title")} />
                </div>
                <div class="field">
                  <label for={id("phone")}>{t(L, "customers.contact.phone")}</label>
                  <input
                    id={id("phone")}
                    type="tel"
                    inputmode="tel"
                    autocomplete="off"
                    value={row().phone}
                    onInput={(e) => set(i, { phone: e.currentTarget.value })}
                    {...invalid(err(i, "phone"), id("phone-error"))}
                  />
                  <FieldError id={id("phone-error")} msg={err(i, "phone")} />
                </div>
                <div class="field">
                  <label for={id("email")}>{t(L, "customers.contact.email")}</label>
                  <input
                    id={id("email")}
                    type="email"
                    inputmode="email"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck={false}
                    value={row().email}
                    onInput={(e) => set(i, { email: e.currentTarget.value })}
                    {...invalid(err(i, "email"), id("email-error"))}
                  />
                  <FieldError id={id("email-error")} msg={err(i, "email")} />
                </div>
              </div>
              <button type="button" class="btn btn--link contact-row__remove" data-action="remove-contact" onClick={() => remove(i)}>
                {t(L, "customers.contact.remove")}
              </button>
            </div>
          );
        }}
      </Index>
      <Show when={props.rows.length < 20}>
        <button type="button" class="btn btn--secondary" id={`${props.idPrefix}-add-contact`} onClick={add}>
          + {t(L, "customers.contact.add")}
        </button>
      </Show>
    </fieldset>
  );
}
