import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { useMunicipalities } from "../lib/municipalities";
import { ErrorAlert } from "./status-message";

/**
 * A field that picks among the municipalities (a select, the checkboxes) waits for the classification, saying so in
 * its place; the rest of the page does not wait. If the list cannot be had, the field shows as it can (the page's
 * notice, ``MunicipalitiesUnavailable``, says why).
 */
export function MunicipalitiesLoaded({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  if (municipalities.isPending) return <p role="status">{t("municipalities.loading")}</p>;
  return <>{children}</>;
}

/**
 * Asks for the municipality classification as soon as a person has signed in, beside the page (which renders at
 * once and names municipalities by code until the names arrive), and says so if the list cannot be had.
 */
export function MunicipalitiesUnavailable() {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  return municipalities.isError ? <ErrorAlert title={t("municipalities.unavailable")} /> : null;
}
