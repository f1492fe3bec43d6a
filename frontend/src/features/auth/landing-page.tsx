import { useTranslation } from "react-i18next";

import { Button } from "../../components/button";
import { LanguageSwitch } from "../../components/language-switch";
import { useAuth } from "../../lib/auth";

export function LandingPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  return (
    <main id="main" className="landing">
      <LanguageSwitch />
      <h1>{t("auth.landingTitle")}</h1>
      <p>{t("auth.landingText")}</p>
      <Button onClick={() => void login()}>{t("auth.login")}</Button>
    </main>
  );
}
