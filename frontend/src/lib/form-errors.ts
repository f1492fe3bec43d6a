import type { TFunction } from "i18next";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

import { ApiError, type FieldProblem, mapFieldErrors, type Problem } from "./problem";

/** A field error in the reader's language: a message for this form's field, a general one for the code, or the server's. */
export function fieldErrorMessage(t: TFunction, form: string, name: string, error: FieldProblem): string {
  return t([`${form}.errors.${name}.${error.code}`, `errors.code.${error.code}`], { defaultValue: error.message });
}

/**
 * Puts a 422 problem's field errors on the form's fields (shown next to each field, first one focused) and returns
 * the messages that belong to no field, for an alert above the form.
 */
export function applyFieldErrors<Values extends FieldValues>(
  t: TFunction,
  form: string,
  problem: Problem | null,
  names: readonly Path<Values>[],
  setError: UseFormSetError<Values>,
): string[] {
  const { fields, general } = mapFieldErrors(problem, names);
  let first = true;
  for (const name of names) {
    const error = fields[name];
    if (!error) continue;
    setError(name, { type: "server", message: fieldErrorMessage(t, form, name, error) }, { shouldFocus: first });
    first = false;
  }
  return general.map((error) => fieldErrorMessage(t, form, "general", error));
}

/** Props that show a field's error next to it and mark the input invalid for assistive technology. */
export function errorProps(error: { message?: string } | undefined) {
  return {
    errorText: error?.message,
    invalid: Boolean(error),
    "aria-invalid": error ? (true as const) : undefined,
  };
}

/** Why something could not be loaded, in words the user can act on. */
export function loadErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return t("errors.forbidden");
  if (error instanceof ApiError && error.status === 401) return t("errors.signedOut");
  return t("errors.loadFailed");
}
