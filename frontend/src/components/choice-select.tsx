import { SelectField, type SelectFieldProps } from "./select-field";

export interface ChoiceSelectProps<T extends string | number> extends Omit<SelectFieldProps, "children"> {
  /** The values to choose among, in the order shown. */
  choices: readonly T[];
  /** What the reader sees for a value. */
  choiceLabel: (choice: T) => string;
  /** The first option, whose value is empty: "All" on a filter, "Choose…" on a form; no such option when left out. */
  noChoice?: string;
}

/**
 * A labelled select (``SelectField``) with one option for each value of a list, named by ``choiceLabel``, and an
 * option for no value first when ``noChoice`` names it. Controlled (``value``), uncontrolled (``defaultValue``) or
 * registered with react-hook-form (``{...register(name)}``) like a native select.
 */
export function ChoiceSelect<T extends string | number>({
  choices,
  choiceLabel,
  noChoice,
  ...field
}: ChoiceSelectProps<T>) {
  return (
    <SelectField {...field}>
      {noChoice === undefined ? null : <option value="">{noChoice}</option>}
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {choiceLabel(choice)}
        </option>
      ))}
    </SelectField>
  );
}
