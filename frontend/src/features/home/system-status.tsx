import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

/** The services behind the sections the SPA offers; employer-api and metrics-api have no section yet. */
const SERVICES = ["clients", "referrals"] as const;

async function isReady(service: string): Promise<boolean> {
  const response = await fetch(`/api/${service}/readyz`);
  return response.ok;
}

/** Whether each service answers; shown as text, not only colour. */
export function SystemStatus() {
  const { t } = useTranslation();
  const results = useQueries({
    queries: SERVICES.map((service) => ({
      queryKey: ["readyz", service],
      queryFn: () => isReady(service),
      refetchInterval: 30_000,
      retry: false,
    })),
  });
  return (
    <section aria-labelledby="status-title" className="status">
      <h2 id="status-title">{t("home.statusTitle")}</h2>
      <ul>
        {SERVICES.map((service, index) => {
          const result = results[index];
          const state = result.isPending ? "checking" : result.data ? "ok" : "down";
          const label = { checking: t("home.statusChecking"), ok: t("home.statusOk"), down: t("home.statusDown") }[
            state
          ];
          return (
            <li key={service} className={`status__item status__item--${state}`}>
              <span>{t(`home.service.${service}`)}</span>: <strong>{label}</strong>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
