import { Notification } from "hds-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { useAuth } from "../../lib/auth";

export function CallbackPage() {
  const { t } = useTranslation();
  const { completeLogin } = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // the code can be exchanged only once (React runs effects twice in dev)
    started.current = true;
    completeLogin()
      .then((returnTo) => navigate(returnTo, { replace: true }))
      .catch(() => setFailed(true));
  }, [completeLogin, navigate]);

  return (
    <main id="main" className="landing">
      {failed ? (
        <Notification type="error" label={t("auth.signInFailed")}>
          <a href="/">{t("notFound.back")}</a>
        </Notification>
      ) : (
        <p role="status">{t("auth.signingIn")}</p>
      )}
    </main>
  );
}
