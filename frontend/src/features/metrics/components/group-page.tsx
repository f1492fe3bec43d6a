import { Button, ButtonVariant } from "hds-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert, StatusMessage } from "../../../components/status-message";
import { ApiError } from "../../../lib/problem";
import { type ExportFormat, useExportFigures } from "../api/export-figures";
import { useFiguresFor } from "../api/get-figures";
import { useIndicators } from "../api/get-indicators";
import { INDICATOR_PAGES, type IndicatorCode, type IndicatorPage, PAGES, isIndicatorPage } from "../api/types";
import { FigureSection } from "./figure-section";
import { FiltersForm, figureFilters, periodInvalid, useFilters } from "./filters";
import "./metrics.css";

function errorText(t: (key: string) => string, error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return t("errors.forbidden");
  if (error instanceof ApiError && error.status === 401) return t("errors.signedOut");
  return t("errors.loadFailed");
}

/** The dashboards' pages, the current one marked; each link keeps the filters. */
export function PageNavigation({ current, search }: { current?: IndicatorPage; search: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("metrics.pages.label")} className="metrics-pages">
      <ul>
        {PAGES.map((page) => (
          <li key={page}>
            <Link to={{ pathname: `/metrics/${page}`, search }} aria-current={page === current ? "page" : undefined}>
              {t(`metrics.pages.${page}.title`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function GroupFigures({ page }: { page: IndicatorPage }) {
  const { t } = useTranslation();
  const { filters, update, search } = useFilters();
  const definitions = useIndicators();
  const invalid = periodInvalid(filters);
  const listed: readonly IndicatorCode[] = INDICATOR_PAGES[page];
  // Only what the reader may read, and for the group picked; an indicator not computed for it is named as such.
  const readable = definitions.data
    ? listed.filter((code) => definitions.data.some((definition) => definition.code === code))
    : listed;
  const notForGroup = definitions.data
    ? readable.filter((code) => !definitions.data.find((d) => d.code === code)?.groups.includes(filters.group))
    : [];
  const shown = readable.filter((code) => !notForGroup.includes(code));
  const query = figureFilters(filters);
  const results = useFiguresFor(invalid || definitions.isPending ? [] : shown, query);
  const exporter = useExportFigures();
  const exportable = shown.filter((_, index) => results[index]?.isSuccess);
  const onExport = (format: ExportFormat) => exporter.mutate({ ...query, indicators: exportable, format });
  const view = filters.view;
  // A link to one indicator (``#activation_rate``, from the home page) shows it once the figures are there.
  const { hash } = useLocation();
  const settled = results.length > 0 && results.every((result) => !result.isPending);
  useEffect(() => {
    if (settled && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [settled, hash]);
  return (
    <>
      <PageNavigation current={page} search={search} />
      <FiltersForm filters={filters} update={update} />
      <div className="metrics-toolbar">
        <div role="group" aria-label={t("metrics.view.label")} className="metrics-toolbar__view">
          <Button
            variant={view === "chart" ? ButtonVariant.Primary : ButtonVariant.Secondary}
            aria-pressed={view === "chart"}
            onClick={() => update("view", "chart")}
          >
            {t("metrics.view.chart")}
          </Button>
          <Button
            variant={view === "table" ? ButtonVariant.Primary : ButtonVariant.Secondary}
            aria-pressed={view === "table"}
            onClick={() => update("view", "table")}
          >
            {t("metrics.view.table")}
          </Button>
        </div>
        <div role="group" aria-label={t("metrics.export.label")} className="metrics-toolbar__export">
          {(["csv", "xlsx"] as const).map((format) => (
            <Button
              key={format}
              variant={ButtonVariant.Secondary}
              disabled={invalid || !exportable.length || exporter.isPending}
              onClick={() => onExport(format)}
            >
              {t(`metrics.export.${format}`)}
            </Button>
          ))}
        </div>
      </div>
      <StatusMessage>
        {exporter.isPending ? t("metrics.export.pending") : exporter.isSuccess ? t("metrics.export.done") : null}
      </StatusMessage>
      {exporter.isError ? (
        <ErrorAlert title={t("metrics.export.failed")}>
          <p>{errorText(t, exporter.error)}</p>
        </ErrorAlert>
      ) : null}
      {notForGroup.length ? (
        <p className="metrics-not-for-group">
          {t("metrics.notForGroup", {
            group: t(`metrics.group.${filters.group}`),
            names: notForGroup.map((code) => t(`metrics.indicator.${code}`)).join(", "),
          })}
        </p>
      ) : null}
      {results.map((result, index) => {
        const code = shown[index] ?? "";
        const name = t(`metrics.indicator.${code}`);
        if (result.isPending) {
          return (
            <p key={code} role="status">
              {t("metrics.loading", { name })}
            </p>
          );
        }
        if (result.isError) {
          return (
            <ErrorAlert key={code} title={t("metrics.loadFailed", { name })}>
              <p>{errorText(t, result.error)}</p>
            </ErrorAlert>
          );
        }
        return <FigureSection key={code} figures={result.data} filters={filters} view={view} />;
      })}
    </>
  );
}

/** A page of indicators (``/metrics/labour-market?municipality=398``): filters in the address, charts or tables. */
export function GroupPage() {
  const { t } = useTranslation();
  const { page } = useParams();
  if (!isIndicatorPage(page)) {
    return (
      <>
        <PageHeading title={t("metrics.title")}>{t("metrics.title")}</PageHeading>
        <p>{t("metrics.pages.unknown")}</p>
        <PageNavigation search="" />
      </>
    );
  }
  const title = t(`metrics.pages.${page}.title`);
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t(`metrics.pages.${page}.intro`)}</p>
      <GroupFigures key={page} page={page} />
    </>
  );
}
