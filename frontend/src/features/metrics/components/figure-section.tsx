import { useTranslation } from "react-i18next";

import { useMunicipalityNames } from "../../../lib/municipalities";
import { useCoachNames } from "../api/get-coach-names";
import type { Figures } from "../api/types";
import { areaName, Definition, FigureTable } from "./figure-table";
import type { Filters, View } from "./filters";
import { LineChart } from "./line-chart";
import { describeTrend, formatValue, monthsBetween, seriesOf, trendOf, unitOf } from "./trend";

/** The place the figures are for, in words: the municipality or its area, or the whole organisation. */
export function usePlaceName(filters: Pick<Filters, "municipality" | "region">, figures?: Figures): string {
  const { t, i18n } = useTranslation();
  const municipalities = useMunicipalityNames();
  const areaOf = figures?.cells.find((cell) => cell.employment_area)?.employment_area;
  if (!filters.municipality) return t("metrics.filters.allMunicipalities");
  if (filters.region === "employment_area" && figures && areaOf) return areaName(t, figures, areaOf, i18n.language);
  return municipalities.name(filters.municipality);
}

/**
 * One indicator: its figures as a chart or as a table (the reader's choice, kept in the address), the reason beside
 * any withheld cell, and the definition the figures were computed by beside them.
 */
export function FigureSection({ figures, filters, view }: { figures: Figures; filters: Filters; view: View }) {
  const { t, i18n } = useTranslation();
  const code = figures.indicator;
  const headingId = `metrics-${code}`;
  const noteId = `${headingId}-suppression`;
  const versions = [...figures.definitions].sort((a, b) => b.version - a.version);
  const latest = versions[0];
  const name = t(`metrics.indicator.${code}`, { defaultValue: latest?.name_fi ?? code });
  const unit = unitOf(figures);
  const place = usePlaceName(filters, figures);
  const months = monthsBetween(filters.from, filters.to);
  // Figures by coach name the coach (the person who acted); their subject only where no name is known.
  const byCoach = code === "caseload_per_coach";
  const names = useCoachNames(byCoach);
  const breakdownName = (breakdown: string) => (byCoach ? (names.data?.[breakdown] ?? breakdown) : breakdown);
  const series = seriesOf(figures, months, Boolean(filters.municipality), place).map((s) =>
    s.key === "total" ? s : { ...s, label: breakdownName(s.label) },
  );
  const anySuppressed = figures.cells.some((cell) => cell.suppressed);
  const format = (value: number) => formatValue(value, unit, i18n.language);
  const summary = series
    .map((s) => `${series.length > 1 ? `${s.label}: ` : ""}${describeTrend(t, trendOf(s.points), unit, i18n.language)}`)
    .join(" ");
  return (
    <section className="page-section metrics-indicator" aria-labelledby={headingId} id={code}>
      <h2 id={headingId}>{name}</h2>
      <div className="metrics-indicator__body">
        {!figures.cells.length ? (
          <p>{t("metrics.noFigures")}</p>
        ) : view === "table" ? (
          <FigureTable figures={figures} name={name} noteId={noteId} breakdownName={breakdownName} />
        ) : series.length ? (
          <div>
            <LineChart
              months={months}
              series={series}
              label={t("metrics.chart.label", { name, place, from: filters.from, to: filters.to })}
              summary={summary}
              format={format}
              suppressedLabel={t("metrics.chart.suppressedMarker")}
            />
            <p className="metrics-trend">{summary}</p>
          </div>
        ) : (
          <p>{t("metrics.chart.nothingToDraw")}</p>
        )}
        {anySuppressed ? (
          <p id={noteId} className="metrics-suppression-note">
            {t("metrics.suppressionNote", { threshold: figures.suppression_threshold })}
          </p>
        ) : null}
        {versions.map((definition) => (
          <Definition key={definition.version} definition={definition} id={`${headingId}-v${definition.version}`} />
        ))}
      </div>
    </section>
  );
}
