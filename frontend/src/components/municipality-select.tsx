import { useMunicipalityNames } from "../lib/municipalities";
import { ChoiceSelect } from "./choice-select";
import { MunicipalitiesLoaded } from "./municipalities-loaded";
import type { SelectFieldProps } from "./select-field";

export interface MunicipalitySelectProps extends Omit<SelectFieldProps, "children"> {
  /** The first option, whose value is empty: "All" on a filter, "Choose…" or "Not given" on a form. */
  noChoice: string;
}

/**
 * A select of one municipality of the classification, by code, named and sorted in the reader's language (Swedish
 * names for Swedish), after an option for none. It waits for the classification in its place
 * (``MunicipalitiesLoaded``); the rest of the page does not.
 */
export function MunicipalitySelect({ noChoice, ...field }: MunicipalitySelectProps) {
  const municipalities = useMunicipalityNames();
  return (
    <MunicipalitiesLoaded>
      <ChoiceSelect
        {...field}
        noChoice={noChoice}
        choices={municipalities.list.map((municipality) => municipality.code)}
        choiceLabel={municipalities.name}
      />
    </MunicipalitiesLoaded>
  );
}
