import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { SelectField } from "../../../components/select-field";
import { ErrorAlert } from "../../../components/status-message";
import { MUNICIPALITIES } from "../../../lib/municipalities";
import { ApiError } from "../../../lib/problem";
import { useFiguresFor } from "../api/get-figures";
import { GROUPS, type Group, HEADLINE_INDICATORS } from "../api/types";
import { FigureTable } from "./figure-table";
import { defaultPeriod, isMonth } from "./period";

function isGroup(value: string | null): value is Group {
  return value !== null && (GROUPS as readonly string[]).includes(value);
}

/** The filters as the address holds them (``?municipality=398&group=under_25&from=2025-01&to=2025-12``). */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const fallback = defaultPeriod();
  const municipalityParam = params.get("municipality");
  const groupParam = params.get("group");
  const fromParam = params.get("from");
  const toParam = params.get("to");
  const filters = {
    municipality: MUNICIPALITIES.some((item) => item.code === municipalityParam)
      ? (municipalityParam ?? undefined)
      : undefined,
    group: isGroup(groupParam) ? groupParam : ("all" as Group),
    from: isMonth(fromParam) ? fromParam : fallback.from,
    to: isMonth(toParam) ? toParam : fallback.to,
  };
  const update = (name: "municipality" | "group" | "from" | "to", value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };
  return { filters, update };
}

/** The manager's home: the headline indicators for a municipality, group and period, each with its definition. */
export function MetricsPage() {
  const { t, i18n } = useTranslation();
  const { filters, update } = useFilters();
  const periodInvalid = filters.from > filters.to;
  const results = useFiguresFor(periodInvalid ? [] : HEADLINE_INDICATORS, filters);
  return (
    <>
      <PageHeading title={t("metrics.title")}>{t("metrics.title")}</PageHeading>
      <p>{t("metrics.intro")}</p>
      <form className="form form--inline" aria-label={t("metrics.filters.label")} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="metrics-municipality"
          label={t("metrics.filters.municipality")}
          value={filters.municipality ?? ""}
          onChange={(event) => update("municipality", event.target.value)}
        >
          <option value="">{t("metrics.filters.allMunicipalities")}</option>
          {MUNICIPALITIES.map((municipality) => (
            <option key={municipality.code} value={municipality.code}>
              {i18n.language === "sv" ? municipality.sv : municipality.fi}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="metrics-group"
          label={t("metrics.filters.group")}
          value={filters.group}
          onChange={(event) => update("group", event.target.value === "all" ? "" : event.target.value)}
        >
          {GROUPS.map((group) => (
            <option key={group} value={group}>
              {t(`metrics.group.${group}`)}
            </option>
          ))}
        </SelectField>
        <div className="form-field">
          <label htmlFor="metrics-from" className="form-field__label">
            {t("metrics.filters.from")}
          </label>
          <input
            id="metrics-from"
            className="form-field__select"
            type="month"
            value={filters.from}
            aria-invalid={periodInvalid || undefined}
            aria-describedby={periodInvalid ? "metrics-period-error" : undefined}
            onChange={(event) => update("from", event.target.value)}
          />
        </div>
        <div className="form-field">
          <label htmlFor="metrics-to" className="form-field__label">
            {t("metrics.filters.to")}
          </label>
          <input
            id="metrics-to"
            className="form-field__select"
            type="month"
            value={filters.to}
            aria-invalid={periodInvalid || undefined}
            aria-describedby={periodInvalid ? "metrics-period-error" : undefined}
            onChange={(event) => update("to", event.target.value)}
          />
        </div>
      </form>
      {periodInvalid ? (
        <p id="metrics-period-error" role="alert" className="form-field__error">
          {t("metrics.filters.periodInvalid")}
        </p>
      ) : null}
      {results.map((result, index) => {
        const code = HEADLINE_INDICATORS[index] ?? "";
        if (result.isPending) {
          return (
            <p key={code} role="status">
              {t("metrics.loading", { name: t(`metrics.indicator.${code}`) })}
            </p>
          );
        }
        if (result.isError) {
          return (
            <ErrorAlert key={code} title={t("metrics.loadFailed", { name: t(`metrics.indicator.${code}`) })}>
              <p>
                {result.error instanceof ApiError && result.error.status === 403
                  ? t("errors.forbidden")
                  : result.error instanceof ApiError && result.error.status === 401
                    ? t("errors.signedOut")
                    : t("errors.loadFailed")}
              </p>
            </ErrorAlert>
          );
        }
        return <FigureTable key={code} figures={result.data} />;
      })}
    </>
  );
}
