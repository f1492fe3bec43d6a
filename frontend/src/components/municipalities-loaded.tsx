import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { useMunicipalities } from "../lib/municipalities";
import { ErrorAlert } from "./status-message";

/**
 * Shows its children once the municipality classification has arrived, so that every page names municipalities
 * and offers them in its selects from the first render. If the list cannot be had, the pages still open and show
 * codes instead of names, with a notice saying so.
 */
export function MunicipalitiesLoaded({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  if (municipalities.isPending) return <p role="status">{t("municipalities.loading")}</p>;
  return (
    <>
      {municipalities.isError && <ErrorAlert title={t("municipalities.unavailable")} />}
      {children}
    </>
  );
}
