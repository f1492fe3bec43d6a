import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { ErrorAlert } from "../../../components/status-message";
import { todayInHelsinki } from "../../../lib/format";
import { useFiguresFor } from "../api/get-figures";
import { useIndicators } from "../api/get-indicators";
import { type Figures, HEADLINE_INDICATORS, type IndicatorCode, pageOf } from "../api/types";
import { LineChart } from "./line-chart";
import { monthsBefore } from "./period";
import { describeTrend, formatValue, monthsBetween, seriesOf, trendOf, unitOf } from "./trend";
import "./metrics.css";

/** The last whole month in Helsinki, and the twelve months up to it. */
export function headlinePeriod(): { from: string; to: string } {
  const to = monthsBefore(todayInHelsinki().slice(0, 7), 1);
  return { from: monthsBefore(to, 11), to };
}

function Headline({ figures }: { figures: Figures }) {
  const { t, i18n } = useTranslation();
  const code = figures.indicator as IndicatorCode;
  const period = headlinePeriod();
  const months = monthsBetween(period.from, period.to);
  const unit = unitOf(figures);
  const name = t(`metrics.indicator.${code}`);
  const [series] = seriesOf(figures, months, false, t("metrics.filters.allMunicipalities"));
  const trend = trendOf(series?.points ?? []);
  const latest = trend.latest;
  const words = describeTrend(t, trend, unit, i18n.language);
  const page = pageOf(code);
  const headingId = `headline-${code}`;
  return (
    <li className="metrics-headline">
      <h3 id={headingId}>{name}</h3>
      <p className="metrics-headline__value">
        {latest?.value !== null && latest?.value !== undefined
          ? formatValue(latest.value, unit, i18n.language)
          : latest?.suppressed
            ? t("metrics.suppressed")
            : t("metrics.notComputable")}{" "}
        <span className="metrics-headline__month">{t("metrics.home.month", { month: period.to })}</span>
      </p>
      {series ? (
        <LineChart
          compact
          months={months}
          series={[series]}
          label={t("metrics.chart.label", { name, place: series.label, from: period.from, to: period.to })}
          summary={words}
          format={(value) => formatValue(value, unit, i18n.language)}
        />
      ) : null}
      <p>{words}</p>
      {latest?.suppressed ? (
        <p className="metrics-suppression-note">
          {t("metrics.suppressionNote", { threshold: figures.suppression_threshold })}
        </p>
      ) : null}
      {page ? <Link to={{ pathname: `/metrics/${page}`, hash: code }}>{t("metrics.home.open", { name })}</Link> : null}
    </li>
  );
}

/**
 * The manager's home: the headline indicators of the whole organisation for the last whole month, each with its
 * trend over the twelve months before (a small chart and the change in words and numbers) and a link to its page.
 */
export function ManagerHome() {
  const { t } = useTranslation();
  const definitions = useIndicators();
  const readable = definitions.data
    ? HEADLINE_INDICATORS.filter((code) => definitions.data.some((definition) => definition.code === code))
    : [];
  const results = useFiguresFor(readable, { ...headlinePeriod(), group: "all" });
  return (
    <section className="page-section" aria-labelledby="metrics-headlines">
      <h2 id="metrics-headlines">{t("metrics.home.title")}</h2>
      <p>{t("metrics.home.intro")}</p>
      {definitions.isError ? <ErrorAlert title={t("metrics.home.failed")} /> : null}
      <ul className="metrics-headlines">
        {results.map((result, index) => {
          const code = readable[index] ?? "";
          const name = t(`metrics.indicator.${code}`);
          if (result.isPending) {
            return (
              <li key={code} className="metrics-headline">
                <p role="status">{t("metrics.loading", { name })}</p>
              </li>
            );
          }
          if (result.isError) {
            return (
              <li key={code} className="metrics-headline">
                <ErrorAlert title={t("metrics.loadFailed", { name })} />
              </li>
            );
          }
          return <Headline key={code} figures={result.data} />;
        })}
      </ul>
      <p>
        <Link to="/metrics">{t("metrics.home.all")}</Link>
      </p>
    </section>
  );
}
