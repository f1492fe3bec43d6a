import { useTranslation } from "react-i18next";

import { isStaff, profileOf, useAuth } from "../../lib/auth";
import { SystemStatus } from "./system-status";

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
          <SystemStatus />
        </>
      ) : (
        <p>{t("workplace.noSectionsYet")}</p>
      )}
    </>
  );
}
