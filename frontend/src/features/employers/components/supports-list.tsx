import { useState } from "react";
import { useTranslation } from "react-i18next";

import { SavedResult } from "../../../components/saved-result";

import { formatDate, formatDateTime } from "../../../lib/format";
import type { SupportRead } from "../api/types";
import { formatEuros } from "../money";
import type { ActedBy } from "./people";
import { SupportStatusActions } from "./support-status";

/**
 * Support decisions as a table: kind, decision and decider, period, status and who changed it, the euros committed;
 * for employer services (``runs``), a decided support can be marked paid or cancelled from its row, and what was
 * done is said above the table (``resultId`` names that message, unique on the page).
 */
export function SupportsTable({
  supports,
  caption,
  actedBy,
  runs = false,
  resultId = "supports-result",
}: {
  supports: readonly SupportRead[];
  caption: string;
  actedBy: ActedBy;
  runs?: boolean;
  resultId?: string;
}) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const supportName = (support: SupportRead) =>
    t("employers.supportStatus.name", {
      kind: t(`employers.supportKind.${support.kind}`),
      date: formatDate(support.decided_on),
    });
  return (
    <>
      <SavedResult id={resultId}>{done}</SavedResult>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("employers.supportForm.kind")}</th>
            <th scope="col">{t("employers.supports.decided")}</th>
            <th scope="col">{t("employers.supports.period")}</th>
            <th scope="col">{t("employers.supports.status")}</th>
            <th scope="col">{t("employers.supports.committed")}</th>
            {runs ? <th scope="col">{t("employers.supportStatus.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {supports.map((support) => (
            <tr key={support.id}>
              <td>
                {t(`employers.supportKind.${support.kind}`)}
                {support.percent !== null ? ` ${support.percent} %` : ""}
                {support.ground ? `, ${t(`employers.ground.${support.ground}`, { defaultValue: support.ground })}` : ""}
              </td>
              <td>
                {t("employers.supports.decidedBy", {
                  date: formatDate(support.decided_on),
                  by: actedBy(support.decided_by, support.decided_by_name, support.decided_by_organisation_name),
                })}
              </td>
              <td>
                {support.starts_on
                  ? `${formatDate(support.starts_on)}–${formatDate(support.ends_on)}`
                  : t("employers.notGiven")}
              </td>
              <td>
                {t(`employers.supportStatus.${support.status}`)}
                {support.changed_by || support.changed_by_name ? (
                  <>
                    {" "}
                    <br />
                    {t("employers.acted.changedBy", {
                      by: actedBy(support.changed_by, support.changed_by_name, support.changed_by_organisation_name),
                      at: formatDateTime(support.updated_at),
                    })}
                  </>
                ) : null}
              </td>
              <td>{formatEuros(support.total_committed)}</td>
              {runs ? (
                <td>
                  <SupportStatusActions
                    support={support}
                    name={supportName(support)}
                    resultId={resultId}
                    onDone={setDone}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
