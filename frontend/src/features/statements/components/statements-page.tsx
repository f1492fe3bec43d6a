import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { loadErrorMessage } from "../../../lib/form-errors";
import { formatDate, formatNumber } from "../../../lib/format";
import { useCoachStatements } from "../api/get-coach-statements";
import { consequenceText } from "./words";

/**
 * The coach's labour-policy statements: the pending ones, the longest-waiting first, with the days since the
 * neglect; with the issued ones, the mean processing time the ministry follows (days from neglect to statement).
 */
export function StatementsPage() {
  const { t } = useTranslation();
  const [includeIssued, setIncludeIssued] = useState(false);
  const statements = useCoachStatements(null, includeIssued);
  const data = statements.data;
  return (
    <>
      <PageHeading title={t("statements.pageTitle")}>{t("statements.pageTitle")}</PageHeading>
      <p>{t("statements.pageHelp")}</p>
      <label className="checkbox" htmlFor="statements-include-issued">
        <input
          id="statements-include-issued"
          type="checkbox"
          checked={includeIssued}
          onChange={(event) => setIncludeIssued(event.target.checked)}
        />
        {t("statements.includeIssued")}
      </label>
      {statements.isPending ? <p>{t("app.loading")}</p> : null}
      {statements.isError ? <p role="alert">{loadErrorMessage(t, statements.error)}</p> : null}
      {data ? (
        <section aria-labelledby="statements-list-title" className="page-section">
          <h2 id="statements-list-title">{t("statements.pending", { count: data.pending })}</h2>
          {data.issued ? (
            <p>
              {t("statements.average", {
                count: data.issued,
                days:
                  data.average_processing_days == null
                    ? ""
                    : formatNumber(data.average_processing_days, { maximumFractionDigits: 1 }),
              })}
            </p>
          ) : null}
          {data.items.length === 0 ? (
            <p>{t("statements.nonePending")}</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table">
                <caption className="visually-hidden">{t("statements.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("statements.client")}</th>
                    <th scope="col">{t("statements.neglectKind")}</th>
                    <th scope="col">{t("statements.neglectedOn")}</th>
                    <th scope="col">{t("statements.consequenceLabel")}</th>
                    <th scope="col">{t("statements.state")}</th>
                    <th scope="col">{t("statements.processingDays")}</th>
                    <th scope="col">{t("statements.draftedBy")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        <Link to={`/clients/${item.client_id}#statements`}>
                          {item.client_last_name}, {item.client_first_names}
                        </Link>
                      </th>
                      <td>{t(`statements.kind.${item.neglect_kind}`)}</td>
                      <td>{formatDate(item.neglected_on)}</td>
                      <td>{consequenceText(t, item)}</td>
                      <td>{t(`statements.states.${item.state}`)}</td>
                      <td>{t("statements.days", { count: item.processing_days ?? 0 })}</td>
                      <td>{item.drafted_by}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}
