import { useTranslation } from "react-i18next";

import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert } from "../../../components/status-message";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useCommitted } from "../api/get-committed";
import { useSupports } from "../api/list-supports";
import type { SupportKind } from "../api/types";
import { formatEuros } from "../money";
import { type Me, useActedBy } from "./people";
import { SupportsTable } from "./supports-list";

/** The month (``2026-12``) by its name in the reader's language. */
function monthName(month: string, language: string): string {
  const locale = language === "en" ? "en-GB" : language;
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" }).format(new Date(`${month}-15T12:00:00`));
}

/**
 * The supports and the money they commit this year (*sidotut määrärahat*): by kind and by month, the cancelled ones
 * left out, and the decisions themselves with who made each.
 */
export function SupportsPage({ me, year = new Date().getFullYear() }: { me?: Me; year?: number }) {
  const { t, i18n } = useTranslation();
  const actedBy = useActedBy(me);
  const runs = me?.roles?.includes("employer_services") ?? false;
  const committed = useCommitted(year);
  const supports = useSupports({});
  return (
    <>
      <PageHeading title={t("employers.supports.pageTitle")}>{t("employers.supports.pageTitle")}</PageHeading>
      <section aria-labelledby="committed-heading">
        <h2 id="committed-heading">{t("employers.supports.committedYear", { year })}</h2>
        {committed.isError ? (
          <ErrorAlert title={loadErrorMessage(t, committed.error)} />
        ) : !committed.data ? (
          <p role="status">{t("employers.loading")}</p>
        ) : (
          <>
            <p className="figure">{t("employers.supports.total", { total: formatEuros(committed.data.total) })}</p>
            <table className="table">
              <caption>{t("employers.supports.byKind", { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("employers.supportForm.kind")}</th>
                  <th scope="col">{t("employers.supports.committed")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(committed.data.by_kind).map(([kind, euros]) => (
                  <tr key={kind}>
                    <th scope="row">{t(`employers.supportKind.${kind as SupportKind}`, { defaultValue: kind })}</th>
                    <td>{formatEuros(euros)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table">
              <caption>{t("employers.supports.byMonth", { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("employers.supports.month")}</th>
                  <th scope="col">{t("employers.supports.committed")}</th>
                </tr>
              </thead>
              <tbody>
                {committed.data.by_month.map((month) => (
                  <tr key={month.month}>
                    <th scope="row">{monthName(month.month, i18n.language)}</th>
                    <td>{formatEuros(month.euros)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section aria-labelledby="supports-heading">
        <h2 id="supports-heading">{t("employers.supports.decisions")}</h2>
        {supports.isError ? (
          <ErrorAlert title={loadErrorMessage(t, supports.error)} />
        ) : !supports.data ? (
          <p role="status">{t("employers.loading")}</p>
        ) : supports.data.length ? (
          <SupportsTable
            supports={supports.data}
            caption={t("employers.supports.decisions")}
            actedBy={actedBy}
            runs={runs}
          />
        ) : (
          <p>{t("employers.supports.none")}</p>
        )}
      </section>
    </>
  );
}
