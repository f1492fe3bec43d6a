import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { GroupPage, PageNavigation } from "./group-page";
import { ManagerHome } from "./manager-home";

/** ``/metrics``: the pages of indicators, and the headline indicators with their trend. */
export function MetricsOverview() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("metrics.title")}>{t("metrics.title")}</PageHeading>
      <p>{t("metrics.intro")}</p>
      <PageNavigation search="" />
      <ManagerHome />
    </>
  );
}

/** The metrics section's routes: ``/metrics`` and a page per group of indicators (``/metrics/labour-market``). */
export function MetricsPage() {
  return (
    <Routes>
      <Route index element={<MetricsOverview />} />
      <Route path=":page" element={<GroupPage />} />
    </Routes>
  );
}
