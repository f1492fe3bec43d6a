import type { TFunction } from "i18next";

import { ApiError, type FieldProblem } from "./problem";

/** A field error in the reader's language: a message for this form's field, a general one for the code, or the server's. */
export function fieldErrorMessage(t: TFunction, form: string, name: string, error: FieldProblem): string {
  return t([`${form}.errors.${name}.${error.code}`, `errors.code.${error.code}`], { defaultValue: error.message });
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
