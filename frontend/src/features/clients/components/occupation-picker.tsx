import { Button, ButtonVariant, TextInput } from "hds-react";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";

import { occupationLanguage, useOccupations, useOccupationSearch } from "../api/search-occupations";
import type { OccupationRead } from "../api/types";

/** An occupation's label in the reader's language, with its ISCO-08 code. */
export function occupationLabel(code: string, entry: OccupationRead | undefined, language: string): string {
  return entry ? `${entry[occupationLanguage(language)]} (${code})` : code;
}

interface PickerProps {
  id: string;
  /** The legend of the group; by default the occupations the client seeks work in. */
  legend?: string;
  /** The label of the search field; by default "Search for an occupation". */
  searchLabel?: string;
  /** At most one occupation (e.g. of one job in the work history): the search hides once it is chosen. */
  single?: boolean;
  selected: string[];
  onAdd: (code: string) => void;
  onRemove: (index: number) => void;
  errorText?: string;
}

/**
 * Occupations the client seeks work in: the chosen ones with a remove button each, and a search of ISCO-08 by
 * code or by label in the UI language whose results are buttons. Plain buttons and lists rather than a combobox,
 * so that it works the same with a keyboard, a screen reader and a pointer.
 */
export function OccupationPicker({
  id,
  legend,
  searchLabel,
  single = false,
  selected,
  onAdd,
  onRemove,
  errorText,
}: PickerProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const search = useOccupationSearch(deferred, i18n.language);
  const labels = useOccupations(selected);
  const results = (search.data ?? []).filter((entry) => !selected.includes(entry.code));

  const add = (code: string) => {
    onAdd(code);
    setQuery("");
    // Focus goes on to the search for another, or to the remove button when only one may be chosen.
    requestAnimationFrame(() =>
      (single
        ? document.querySelector<HTMLElement>(`#${id}-chosen button`)
        : document.getElementById(`${id}-search`)
      )?.focus(),
    );
  };
  const searching = !(single && selected.length > 0);

  return (
    <fieldset className="form-fieldset" aria-describedby={errorText ? `${id}-error` : undefined}>
      <legend className="form-field__label">{legend ?? t("assessment.occupations")}</legend>
      {selected.length ? (
        <ul
          id={`${id}-chosen`}
          className="plain-list plain-list--bare"
          aria-label={single && legend ? legend : t("assessment.chosenOccupations")}
        >
          {selected.map((code, index) => {
            const label = occupationLabel(code, labels.get(code), i18n.language);
            return (
              <li key={code} className="repeat-row">
                <span>{label}</span>
                <Button variant={ButtonVariant.Secondary} onClick={() => onRemove(index)}>
                  {t("assessment.removeOccupation", { occupation: label })}
                </Button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t("assessment.noOccupations")}</p>
      )}
      {errorText ? (
        <p id={`${id}-error`} className="form-field__error">
          {errorText}
        </p>
      ) : null}
      {searching ? (
        <>
          <TextInput
            id={`${id}-search`}
            label={searchLabel ?? t("assessment.occupationSearch")}
            helperText={t("assessment.occupationSearchHelp")}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") event.preventDefault(); // searching is not saving the form
            }}
          />
          <div aria-live="polite">
            {deferred.trim().length >= 2 && search.isSuccess ? (
              results.length ? (
                <ul className="plain-list plain-list--bare" aria-label={t("assessment.occupationResults")}>
                  {results.map((entry) => (
                    <li key={entry.code}>
                      <Button variant={ButtonVariant.Secondary} onClick={() => add(entry.code)}>
                        {t("assessment.addOccupation", {
                          occupation: occupationLabel(entry.code, entry, i18n.language),
                        })}
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t("assessment.noOccupationResults")}</p>
              )
            ) : null}
            {search.isError ? <p role="alert">{t("errors.loadFailed")}</p> : null}
          </div>
        </>
      ) : null}
    </fieldset>
  );
}
