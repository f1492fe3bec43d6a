import { useTranslation } from "react-i18next";

import { profileOf, useAuth } from "../../lib/auth";
import { SystemStatus } from "./system-status";

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  return (
    <>
      <h1>{t("home.welcome", { name: profileOf(user).name ?? "" })}</h1>
      <p>{t("home.intro")}</p>
      <SystemStatus />
    </>
  );
}
