import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { ChoiceSelect } from "../../../components/choice-select";
import { MonthField } from "../../../components/month-field";
import { MunicipalitySelect } from "../../../components/municipality-select";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { GROUPS, type Group, REGIONS, type Region } from "../api/types";
import { defaultPeriod, isMonth } from "./period";

export type View = "chart" | "table";

export interface Filters {
  municipality: string | undefined;
  region: Region;
  group: Group;
  from: string;
  to: string;
  view: View;
}

type FilterName = keyof Filters;

function isGroup(value: string | null): value is Group {
  return value !== null && (GROUPS as readonly string[]).includes(value);
}

function isRegion(value: string | null): value is Region {
  return value !== null && (REGIONS as readonly string[]).includes(value);
}

/** The defaults, which the address leaves out: the whole organisation, by municipality, everyone, as charts. */
const DEFAULTS: Partial<Record<FilterName, string>> = { region: "municipality", group: "all", view: "chart" };

/**
 * The filters as the address holds them (``?municipality=398&group=under_25&from=2025-01&to=2025-12&view=table``).
 * Every change is a new history entry, so that the back button returns to the figures seen before.
 */
export function useFilters() {
  const [params, setParams] = useSearchParams();
  const municipalities = useMunicipalityNames();
  const fallback = defaultPeriod();
  const municipality = params.get("municipality");
  const region = params.get("region");
  const group = params.get("group");
  const from = params.get("from");
  const to = params.get("to");
  const filters: Filters = {
    municipality: municipalities.known(municipality) ? municipality : undefined,
    region: isRegion(region) ? region : "municipality",
    group: isGroup(group) ? group : "all",
    from: isMonth(from) ? from : fallback.from,
    to: isMonth(to) ? to : fallback.to,
    view: params.get("view") === "table" ? "table" : "chart",
  };
  const update = (name: FilterName, value: string) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value && value !== DEFAULTS[name]) next.set(name, value);
      else next.delete(name);
      return next;
    });
  };
  return { filters, update, search: params.toString() };
}

/** The query the API takes for these filters. */
export function figureFilters(filters: Filters) {
  return {
    municipality: filters.municipality,
    group: filters.group,
    from: filters.from,
    to: filters.to,
    ...(filters.region === "employment_area" ? { region: filters.region } : {}),
  };
}

export function periodInvalid(filters: Filters): boolean {
  return filters.from > filters.to;
}

/** The municipality (or employment area), group and period, each kept in the address. */
export function FiltersForm({ filters, update }: Pick<ReturnType<typeof useFilters>, "filters" | "update">) {
  const { t } = useTranslation();
  const invalid = periodInvalid(filters);
  return (
    <>
      <form className="form form--inline" aria-label={t("metrics.filters.label")} onSubmit={(e) => e.preventDefault()}>
        <MunicipalitySelect
          id="metrics-municipality"
          label={t("metrics.filters.municipality")}
          noChoice={t("metrics.filters.allMunicipalities")}
          value={filters.municipality ?? ""}
          onChange={(event) => update("municipality", event.target.value)}
        />
        <ChoiceSelect
          id="metrics-region"
          label={t("metrics.filters.region")}
          choices={REGIONS}
          choiceLabel={(region) => t(`metrics.region.${region}`)}
          value={filters.region}
          onChange={(event) => update("region", event.target.value)}
        />
        <ChoiceSelect
          id="metrics-group"
          label={t("metrics.filters.group")}
          choices={GROUPS}
          choiceLabel={(group) => t(`metrics.group.${group}`)}
          value={filters.group}
          onChange={(event) => update("group", event.target.value)}
        />
        <MonthField
          id="metrics-from"
          label={t("metrics.filters.from")}
          value={filters.from}
          errorId={invalid ? "metrics-period-error" : undefined}
          onChange={(event) => update("from", event.target.value)}
        />
        <MonthField
          id="metrics-to"
          label={t("metrics.filters.to")}
          value={filters.to}
          errorId={invalid ? "metrics-period-error" : undefined}
          onChange={(event) => update("to", event.target.value)}
        />
      </form>
      {invalid ? (
        <p id="metrics-period-error" role="alert" className="form-field__error">
          {t("metrics.filters.periodInvalid")}
        </p>
      ) : null}
    </>
  );
}
