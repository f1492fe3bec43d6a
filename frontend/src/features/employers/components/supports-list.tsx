import { useTranslation } from "react-i18next";

import { formatDate } from "../../../lib/format";
import type { SupportRead } from "../api/types";
import { formatEuros } from "../money";

/** Support decisions as a table: kind, decision and decider, period, status and the euros committed. */
export function SupportsTable({
  supports,
  caption,
  nameOf,
}: {
  supports: readonly SupportRead[];
  caption: string;
  nameOf: (subject: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("employers.supportForm.kind")}</th>
          <th scope="col">{t("employers.supports.decided")}</th>
          <th scope="col">{t("employers.supports.period")}</th>
          <th scope="col">{t("employers.supports.status")}</th>
          <th scope="col">{t("employers.supports.committed")}</th>
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
                by: nameOf(support.decided_by),
              })}
            </td>
            <td>
              {support.starts_on
                ? `${formatDate(support.starts_on)}–${formatDate(support.ends_on)}`
                : t("employers.notGiven")}
            </td>
            <td>{t(`employers.supportStatus.${support.status}`)}</td>
            <td>{formatEuros(support.total_committed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
