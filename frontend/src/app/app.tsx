import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { UserManager } from "oidc-client-ts";
import { useEffect, useState } from "react";
import { BrowserRouter, Route, Routes } from "react-router";

import { CallbackPage } from "../features/auth/callback-page";
import { LandingPage } from "../features/auth/landing-page";
import { HomePage } from "../features/home/home-page";
import { PlaceholderPage } from "../features/placeholder/placeholder-page";
import { setAccessToken } from "../lib/api";
import { AuthProvider, useAuth } from "../lib/auth";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";

function AuthenticatedRoutes() {
  const { user, ready } = useAuth();
  useEffect(() => setAccessToken(user?.access_token ?? null), [user]);
  if (!ready) return null;
  if (!user) return <LandingPage />;
  return (
    <Layout>
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="clients/*" element={<PlaceholderPage section="clients" />} />
        <Route path="referrals/*" element={<PlaceholderPage section="referrals" />} />
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
