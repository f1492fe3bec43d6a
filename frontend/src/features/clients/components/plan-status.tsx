import { useTranslation } from "react-i18next";

import { formatDate } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { usePlanStatus } from "../api/get-plan-status";

/**
 * Whether the client's plan is up to date today (*ajantasainen suunnitelma*), why not, and beside it the definition
 * the service computes by (there is no official one), in the reader's language.
 */
export function PlanStatus({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const status = usePlanStatus(clientId);
  // Beside the plan, not the plan itself: a failure to read it is said quietly, not as an alert.
  if (status.isError)
    return (
      <p className="note">
        {t("planStatus.loadFailed")} {loadErrorMessage(t, status.error)}
      </p>
    );
  if (!status.data) return null;
  const { up_to_date, reasons, plan_reviewed_on, latest_mandatory_interview_on, today } = status.data;
  return (
    <div className={up_to_date ? "alert" : "alert alert--warning"} role="group" aria-labelledby="plan-status-title">
      <p className="alert__title" id="plan-status-title">
        {up_to_date
          ? t("planStatus.upToDate", { date: formatDate(today) })
          : t("planStatus.notUpToDate", { date: formatDate(today) })}
      </p>
      {reasons.length ? (
        <ul>
          {reasons.map((reason) => (
            <li key={reason}>{t(`planStatus.reason.${reason}`)}</li>
          ))}
        </ul>
      ) : null}
      <p>
        {t("planStatus.reviewedOn", { date: plan_reviewed_on ? formatDate(plan_reviewed_on) : "–" })}{" "}
        {t("planStatus.latestInterview", {
          date: latest_mandatory_interview_on ? formatDate(latest_mandatory_interview_on) : "–",
        })}
      </p>
      <p className="note">
        <strong>{t("planStatus.definitionLabel")}</strong> {t("planStatus.definition")}
      </p>
    </div>
  );
}
