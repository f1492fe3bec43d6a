import { User, UserManager, WebStorageStateStore } from "oidc-client-ts";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

import { setAccessToken } from "./api";

/** The token claims Polku uses (docs/contract.md). */
export interface PolkuProfile {
  name?: string;
  org_name?: string;
  roles?: string[];
}

export function createUserManager(origin: string = window.location.origin): UserManager {
  return new UserManager({
    authority: `${origin}/auth`,
    client_id: "polku-spa",
    redirect_uri: `${origin}/callback`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: "code",
    scope: "openid profile email",
    loadUserInfo: true,
    automaticSilentRenew: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

interface AuthState {
  user: User | null;
  ready: boolean;
  login: (returnTo?: string) => Promise<void>;
  logout: () => Promise<void>;
  completeLogin: () => Promise<string>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ manager, children }: { manager: UserManager; children: ReactNode }) {
  const [user, setCurrentUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  // The API client's token changes together with the user, before any screen renders: an effect of a screen runs
  // before its parents' effects, so a token handed over in an effect would miss the first page's requests (each
  // answered 401 and retried a second later).
  const setUser = useCallback((next: User | null) => {
    setAccessToken(next?.access_token ?? null);
    setCurrentUser(next);
  }, []);

  useEffect(() => {
    let active = true;
    void manager.getUser().then((stored) => {
      if (!active) return;
      setUser(stored && !stored.expired ? stored : null);
      setReady(true);
    });
    const onLoaded = (loaded: User) => setUser(loaded);
    const onUnloaded = () => setUser(null);
    manager.events.addUserLoaded(onLoaded);
    manager.events.addUserUnloaded(onUnloaded);
    manager.events.addAccessTokenExpired(onUnloaded);
    return () => {
      active = false;
      manager.events.removeUserLoaded(onLoaded);
      manager.events.removeUserUnloaded(onUnloaded);
      manager.events.removeAccessTokenExpired(onUnloaded);
    };
  }, [manager, setUser]);

  const login = useCallback(
    (returnTo?: string) =>
      manager.signinRedirect({
        state: { returnTo: returnTo ?? window.location.pathname },
        extraQueryParams: { ui_locales: document.documentElement.lang || "fi" },
      }),
    [manager],
  );
  const logout = useCallback(async () => {
    await manager.removeUser();
    await manager.signoutRedirect();
  }, [manager]);
  const completeLogin = useCallback(async () => {
    const signedIn = await manager.signinRedirectCallback();
    setUser(signedIn);
    const state = signedIn.state as { returnTo?: string } | undefined;
    return state?.returnTo && state.returnTo !== "/callback" ? state.returnTo : "/";
  }, [manager, setUser]);

  const value = useMemo(
    () => ({ user, ready, login, logout, completeLogin }),
    [user, ready, login, logout, completeLogin],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth outside AuthProvider");
  return state;
}

export function profileOf(user: User | null): PolkuProfile {
  return user?.profile ?? {};
}

/** Whether the roles are the authority's staff (coach, manager, admin), who use the client and referral sections. */
export function isStaff(roles: readonly string[] | undefined): boolean {
  return roles?.some((role) => role === "coach" || role === "manager" || role === "admin") ?? false;
}
