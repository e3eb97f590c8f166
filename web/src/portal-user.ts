import { createSignal, onCleanup, onMount, type Accessor } from "solid-js";
import type { User } from "./api";

/** Whether the user holds any of the roles (the portal only hides; the API refuses). */
export const hasRole = (user: User | undefined, wanted: readonly string[]) => !!user && user.roles.some((r) => wanted.includes(r));

/** The signed-in user, as announced by the shell (window.portalUser / "portal:user"). */
export function usePortalUser(): Accessor<User | undefined> {
  const [user, setUser] = createSignal<User | undefined>(typeof window === "undefined" ? undefined : window.portalUser);
  onMount(() => {
    if (window.portalUser) setUser(window.portalUser);
    const on = (e: Event) => setUser((e as CustomEvent<User>).detail);
    window.addEventListener("portal:user", on);
    onCleanup(() => window.removeEventListener("portal:user", on));
  });
  return user;
}
