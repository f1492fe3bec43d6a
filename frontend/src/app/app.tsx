import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { UserManager } from "oidc-client-ts";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router";

import { MunicipalitiesUnavailable } from "../components/municipalities-loaded";
import { LandingPage } from "../features/auth/landing-page";
import { CaseloadPage } from "../features/clients/components/caseload-page";
import { partyOf } from "../features/referrals/lifecycle";
import { CoachHome } from "../features/home/coach-home";
import { SystemStatus } from "../features/home/system-status";
import { AuthProvider, profileOf, useAuth } from "../lib/auth";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";

// Each page is its own chunk, fetched when its route is first shown: the coach's home (the caseload and the
// system status) loads only what it shows. The sign-in's return page too: it is shown once per sign-in, and its
// error notification is hds-react's (with react-spring), which the first chunk does without.
const CallbackPage = lazy(() =>
  import("../features/auth/callback-page").then((module) => ({ default: module.CallbackPage })),
);
const ClientPage = lazy(() =>
  import("../features/clients/components/client-page").then((module) => ({ default: module.ClientPage })),
);
const RegisterPage = lazy(() =>
  import("../features/clients/components/register-page").then((module) => ({ default: module.RegisterPage })),
);
const SearchPage = lazy(() =>
  import("../features/clients/components/search-page").then((module) => ({ default: module.SearchPage })),
);
const HomePage = lazy(() => import("../features/home/home-page").then((module) => ({ default: module.HomePage })));
const BoardPage = lazy(() =>
  import("../features/referrals/components/board-page").then((module) => ({ default: module.BoardPage })),
);
const DirectoryPage = lazy(() =>
  import("../features/referrals/components/directory-page").then((module) => ({ default: module.DirectoryPage })),
);
const InboxPage = lazy(() =>
  import("../features/referrals/components/inbox-page").then((module) => ({ default: module.InboxPage })),
);
const NetworkMapPage = lazy(() =>
  import("../features/referrals/components/network-map-page").then((module) => ({ default: module.NetworkMapPage })),
);
const ReferralPage = lazy(() =>
  import("../features/referrals/components/referral-page").then((module) => ({ default: module.ReferralPage })),
);
const OpenReferrals = lazy(() =>
  import("../features/referrals/components/open-referrals").then((module) => ({ default: module.OpenReferrals })),
);
const OpenOffers = lazy(() =>
  import("../features/employers/components/open-offers").then((module) => ({ default: module.OpenOffers })),
);
const ReferralsSection = lazy(() =>
  import("../features/referrals/components/referrals-section").then((module) => ({ default: module.ReferralsSection })),
);
const StatementsPage = lazy(() =>
  import("../features/statements/components/statements-page").then((module) => ({ default: module.StatementsPage })),
);
const StatementsSection = lazy(() =>
  import("../features/statements/components/statements-section").then((module) => ({
    default: module.StatementsSection,
  })),
);
const StatementRequestsSection = lazy(() =>
  import("../features/statements/components/statement-requests-section").then((module) => ({
    default: module.StatementRequestsSection,
  })),
);
const OwnServicesPage = lazy(() =>
  import("../features/partners").then((module) => ({ default: module.OwnServicesPage })),
);
const OrganisationsPage = lazy(() =>
  import("../features/partners").then((module) => ({ default: module.OrganisationsPage })),
);
const JointReferralSection = lazy(() =>
  import("../features/partners").then((module) => ({ default: module.JointReferralSection })),
);
const HandoversPage = lazy(() => import("../features/handover").then((module) => ({ default: module.HandoversPage })));
const HandoverSection = lazy(() =>
  import("../features/handover").then((module) => ({ default: module.HandoverSection })),
);
const PrivacyPage = lazy(() => import("../features/privacy").then((module) => ({ default: module.PrivacyPage })));
const MetricsPage = lazy(() => import("../features/metrics").then((module) => ({ default: module.MetricsPage })));
const ImportsPage = lazy(() => import("../features/metrics-data").then((module) => ({ default: module.ImportsPage })));
const BudgetPage = lazy(() => import("../features/metrics-data").then((module) => ({ default: module.BudgetPage })));
const EffectivenessPage = lazy(() =>
  import("../features/metrics-data").then((module) => ({ default: module.EffectivenessPage })),
);
const IntegrationPage = lazy(() =>
  import("../features/integration/components/integration-page").then((module) => ({
    default: module.IntegrationPage,
  })),
);
const EmployerPage = lazy(() =>
  import("../features/employers/components/employer-page").then((module) => ({ default: module.EmployerPage })),
);
const EmployersPage = lazy(() =>
  import("../features/employers/components/employers-page").then((module) => ({ default: module.EmployersPage })),
);
const EmployerServicesHome = lazy(() =>
  import("../features/employers/components/employer-services-home").then((module) => ({
    default: module.EmployerServicesHome,
  })),
);
const VacancyPage = lazy(() =>
  import("../features/employers/components/vacancy-page").then((module) => ({ default: module.VacancyPage })),
);
const SupportsPage = lazy(() =>
  import("../features/employers/components/supports-page").then((module) => ({ default: module.SupportsPage })),
);
const ClientVacancyMatches = lazy(() =>
  import("../features/employers/components/client-vacancy-matches").then((module) => ({
    default: module.ClientVacancyMatches,
  })),
);
const VacancyBoardPage = lazy(() =>
  import("../features/employers/components/vacancy-board-page").then((module) => ({
    default: module.VacancyBoardPage,
  })),
);
const AssignmentSection = lazy(() =>
  import("../features/coachwork/components/assignment-section").then((module) => ({
    default: module.AssignmentSection,
  })),
);
const CaseloadBalancePage = lazy(() =>
  import("../features/coachwork/components/caseload-balance-page").then((module) => ({
    default: module.CaseloadBalancePage,
  })),
);
const TeamsPage = lazy(() =>
  import("../features/coachwork/components/teams-page").then((module) => ({ default: module.TeamsPage })),
);
const SubsidyDaysSection = lazy(() =>
  import("../features/kela/components/subsidy-days-section").then((module) => ({
    default: module.SubsidyDaysSection,
  })),
);
const SubsidyImportPage = lazy(() =>
  import("../features/kela/components/subsidy-import-page").then((module) => ({
    default: module.SubsidyImportPage,
  })),
);
const CoachName = lazy(() =>
  import("../features/coachwork/components/coach-name").then((module) => ({ default: module.CoachName })),
);
const ScheduleChangesSection = lazy(() =>
  import("../features/coachwork/components/schedule-changes-section").then((module) => ({
    default: module.ScheduleChangesSection,
  })),
);
const SearchPeriodsSection = lazy(() =>
  import("../features/coachwork/components/search-periods-section").then((module) => ({
    default: module.SearchPeriodsSection,
  })),
);

function AuthenticatedRoutes() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  if (!ready) return null;
  if (!user) return <LandingPage />;
  const profile = profileOf(user);
  const isCoach = profile.roles?.includes("coach") ?? false;
  const isPartner = partyOf(profile.roles) === "partner";
  const isEmployerServices = profile.roles?.includes("employer_services") ?? false;
  // employer-api answers job offers to these roles.
  const readsOffers = profile.roles?.some((role) => ["coach", "employer_services", "manager"].includes(role)) ?? false;
  const me = { subject: user.profile.sub, name: profile.name };
  const viewer = { ...me, roles: profile.roles, organisationName: profile.org_name };
  return (
    <Layout>
      <MunicipalitiesUnavailable />
      <Suspense fallback={null}>
        <Routes>
          <Route
            index
            element={
              isPartner ? (
                <InboxPage />
              ) : isCoach ? (
                <>
                  <CaseloadPage coach={user.profile.sub} name={profile.name}>
                    <CoachHome me={user.profile.sub} />
                  </CaseloadPage>
                  <SystemStatus />
                </>
              ) : isEmployerServices ? (
                <EmployerServicesHome me={viewer} />
              ) : (
                <HomePage />
              )
            }
          />
          <Route path="clients" element={<SearchPage />} />
          <Route path="clients/new" element={<RegisterPage />} />
          <Route
            path="clients/:clientId"
            element={
              <ClientPage
                me={user.profile.sub}
                coachName={(subject, fallback) => (
                  <Suspense fallback={fallback}>
                    <CoachName subject={subject} fallback={fallback} />
                  </Suspense>
                )}
                highlights={(clientId) => (
                  <Suspense fallback={null}>
                    <OpenReferrals clientId={clientId} />
                    {readsOffers ? <OpenOffers clientId={clientId} me={viewer} /> : null}
                  </Suspense>
                )}
                sections={[
                  {
                    id: "job-search-periods",
                    title: t("coachwork.periods.title"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <SearchPeriodsSection clientId={clientId} me={me} />
                      </Suspense>
                    ),
                  },
                  {
                    id: "schedule-changes",
                    title: t("coachwork.scheduleChanges"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <ScheduleChangesSection clientId={clientId} me={me} />
                      </Suspense>
                    ),
                  },
                  {
                    id: "assignment",
                    title: t("coachwork.assign.title"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <AssignmentSection clientId={clientId} me={me} />
                      </Suspense>
                    ),
                  },
                  {
                    id: "subsidy-days",
                    title: t("kela.days.title"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <SubsidyDaysSection clientId={clientId} me={user.profile.sub} />
                      </Suspense>
                    ),
                  },
                  {
                    id: "referrals",
                    title: t("referral.clientTitle"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <ReferralsSection clientId={clientId} />
                      </Suspense>
                    ),
                  },
                  {
                    id: "vacancy-matches",
                    title: t("employers.clientMatches.title"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <ClientVacancyMatches clientId={clientId} canOffer={isCoach} />
                      </Suspense>
                    ),
                  },
                  {
                    id: "joint-referrals",
                    title: t("partners.joint.title"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <JointReferralSection clientId={clientId} me={me} />
                      </Suspense>
                    ),
                  },
                  {
                    id: "handover",
                    title: t("handover.create.title"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <HandoverSection clientId={clientId} me={me} />
                      </Suspense>
                    ),
                  },
                  {
                    id: "statements",
                    title: t("statements.title"),
                    content: (clientId) => (
                      <Suspense fallback={null}>
                        <StatementRequestsSection clientId={clientId} />
                        <StatementsSection clientId={clientId} />
                      </Suspense>
                    ),
                  },
                ]}
              />
            }
          />
          <Route path="statements" element={<StatementsPage />} />
          <Route path="caseloads" element={<CaseloadBalancePage />} />
          <Route path="teams" element={<TeamsPage me={me} />} />
          <Route path="subsidy-days" element={<SubsidyImportPage />} />
          <Route path="handovers" element={<HandoversPage me={me} />} />
          <Route path="own-services" element={<OwnServicesPage />} />
          <Route path="partners" element={<OrganisationsPage />} />
          <Route path="privacy" element={<PrivacyPage me={me} />} />
          <Route path="directory" element={<DirectoryPage />} />
          <Route path="referrals" element={isPartner ? <InboxPage /> : <BoardPage />} />
          <Route path="referrals/:referralId" element={<ReferralPage me={user.profile.sub} />} />
          <Route path="network-map" element={<NetworkMapPage />} />
          <Route path="employers" element={<EmployersPage me={viewer} />} />
          <Route path="employers/:employerId" element={<EmployerPage me={viewer} />} />
          <Route path="vacancies" element={<VacancyBoardPage me={viewer} />} />
          <Route path="vacancies/:vacancyId" element={<VacancyPage me={viewer} />} />
          <Route path="supports" element={<SupportsPage me={viewer} />} />
          <Route path="metrics/*" element={<MetricsPage />} />
          <Route path="imports" element={<ImportsPage me={me} />} />
          <Route path="budget" element={<BudgetPage />} />
          <Route path="effectiveness" element={<EffectivenessPage />} />
          <Route path="admin/integration" element={<IntegrationPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function App({ manager }: { manager: UserManager }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider manager={manager}>
        <BrowserRouter>
          <Routes>
            <Route
              path="/callback"
              element={
                <Suspense fallback={null}>
                  <CallbackPage />
                </Suspense>
              }
            />
            <Route path="/*" element={<AuthenticatedRoutes />} />
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </QueryClientProvider>
  );
}
