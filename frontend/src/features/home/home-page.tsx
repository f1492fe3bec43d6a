import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";

import { isStaff, profileOf, useAuth } from "../../lib/auth";
import { SystemStatus } from "./system-status";

// The headline indicators of managers and administrators, loaded with the metrics section's code only for them.
const ManagerHome = lazy(() => import("../metrics").then((module) => ({ default: module.ManagerHome })));

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const profile = profileOf(user);
  return (
    <>
      <h1>{t("home.welcome", { name: profile.name ?? "" })}</h1>
      {isStaff(profile.roles) ? (
        <>
          <p>{t("home.intro")}</p>
          {profile.roles?.some((role) => role === "manager" || role === "admin") ? (
            <Suspense fallback={null}>
              <ManagerHome />
            </Suspense>
          ) : null}
          <SystemStatus />
        </>
      ) : (
        <p>{t("workplace.noSectionsYet")}</p>
      )}
    </>
  );
}
