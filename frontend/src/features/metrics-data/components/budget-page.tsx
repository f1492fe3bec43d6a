import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert } from "../../../components/status-message";
import { formatNumber, todayInHelsinki } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useBudget } from "../api/get-budget";
import { BUDGET_CATEGORIES, BUDGET_CLASSES } from "../api/types";
import { budgetCells, byClassAndMonth, byMonth, classSummaries } from "./budget";
import { GroupedBarChart, PALETTE } from "./charts";
import { Definition } from "./definition";
import { oneOf, useAddressFilters } from "./use-address-filters";

/** How metrics-api forecasts the year's end (the budget definition's formula): named in words on the page. */
export const FORECAST_METHOD = "run_rate_with_commitments";

function euros(value: number | null): string {
  return value === null ? "–" : `${formatNumber(value, { maximumFractionDigits: 0 })} €`;
}

function monthLabel(month: string): string {
  const [year, number] = month.split("-");
  return `${Number(number)}/${year}`;
}

/**
 * The budget by class (voluntary, appropriation-bound, appropriation-independent, need-based) and month: budgeted,
 * actual and committed euros, the commitments by their source (the imported file, the support decisions), and the
 * year-end forecast with its method in words; a chart with the table as its alternative; year, class and category in the address (``/metrics/budget?year=2025&class=need_based``).
 */
export function BudgetPage() {
  const { t } = useTranslation();
  const { params, update } = useAddressFilters();
  const thisYear = Number(todayInHelsinki().slice(0, 4));
  const yearParam = Number(params.get("year"));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2099 ? yearParam : thisYear;
  const budgetClass = oneOf(params.get("class"), BUDGET_CLASSES);
  const category = oneOf(params.get("category"), BUDGET_CATEGORIES);
  const budget = useBudget({ year });
  const filter = { budgetClass, category };
  const cells = budget.data ? budgetCells(budget.data.cells) : [];
  const rows = byClassAndMonth(cells, filter);
  const months = byMonth(cells, filter);
  const summaries = classSummaries(cells, filter).sort(
    (a, b) =>
      BUDGET_CLASSES.indexOf(a.budgetClass as (typeof BUDGET_CLASSES)[number]) -
      BUDGET_CLASSES.indexOf(b.budgetClass as (typeof BUDGET_CLASSES)[number]),
  );
  const className = (code: string) => t(`metricsData.budgetClass.${code}`, { defaultValue: code });
  const scope = budgetClass ? className(budgetClass) : t("metricsData.budget.allClasses");
  const series = [
    { key: "budgeted", label: t("metricsData.budget.budgeted"), color: PALETTE[0] },
    { key: "actual", label: t("metricsData.budget.actual"), color: PALETTE[1] },
    { key: "committed", label: t("metricsData.budget.committedImported"), color: PALETTE[2] },
    { key: "committedFromDecisions", label: t("metricsData.budget.committedFromDecisions"), color: PALETTE[3] },
  ];
  const years = Array.from({ length: 6 }, (_, index) => thisYear - 4 + index);
  if (!years.includes(year)) years.unshift(year);
  const definition = budget.data ? [...budget.data.definitions].sort((a, b) => b.version - a.version)[0] : undefined;
  return (
    <>
      <PageHeading title={t("metricsData.budget.title")}>{t("metricsData.budget.title")}</PageHeading>
      <p>{t("metricsData.budget.intro")}</p>
      <form className="form form--inline" aria-label={t("metricsData.filters")} onSubmit={(e) => e.preventDefault()}>
        <ChoiceSelect
          id="budget-year"
          label={t("metricsData.budget.year")}
          value={String(year)}
          onChange={(event) => update("year", event.target.value, String(thisYear))}
          choices={years}
          choiceLabel={String}
        />
        <ChoiceSelect
          id="budget-class"
          label={t("metricsData.budget.class")}
          value={budgetClass ?? ""}
          onChange={(event) => update("class", event.target.value)}
          noChoice={t("metricsData.budget.allClasses")}
          choices={BUDGET_CLASSES}
          choiceLabel={(option) => className(option)}
        />
        <ChoiceSelect
          id="budget-category"
          label={t("metricsData.budget.category")}
          value={category ?? ""}
          onChange={(event) => update("category", event.target.value)}
          noChoice={t("metricsData.budget.allCategories")}
          choices={BUDGET_CATEGORIES}
          choiceLabel={(option) => t(`metricsData.budgetCategory.${option}`)}
        />
      </form>
      {budget.isPending ? (
        <p role="status">{t("metricsData.loading")}</p>
      ) : budget.isError ? (
        <ErrorAlert title={t("metricsData.budget.loadFailed")}>
          <p>{loadErrorMessage(t, budget.error)}</p>
        </ErrorAlert>
      ) : cells.length === 0 ? (
        <p>{t("metricsData.budget.empty", { year })}</p>
      ) : (
        <>
          <section className="page-section" aria-labelledby="budget-forecast-heading">
            <h2 id="budget-forecast-heading">{t("metricsData.budget.forecastTitle", { year })}</h2>
            <p data-testid="forecast-method">
              <strong>{t("metricsData.budget.method")}</strong> {t(`metricsData.forecastMethod.${FORECAST_METHOD}`)}
            </p>
            <p data-testid="commitment-sources">{t("metricsData.budget.sources")}</p>
            <div className="table-wrapper">
              <table className="data-table">
                <caption>{t("metricsData.budget.summaryCaption", { year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("metricsData.budget.class")}</th>
                    <th scope="col">{t("metricsData.budget.yearBudget")}</th>
                    <th scope="col">{t("metricsData.budget.actualToDate")}</th>
                    <th scope="col">{t("metricsData.budget.committedImported")}</th>
                    <th scope="col">{t("metricsData.budget.committedFromDecisions")}</th>
                    <th scope="col">{t("metricsData.budget.forecast")}</th>
                  </tr>
                </thead>
                <tbody>
                  {summaries.map((summary) => (
                    <tr key={summary.budgetClass}>
                      <th scope="row">{className(summary.budgetClass)}</th>
                      <td>{euros(summary.yearBudget)}</td>
                      <td>{euros(summary.actualToDate)}</td>
                      <td>{euros(summary.committed)}</td>
                      <td>{euros(summary.committedFromDecisions)}</td>
                      <td>
                        {summary.forecast === null
                          ? t("metricsData.budget.noForecast")
                          : summary.asOf === null
                            ? t("metricsData.budget.forecastCommitmentsOnly", { amount: euros(summary.forecast) })
                            : t("metricsData.budget.forecastAsOf", {
                                amount: euros(summary.forecast),
                                month: monthLabel(summary.asOf),
                              })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="page-section" aria-labelledby="budget-months-heading">
            <h2 id="budget-months-heading">{t("metricsData.budget.monthsTitle", { scope })}</h2>
            <div className="metrics-indicator__body">
              <GroupedBarChart
                label={t("metricsData.budget.chartLabel", { scope, year })}
                groups={months.map((row) => ({
                  label: monthLabel(row.month),
                  values: {
                    budgeted: row.budgeted,
                    actual: row.actual ?? 0,
                    committed: row.committed,
                    committedFromDecisions: row.committedFromDecisions,
                  },
                }))}
                series={series}
                formatTick={(value) => euros(value)}
              />
              {definition ? <Definition definition={definition} id="budget-definition" /> : null}
            </div>
            <div className="table-wrapper">
              <table className="data-table">
                <caption>{t("metricsData.budget.tableCaption", { scope, year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("metricsData.budget.month")}</th>
                    <th scope="col">{t("metricsData.budget.class")}</th>
                    <th scope="col">{t("metricsData.budget.budgeted")}</th>
                    <th scope="col">{t("metricsData.budget.actual")}</th>
                    <th scope="col">{t("metricsData.budget.committedImported")}</th>
                    <th scope="col">{t("metricsData.budget.committedFromDecisions")}</th>
                    <th scope="col">{t("metricsData.budget.forecast")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={`${row.month}-${row.budgetClass}`}>
                      <th scope="row">{monthLabel(row.month)}</th>
                      <td>{className(row.budgetClass)}</td>
                      <td>{euros(row.budgeted)}</td>
                      <td>{row.actual === null ? t("metricsData.budget.noActuals") : euros(row.actual)}</td>
                      <td>{euros(row.committed)}</td>
                      <td>{euros(row.committedFromDecisions)}</td>
                      <td>{euros(row.forecast)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
