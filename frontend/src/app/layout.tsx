import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

import { Button } from "../components/button";
import { LanguageSwitch } from "../components/language-switch";
import { isStaff, profileOf, useAuth } from "../lib/auth";

interface NavigationItem {
  to: string;
  key: string;
  end?: boolean;
}

/**
 * Staff work with clients and referrals, and read the employers and vacancies (a coach offers vacancies to clients).
 */
const STAFF_NAVIGATION: NavigationItem[] = [
  { to: "/", key: "nav.home", end: true },
  { to: "/clients", key: "nav.clients" },
  { to: "/statements", key: "statements.nav" },
  { to: "/handovers", key: "handover.nav" },
  { to: "/referrals", key: "nav.referrals" },
  { to: "/directory", key: "nav.directory" },
  { to: "/network-map", key: "nav.networkMap" },
  { to: "/employers", key: "nav.employers" },
  { to: "/vacancies", key: "employers.board.title" },
];
/** Employer services work with the employer register, the vacancies and the supports with the money committed. */
const EMPLOYER_SERVICES_NAVIGATION: NavigationItem[] = [
  { to: "/", key: "nav.home", end: true },
  { to: "/employers", key: "nav.employers" },
  { to: "/vacancies", key: "employers.board.title" },
  { to: "/supports", key: "employers.supports.nav" },
];
/** Managers and the authority's administrators also balance the caseloads and follow the indicators. */
const MANAGER_NAVIGATION: NavigationItem[] = [
  ...STAFF_NAVIGATION.slice(0, 3),
  { to: "/caseloads", key: "coachwork.balance.nav" },
  { to: "/teams", key: "coachwork.teams.nav" },
  ...STAFF_NAVIGATION.slice(3),
  { to: "/supports", key: "employers.supports.nav" },
  { to: "/metrics", key: "nav.metrics" },
  { to: "/effectiveness", key: "metricsData.nav.effectiveness" },
  { to: "/budget", key: "metricsData.nav.budget" },
  { to: "/imports", key: "metricsData.nav.imports" },
  { to: "/subsidy-days", key: "kela.import.nav" },
];
/** The authority's administrators also register the partner organisations, maintain the partners' services and
 * follow the exchange with the national platform. */
const ADMIN_NAVIGATION: NavigationItem[] = [
  ...MANAGER_NAVIGATION,
  { to: "/partners", key: "partners.nav" },
  { to: "/own-services", key: "partners.navServices" },
  { to: "/admin/integration", key: "integration.nav" },
];
/** A partner works on the referrals sent to it and publishes its own services; nothing of the authority's clients. */
const PARTNER_NAVIGATION: NavigationItem[] = [
  { to: "/", key: "nav.inbox", end: true },
  { to: "/own-services", key: "nav.ownServices" },
];
/** The data protection officer reads a client's audit trail and exports their personal data. */
const DPO_NAVIGATION: NavigationItem[] = [
  { to: "/", key: "nav.home", end: true },
  { to: "/privacy", key: "privacy.nav" },
];
/** A role with no section of its own has only its home. */
const HOME_ONLY: NavigationItem[] = [{ to: "/", key: "nav.home", end: true }];

/** The main navigation for the signed-in user's roles: only what they can use. */
export function navigationFor(roles: readonly string[] | undefined): NavigationItem[] {
  if (roles?.includes("admin")) return ADMIN_NAVIGATION;
  if (roles?.includes("manager")) return MANAGER_NAVIGATION;
  if (isStaff(roles)) return STAFF_NAVIGATION;
  if (roles?.includes("employer_services")) return EMPLOYER_SERVICES_NAVIGATION;
  if (roles?.includes("partner")) return PARTNER_NAVIGATION;
  if (roles?.includes("dpo")) return DPO_NAVIGATION;
  return HOME_ONLY;
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
          <Button variant="secondary" onClick={() => void logout()}>
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
