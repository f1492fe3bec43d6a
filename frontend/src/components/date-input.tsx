import { TextInput, type TextInputProps } from "hds-react";
import { useState } from "react";
import { type Control, type FieldPath, type FieldValues, type RegisterOptions, useController } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { dateFieldValue, ISO_DATE } from "../lib/date-field";
import { dateInputValue } from "../lib/format";

type DateInputProps<Values extends FieldValues> = Omit<TextInputProps, "name" | "value" | "onChange" | "type"> & {
  control: Control<Values>;
  name: FieldPath<Values>;
  /** Checks for a form without a schema (a schema checks with ``isoDate`` of lib/date-field). */
  rules?: RegisterOptions<Values, FieldPath<Values>>;
};

/**
 * A date typed as Finland writes it (``3.12.2026`` in Finnish and Swedish, ``03/12/2026`` in English; ISO 8601 is
 * read too), never the browser's own date widget and its locale. The form holds the day as ISO 8601, or the text as
 * typed when it is not a day, which the form's checks refuse with a message next to the field.
 */
export function DateInput<Values extends FieldValues>({
  control,
  name,
  rules,
  helperText,
  required,
  ...input
}: DateInputProps<Values>) {
  const { t } = useTranslation();
  const {
    field: { name: fieldName, value: fieldValue, ref, onBlur, onChange },
  } = useController({
    control,
    name,
    rules: {
      ...(required && !rules?.required ? { required: t("errors.code.missing") } : {}),
      ...rules,
      validate: {
        ...(typeof rules?.validate === "function" ? { own: rules.validate } : rules?.validate),
        day: (value: unknown) =>
          !value || (typeof value === "string" && ISO_DATE.test(value)) || t("common.dateInvalid"),
      },
    },
  });
  const value = typeof fieldValue === "string" ? fieldValue : "";
  const [text, setText] = useState(() => dateInputValue(value));
  // A value set by the form (a reset, a saved record) replaces what is shown; what the person types stays as typed.
  if (dateFieldValue(text) !== value) setText(dateInputValue(value));
  return (
    <TextInput
      {...input}
      required={required}
      inputMode="numeric"
      autoComplete="off"
      helperText={helperText ?? t("common.dateHelp")}
      name={fieldName}
      ref={ref}
      value={text}
      onBlur={onBlur}
      onChange={(event) => {
        setText(event.target.value);
        onChange(dateFieldValue(event.target.value));
      }}
    />
  );
}
