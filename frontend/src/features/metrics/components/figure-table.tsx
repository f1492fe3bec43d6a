import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import { formatDate } from "../../../lib/format";
import { useMunicipalityNames } from "../../../lib/municipalities";
import type { CellRead, DefinitionRead, Figures } from "../api/types";
import { formatValue } from "./trend";

/**
 * An employment area's name in the reader's language (Swedish for ``sv``, Finnish otherwise), as metrics-api names the
 * areas of its answer from Statistics Finland's sub-regional units; an area it does not name shows its code.
 */
export function areaName(t: TFunction, figures: Figures, code: string, language: string): string {
  if (code === "unplaced") return t("metrics.region.unplaced");
  const area = figures.employment_areas?.find((item) => item.code === code);
  if (!area) return code;
  return t("metrics.region.area", { name: language === "sv" ? area.sv : area.fi });
}

/** The definition a cell was computed by: the newest version in force on the cell's month. */
function definitionOf(cell: CellRead, definitions: readonly DefinitionRead[]): DefinitionRead | undefined {
  const inForce = definitions.filter((definition) => definition.valid_from.slice(0, 7) <= cell.month);
  const sorted = [...(inForce.length ? inForce : definitions)].sort((a, b) => b.version - a.version);
  return sorted[0];
}

export function Definition({ definition, id }: { definition: DefinitionRead; id: string }) {
  const { t } = useTranslation();
  return (
    <aside className="metrics-definition" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t("metrics.definition.title", { version: definition.version, validFrom: formatDate(definition.valid_from) })}
      </h3>
      <dl>
        <dt>{t("metrics.definition.formula")}</dt>
        <dd>{definition.formula}</dd>
        <dt>{t("metrics.definition.source")}</dt>
        <dd>{definition.source}</dd>
        <dt>{t("metrics.definition.kind")}</dt>
        <dd>{t(`metrics.kind.${definition.kind}`)}</dd>
        {definition.kind === "stock" ? (
          <>
            <dt>{t("metrics.definition.countDateRule")}</dt>
            <dd>{definition.count_date_rule}</dd>
          </>
        ) : null}
        {definition.statuses.length ? (
          <>
            <dt>{t("metrics.definition.statuses")}</dt>
            <dd>{definition.statuses.join(", ")}</dd>
          </>
        ) : null}
        {definition.service_types.length ? (
          <>
            <dt>{t("metrics.definition.serviceTypes")}</dt>
            <dd>{definition.service_types.join(", ")}</dd>
          </>
        ) : null}
        {definition.activating_services.length ? (
          <>
            <dt>{t("metrics.definition.activatingServices")}</dt>
            <dd>
              <ul>
                {definition.activating_services.map((service) => (
                  <li key={`${service.service_type}-${service.valid_from}`}>{service.name_fi}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {definition.awaiting.length ? (
          <>
            <dt>{t("metrics.definition.awaiting")}</dt>
            <dd>{definition.awaiting.join(", ")}</dd>
          </>
        ) : null}
      </dl>
    </aside>
  );
}

/**
 * One indicator's figures as a table, each row naming the version of the definition it was computed by. A cell
 * counting 1 to 4 persons is shown as withheld, never as a number, and points to the reason (``noteId``).
 */
export function FigureTable({
  figures,
  name,
  noteId,
  breakdownName = (breakdown) => breakdown,
}: {
  figures: Figures;
  name: string;
  noteId: string;
  /** A breakdown's words (a coach's name for their subject). */
  breakdownName?: (breakdown: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const municipalities = useMunicipalityNames();
  const latest = [...figures.definitions].sort((a, b) => b.version - a.version)[0];
  const showBreakdown = figures.cells.some((cell) => cell.breakdown);
  const byArea = figures.cells.some((cell) => cell.employment_area);
  return (
    <div className="table-wrapper">
      <table className="data-table">
        <caption>
          {t("metrics.table.caption", { name })}
          {latest ? ` (${t(`metrics.unit.${latest.unit}`)})` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("metrics.table.month")}</th>
            <th scope="col">{byArea ? t("metrics.table.employmentArea") : t("metrics.table.municipality")}</th>
            {showBreakdown ? <th scope="col">{t("metrics.table.breakdown")}</th> : null}
            <th scope="col">{t("metrics.table.value")}</th>
            <th scope="col">{t("metrics.table.persons")}</th>
            <th scope="col">{t("metrics.table.definition")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.cells.map((cell) => {
            const definition = definitionOf(cell, figures.definitions);
            const place = cell.employment_area ?? cell.municipality;
            return (
              <tr key={`${cell.month}-${place ?? ""}-${cell.group}-${cell.breakdown ?? ""}`}>
                <th scope="row">
                  {cell.month}
                  {cell.count_date ? (
                    <span className="metrics-count-date">
                      {" "}
                      {t("metrics.table.countDate", { date: formatDate(cell.count_date) })}
                    </span>
                  ) : null}
                </th>
                <td>
                  {cell.employment_area
                    ? areaName(t, figures, cell.employment_area, i18n.language)
                    : cell.municipality
                      ? municipalities.name(cell.municipality)
                      : t("metrics.filters.allMunicipalities")}
                </td>
                {showBreakdown ? (
                  <td>{cell.breakdown ? breakdownName(cell.breakdown) : t("metrics.table.total")}</td>
                ) : null}
                <td>
                  {cell.suppressed ? (
                    <span aria-describedby={noteId}>{t("metrics.suppressed")}</span>
                  ) : !cell.available ? (
                    t("metrics.unavailable")
                  ) : cell.value === null ? (
                    t("metrics.notComputable")
                  ) : (
                    formatValue(cell.value, definition?.unit ?? "persons", i18n.language)
                  )}
                </td>
                <td>{cell.suppressed ? t("metrics.suppressed") : (cell.persons ?? "")}</td>
                <td>{definition ? t("metrics.table.version", { version: definition.version }) : ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
