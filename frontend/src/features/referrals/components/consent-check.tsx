import { useTranslation } from "react-i18next";

import type { ConsentRead, DataCategory } from "../api/types";
import { consentCoverage } from "../lifecycle";

/**
 * Before sending: per category ticked, whether the client's consents in force today cover sharing it with the
 * service's organisation. Words and a symbol carry the answer; the colour only repeats it.
 */
export function ConsentCheck({
  consents,
  organisationId,
  organisationName,
  categories,
}: {
  consents: readonly ConsentRead[];
  organisationId: string;
  organisationName: string;
  categories: readonly DataCategory[];
}) {
  const { t } = useTranslation();
  const coverage = consentCoverage(consents, organisationId, categories);
  return (
    <div className="consent-check" aria-labelledby="consent-check-title" role="group">
      <h4 id="consent-check-title">{t("refer.consentTitle", { organisation: organisationName })}</h4>
      {categories.length === 0 ? (
        <p>{t("refer.consentNoCategories")}</p>
      ) : (
        <>
          <ul className="plain-list plain-list--bare">
            {coverage.categories.map(({ category, covered }) => (
              <li key={category} className={covered ? "consent-check__ok" : "consent-check__missing"}>
                <span aria-hidden="true">{covered ? "✓ " : "✗ "}</span>
                {t(`dataCategory.${category}`)}: {covered ? t("refer.covered") : t("refer.notCovered")}
              </li>
            ))}
          </ul>
          <p className={coverage.holds ? "consent-check__ok" : "consent-check__missing"}>
            {coverage.holds
              ? t("refer.consentHolds")
              : coverage.categories.every((item) => item.covered)
                ? t("refer.consentSplit")
                : t("refer.consentMissing")}{" "}
            {coverage.holds ? null : <a href="#consents">{t("refer.toConsents")}</a>}
          </p>
        </>
      )}
    </div>
  );
}
