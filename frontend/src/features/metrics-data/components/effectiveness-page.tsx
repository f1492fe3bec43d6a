import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { MonthField } from "../../../components/month-field";
import { MunicipalitySelect } from "../../../components/municipality-select";
import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert } from "../../../components/status-message";
import { formatNumber, todayInHelsinki } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { useEffectiveness } from "../api/get-effectiveness";
import { DESTINATIONS, FOLLOW_UP_BY, HORIZONS, type Horizon } from "../api/types";
import { PALETTE, StackedBarChart } from "./charts";
import { Definition } from "./definition";
import { type Cohort, cohortsOf } from "./effectiveness";
import { oneOf, useAddressFilters } from "./use-address-filters";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month ``count`` months before ``month`` (YYYY-MM). */
export function monthsBefore(month: string, count: number): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (number - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function percent(value: number): string {
  return `${formatNumber(value, { maximumFractionDigits: 1 })} %`;
}

/**
 * The effectiveness follow-up: cohorts by service type, provider or employer sector, and where their clients stand
 * 3, 6 or 12 months later, as a stacked bar with the table as its alternative and the definition beside it. Withheld
 * cells (1 to 4 persons) are shown as withheld. The filters live in the address
 * (``/metrics/effectiveness?by=employer_sector&horizon=12&from=2025-01&to=2025-06``).
 */
export function EffectivenessPage() {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
  const { params, update } = useAddressFilters();
  // The latest cohorts that have been followed the whole horizon end a year ago: the default period is the year before.
  const lastDefault = monthsBefore(todayInHelsinki().slice(0, 7), 12);
  const firstDefault = monthsBefore(lastDefault, 11);
  const fromParam = params.get("from");
  const toParam = params.get("to");
  const from = fromParam && MONTH.test(fromParam) ? fromParam : firstDefault;
  const to = toParam && MONTH.test(toParam) ? toParam : lastDefault;
  const by = oneOf(params.get("by"), FOLLOW_UP_BY) ?? "service_type";
  const horizonParam = Number(params.get("horizon"));
  const horizon: Horizon = (HORIZONS as readonly number[]).includes(horizonParam) ? (horizonParam as Horizon) : 6;
  const municipalityParam = params.get("municipality");
  const municipality = municipalities.known(municipalityParam) ? municipalityParam : undefined;
  const periodInvalid = from > to;
  const search = { from, to, by, horizon, ...(municipality ? { municipality } : {}) };
  const figures = useEffectiveness(search, !periodInvalid);
  const cohorts = figures.data ? cohortsOf(figures.data.cells, municipality) : [];
  const place = municipality ? municipalities.name(municipality) : t("metricsData.allMunicipalities");
  const series = DESTINATIONS.map((destination, index) => ({
    key: destination,
    label: t(`metricsData.destination.${destination}`),
    color: PALETTE[index % PALETTE.length],
  }));
  const cohortName = (cohort: Cohort) => {
    const origin = t(`metricsData.origin.${cohort.origin}`, { defaultValue: cohort.origin });
    const key =
      cohort.key === "unknown"
        ? t("metricsData.effectiveness.unknown")
        : by === "service_type"
          ? t(`episodes.type.${cohort.key}`, { defaultValue: cohort.key })
          : by === "employer_sector"
            ? t("metricsData.effectiveness.sector", { code: cohort.key })
            : cohort.key;
    return `${origin}: ${key}`;
  };
  const definition = figures.data ? [...figures.data.definitions].sort((a, b) => b.version - a.version)[0] : undefined;
  const threshold = figures.data?.suppression_threshold ?? 5;
  const anySuppressed = cohorts.some((cohort) => DESTINATIONS.some((name) => cohort.parts[name].suppressed));
  return (
    <>
      <PageHeading title={t("metricsData.effectiveness.title")}>{t("metricsData.effectiveness.title")}</PageHeading>
      <p>{t("metricsData.effectiveness.intro")}</p>
      <form className="form form--inline" aria-label={t("metricsData.filters")} onSubmit={(e) => e.preventDefault()}>
        <ChoiceSelect
          id="effectiveness-by"
          label={t("metricsData.effectiveness.by")}
          choices={FOLLOW_UP_BY}
          choiceLabel={(option) => t(`metricsData.followUpBy.${option}`)}
          value={by}
          onChange={(event) => update("by", event.target.value, "service_type")}
        />
        <ChoiceSelect
          id="effectiveness-horizon"
          label={t("metricsData.effectiveness.horizon")}
          choices={HORIZONS}
          choiceLabel={(option) => t("metricsData.effectiveness.months", { count: option })}
          value={String(horizon)}
          onChange={(event) => update("horizon", event.target.value, "6")}
        />
        <MunicipalitySelect
          id="effectiveness-municipality"
          label={t("metricsData.municipality")}
          noChoice={t("metricsData.allMunicipalities")}
          value={municipality ?? ""}
          onChange={(event) => update("municipality", event.target.value)}
        />
        {(["from", "to"] as const).map((name) => (
          <MonthField
            key={name}
            id={`effectiveness-${name}`}
            label={t(`metricsData.effectiveness.${name}`)}
            value={name === "from" ? from : to}
            errorId={periodInvalid ? "effectiveness-period-error" : undefined}
            onChange={(event) => update(name, event.target.value)}
          />
        ))}
      </form>
      {periodInvalid ? (
        <p id="effectiveness-period-error" role="alert" className="form-field__error">
          {t("metricsData.effectiveness.periodInvalid")}
        </p>
      ) : figures.isPending ? (
        <p role="status">{t("metricsData.loading")}</p>
      ) : figures.isError ? (
        <ErrorAlert title={t("metricsData.effectiveness.loadFailed")}>
          <p>{loadErrorMessage(t, figures.error)}</p>
        </ErrorAlert>
      ) : (
        <section className="page-section" aria-labelledby="effectiveness-heading">
          <h2 id="effectiveness-heading">
            {t("metricsData.effectiveness.heading", { months: horizon, place, from, to })}
          </h2>
          <div className="metrics-indicator__body">
            <div>
              {cohorts.length === 0 ? (
                <p>{t("metricsData.effectiveness.empty")}</p>
              ) : (
                <>
                  <StackedBarChart
                    label={t("metricsData.effectiveness.chartLabel", { months: horizon, place })}
                    bars={cohorts.map((cohort) => ({
                      label: `${cohort.month} ${cohortName(cohort)}`,
                      shares: Object.fromEntries(DESTINATIONS.map((name) => [name, cohort.parts[name].share])),
                    }))}
                    series={series}
                    suppressedLabel={t("metricsData.suppressed")}
                  />
                  <div className="table-wrapper">
                    <table className="data-table" data-testid="effectiveness-table">
                      <caption>{t("metricsData.effectiveness.tableCaption", { months: horizon, place })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("metricsData.effectiveness.cohortMonth")}</th>
                          <th scope="col">{t("metricsData.effectiveness.cohort")}</th>
                          <th scope="col">{t("metricsData.effectiveness.size")}</th>
                          {DESTINATIONS.map((name) => (
                            <th scope="col" key={name}>
                              {t(`metricsData.destination.${name}`)}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {cohorts.map((cohort) => (
                          <tr key={`${cohort.month}-${cohort.horizon}-${cohort.origin}-${cohort.key}`}>
                            <th scope="row">{cohort.month}</th>
                            <td>{cohortName(cohort)}</td>
                            <td>{cohort.size === null ? t("metricsData.suppressed") : formatNumber(cohort.size)}</td>
                            {DESTINATIONS.map((name) => {
                              const part = cohort.parts[name];
                              return (
                                <td key={name}>
                                  {part.suppressed ? (
                                    <span aria-describedby="effectiveness-suppression">
                                      {t("metricsData.suppressed")}
                                    </span>
                                  ) : part.share === null ? (
                                    "–"
                                  ) : (
                                    t("metricsData.effectiveness.part", {
                                      share: percent(part.share),
                                      persons: formatNumber(part.persons ?? 0),
                                    })
                                  )}
                                </td>
                              );
                            })}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
              {anySuppressed ? (
                <p id="effectiveness-suppression" className="metrics-suppression-note">
                  {t("metricsData.suppressionNote", { threshold })}
                </p>
              ) : null}
            </div>
            {definition ? <Definition definition={definition} id="effectiveness-definition" /> : null}
          </div>
        </section>
      )}
    </>
  );
}
