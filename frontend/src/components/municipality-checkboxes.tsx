import { useId, useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { useMunicipalityNames } from "../lib/municipalities";
import { MunicipalitiesLoaded } from "./municipalities-loaded";

/**
 * A checkbox for each municipality of the classification (308), sorted by the reader's language, with a text field
 * that narrows the list by name. A box the filter hides stays in the form, so a choice made earlier is kept.
 */
export function MunicipalityCheckboxes({
  registration,
  selected,
}: {
  registration: UseFormRegisterReturn;
  selected: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState("");
  const filterId = useId();
  const wanted = filter.trim().toLocaleLowerCase(i18n.language);
  const municipalities = useMunicipalityNames();
  const matches = (code: string) => municipalities.name(code).toLocaleLowerCase(i18n.language).includes(wanted);
  const shown = (code: string) => !wanted || selected.includes(code) || matches(code);
  const anyMatch = !wanted || municipalities.list.some((municipality) => matches(municipality.code));
  return (
    <>
      <div className="form-field">
        <label htmlFor={filterId}>{t("municipalities.filter")}</label>
        <input id={filterId} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
      </div>
      <p aria-live="polite">{t("municipalities.selectedCount", { count: selected.length })}</p>
      {!anyMatch && <p>{t("municipalities.noMatch")}</p>}
      <MunicipalitiesLoaded>
        <div className="checkbox-list">
          {municipalities.list.map((municipality) => (
            <label key={municipality.code} className="checkbox" hidden={!shown(municipality.code)}>
              <input type="checkbox" value={municipality.code} {...registration} />
              {municipalities.name(municipality.code)}
            </label>
          ))}
        </div>
      </MunicipalitiesLoaded>
    </>
  );
}
