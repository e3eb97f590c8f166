// Server side (Astro frontmatter) only: the strings one public page needs, in its language.
// Islands receive them as a prop, so the browser gets one language of the `public.*` entries
// instead of the whole bilingual dictionary.
import { publicDict } from "../../dict/public";
import { t, type Locale } from "../../i18n";

export type PublicKey = keyof typeof publicDict | "error.network" | "error.unknown" | "error.rateLimited";
export type Msgs = Record<PublicKey, string>;

export function messagesFor(locale: Locale): Msgs {
  const out = {} as Msgs;
  for (const k of Object.keys(publicDict) as (keyof typeof publicDict)[]) out[k] = t(locale, k);
  for (const k of ["error.network", "error.unknown", "error.rateLimited"] as const) out[k] = t(locale, k);
  return out;
}
