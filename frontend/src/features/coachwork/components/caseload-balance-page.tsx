import { useTranslation } from "react-i18next";

import { PageHeading } from "../../../components/page-heading";
import { formatDate } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useCaseloadBalance } from "../api/get-caseload-balance";
import type { CaseloadSizes } from "../api/types";

function Totals({ balance }: { balance: CaseloadSizes }) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <dt>{t("coachwork.balance.unassigned")}</dt>
      <dd>{balance.unassigned_clients}</dd>
      <dt>{t("coachwork.balance.under25")}</dt>
      <dd>{balance.under_25_without_named_coach}</dd>
      <dt>{t("coachwork.balance.upToDate")}</dt>
      <dd>{balance.up_to_date_plans ?? 0}</dd>
      <dt>{t("coachwork.balance.planDebt")}</dt>
      <dd>{balance.plan_debt ?? 0}</dd>
    </dl>
  );
}

/**
 * A manager's view of the caseloads: per coach and per team the clients, the overdue statutory deadlines and the
 * plan debt (clients in the job search without an up-to-date plan), with the definition of an up-to-date plan shown
 * beside it. The service computes every figure on the day it names.
 */
export function CaseloadBalancePage() {
  const { t } = useTranslation();
  const balance = useCaseloadBalance();
  const title = t("coachwork.balance.title");
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {balance.isPending ? <p>{t("app.loading")}</p> : null}
      {balance.isError ? <p role="alert">{loadErrorMessage(t, balance.error)}</p> : null}
      {balance.data ? (
        <>
          <p>{t("coachwork.balance.today", { date: formatDate(balance.data.today) })}</p>
          <section aria-labelledby="balance-totals-title" className="page-section">
            <h2 id="balance-totals-title">{t("coachwork.balance.totals")}</h2>
            <Totals balance={balance.data} />
            {/* The service's definition is in English; the same definition is shown in the reader's language. */}
            <p className="note">
              <strong>{t("coachwork.balance.definition")}</strong> {t("planStatus.definition")}
            </p>
          </section>
          <section aria-labelledby="balance-coaches-title" className="page-section">
            <h2 id="balance-coaches-title">{t("coachwork.balance.coaches")}</h2>
            {balance.data.coaches.length ? (
              <div className="table-wrapper">
                <table className="data-table">
                  <caption className="visually-hidden">{t("coachwork.balance.coaches")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("coachwork.balance.coach")}</th>
                      <th scope="col">{t("coachwork.balance.clients")}</th>
                      <th scope="col">{t("coachwork.balance.overdue")}</th>
                      <th scope="col">{t("coachwork.balance.clientsOverdue")}</th>
                      <th scope="col">{t("coachwork.balance.upToDate")}</th>
                      <th scope="col">{t("coachwork.balance.planDebt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {balance.data.coaches.map((coach) => (
                      <tr key={coach.coach_subject}>
                        <th scope="row">{coach.display_name ?? coach.coach_subject}</th>
                        <td>{coach.active_clients}</td>
                        <td>{coach.overdue_deadlines}</td>
                        <td>{coach.clients_with_overdue_deadlines}</td>
                        <td>{coach.up_to_date_plans ?? 0}</td>
                        <td>{coach.plan_debt ?? 0}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t("coachwork.balance.noCoaches")}</p>
            )}
          </section>
          <section aria-labelledby="balance-teams-title" className="page-section">
            <h2 id="balance-teams-title">{t("coachwork.balance.teams")}</h2>
            {balance.data.teams.length ? (
              <div className="table-wrapper">
                <table className="data-table">
                  <caption className="visually-hidden">{t("coachwork.balance.teams")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("coachwork.balance.team")}</th>
                      <th scope="col">{t("coachwork.balance.members")}</th>
                      <th scope="col">{t("coachwork.balance.clients")}</th>
                      <th scope="col">{t("coachwork.balance.overdue")}</th>
                      <th scope="col">{t("coachwork.balance.upToDate")}</th>
                      <th scope="col">{t("coachwork.balance.planDebt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {balance.data.teams.map((team) => (
                      <tr key={team.team_id}>
                        <th scope="row">{team.name}</th>
                        <td>{team.members}</td>
                        <td>{team.active_clients}</td>
                        <td>{team.overdue_deadlines}</td>
                        <td>{team.up_to_date_plans ?? 0}</td>
                        <td>{team.plan_debt ?? 0}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t("coachwork.balance.noTeams")}</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
