import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { UserManager } from "oidc-client-ts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router";

import { CallbackPage } from "../features/auth/callback-page";
import { LandingPage } from "../features/auth/landing-page";
import { CaseloadPage } from "../features/clients/components/caseload-page";
import { ClientPage } from "../features/clients/components/client-page";
import { RegisterPage } from "../features/clients/components/register-page";
import { SearchPage } from "../features/clients/components/search-page";
import { HomePage } from "../features/home/home-page";
import { BoardPage } from "../features/referrals/components/board-page";
import { DirectoryPage } from "../features/referrals/components/directory-page";
import { InboxPage } from "../features/referrals/components/inbox-page";
import { NetworkMapPage } from "../features/referrals/components/network-map-page";
import { ReferralPage } from "../features/referrals/components/referral-page";
import { ReferralsSection } from "../features/referrals/components/referrals-section";
import { partyOf } from "../features/referrals/lifecycle";
import { SystemStatus } from "../features/home/system-status";
import { PlaceholderPage } from "../features/placeholder/placeholder-page";
import { setAccessToken } from "../lib/api";
import { AuthProvider, profileOf, useAuth } from "../lib/auth";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";

function AuthenticatedRoutes() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  useEffect(() => setAccessToken(user?.access_token ?? null), [user]);
  if (!ready) return null;
  if (!user) return <LandingPage />;
  const profile = profileOf(user);
  const isCoach = profile.roles?.includes("coach") ?? false;
  const isPartner = partyOf(profile.roles) === "partner";
  return (
    <Layout>
      <Routes>
        <Route
          index
          element={
            isPartner ? (
              <InboxPage />
            ) : isCoach ? (
              <>
                <CaseloadPage coach={user.profile.sub} name={profile.name} />
                <SystemStatus />
              </>
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
              sections={[
                {
                  id: "referrals",
                  title: t("referral.clientTitle"),
                  content: (clientId) => <ReferralsSection clientId={clientId} />,
                },
              ]}
            />
          }
        />
        <Route path="directory" element={<DirectoryPage />} />
        <Route path="referrals" element={isPartner ? <InboxPage /> : <BoardPage />} />
        <Route path="referrals/:referralId" element={<ReferralPage me={user.profile.sub} />} />
        <Route path="network-map" element={<NetworkMapPage />} />
        <Route path="employers/*" element={<PlaceholderPage section="employers" />} />
        <Route path="metrics/*" element={<PlaceholderPage section="metrics" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
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
            <Route path="/callback" element={<CallbackPage />} />
            <Route path="/*" element={<AuthenticatedRoutes />} />
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </QueryClientProvider>
  );
}
