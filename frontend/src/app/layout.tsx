import { Button, ButtonVariant } from "hds-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

import { LanguageSwitch } from "../components/language-switch";
import { profileOf, useAuth } from "../lib/auth";

interface NavigationItem {
  to: string;
  key: string;
  end?: boolean;
}

const STAFF_NAVIGATION: NavigationItem[] = [
  { to: "/", key: "nav.home", end: true },
  { to: "/clients", key: "nav.clients" },
  { to: "/referrals", key: "nav.referrals" },
  { to: "/directory", key: "nav.directory" },
  { to: "/employers", key: "nav.employers" },
  { to: "/metrics", key: "nav.metrics" },
];
const NETWORK_MAP: NavigationItem = { to: "/network-map", key: "nav.networkMap" };
const STATEMENTS: NavigationItem = { to: "/statements", key: "statements.nav" };
const CASELOAD_BALANCE: NavigationItem = { to: "/caseloads", key: "coachwork.balance.nav" };
/** A partner works on the referrals sent to it and its own services; nothing of the authority's clients. */
const PARTNER_NAVIGATION: NavigationItem[] = [
  { to: "/", key: "nav.inbox", end: true },
  { to: "/directory", key: "nav.ownServices" },
];

/** The main navigation for the signed-in user's roles. */
export function navigationFor(roles: readonly string[] | undefined): NavigationItem[] {
  const staff = roles?.some((role) => role === "coach" || role === "manager" || role === "admin") ?? false;
  if (!staff && roles?.includes("partner")) return PARTNER_NAVIGATION;
  if (!staff) return STAFF_NAVIGATION;
  const items = [...STAFF_NAVIGATION];
  items.splice(4, 0, NETWORK_MAP);
  items.splice(2, 0, STATEMENTS);
  // Managers balance the caseloads of their coaches and teams.
  if (roles?.some((role) => role === "manager" || role === "admin")) items.splice(3, 0, CASELOAD_BALANCE);
  return items;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const profile = profileOf(user);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header__brand">
          <span className="app-header__name">{t("app.name")}</span>
          <span className="app-header__tagline">{t("app.tagline")}</span>
        </div>
        <div className="app-header__actions">
          <LanguageSwitch />
          <p className="app-header__user" data-testid="signed-in-user">
            <span className="app-header__user-name">{profile.name}</span>
            <span className="app-header__organisation">{profile.org_name}</span>
          </p>
          <Button variant={ButtonVariant.Secondary} onClick={() => void logout()}>
            {t("auth.logout")}
          </Button>
        </div>
      </header>
      <nav className="app-nav" aria-label={t("app.mainNavigation")}>
        <ul>
          {navigationFor(profile.roles).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end ?? false}>
                {t(item.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
