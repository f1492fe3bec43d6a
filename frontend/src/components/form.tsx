import { type MouseEvent, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { fieldErrorMessage } from "../lib/form-errors";
import { ApiError, mapFieldErrors } from "../lib/problem";
import { ErrorAlert } from "./status-message";

/** What a form's error summary shows: a title, the fields the service refused, and what belongs to no field. */
export interface FormFailure {
  title: string;
  /** The refused fields, each with the message also shown next to it. */
  fields: { name: string; message: string }[];
  /** Messages that belong to no field of the form (a rule across fields, an unexpected failure). */
  messages: string[];
  /** Anything more the form says about this failure (a link onwards, what was kept). */
  content?: ReactNode;
}

export interface FormErrors {
  failure: FormFailure | null;
  /** Empties the summary; a form calls it when it submits, so that each failure appears (and is focused) anew. */
  clear: () => void;
  /** Shows a failure that is not about the fields (409, 403, a network error) in the summary. */
  fail: (title: string, messages?: string[], content?: ReactNode) => void;
  /**
   * Shows a 422 problem: each field error next to its field (the field marked invalid) and all of them in the
   * summary. A 403 is shown as "no permission" and a 401 as a session that has ended, never as "check the form".
   * Returns false, showing nothing, for any other error.
   */
  showProblem: (error: unknown, content?: ReactNode) => boolean;
}

/**
 * The service's answer to a form, as the form shows it: RFC 9457 field errors next to the fields they name and in an
 * error summary above them (see {@link ErrorSummary}). ``form`` is the form's translation prefix, for messages
 * written for its fields (``consent.errors.purpose.missing``); ``fields`` are the names the form sends.
 */
export function useFormErrors<Values extends FieldValues>({
  form,
  fields = [],
  setError,
}: {
  form: string;
  fields?: readonly Path<Values>[];
  setError?: UseFormSetError<Values>;
}): FormErrors {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const clear = useCallback(() => setFailure(null), []);
  const fail = useCallback(
    (title: string, messages: string[] = [], content?: ReactNode) =>
      setFailure({ title, fields: [], messages, content }),
    [],
  );
  const showProblem = (error: unknown, content?: ReactNode): boolean => {
    if (error instanceof ApiError && error.status === 403) {
      setFailure({ title: t("errors.noPermission"), fields: [], messages: [t("errors.forbiddenAction")], content });
      return true;
    }
    if (error instanceof ApiError && error.status === 401) {
      setFailure({ title: t("errors.signedOut"), fields: [], messages: [], content });
      return true;
    }
    if (!(error instanceof ApiError && error.status === 422)) return false;
    const mapped = mapFieldErrors(error.problem, setError ? fields : []);
    const refused: FormFailure["fields"] = [];
    for (const name of fields) {
      const problem = mapped.fields[name];
      if (!problem || !setError) continue;
      const message = fieldErrorMessage(t, form, name, problem);
      setError(name, { type: "server", message });
      refused.push({ name, message });
    }
    setFailure({
      title: t("errors.formTitle"),
      fields: refused,
      messages: mapped.general.map((problem) => fieldErrorMessage(t, form, "general", problem)),
      content,
    });
    return true;
  };
  return { failure, clear, fail, showProblem };
}

/** Moves focus to a form's field by its name (the first of a group of radio buttons or checkboxes). */
function focusField(event: MouseEvent<HTMLAnchorElement>, name: string) {
  const field = event.currentTarget.closest("form")?.elements.namedItem(name);
  const target = field instanceof RadioNodeList ? field[0] : field;
  if (target instanceof HTMLElement) {
    event.preventDefault();
    target.focus();
  }
}

/**
 * A form's error summary, placed inside the form above its fields: an alert that takes focus when a failure appears,
 * so that keyboard and screen reader users land on it; each refused field is a link that moves to the field, whose
 * own message stays next to it (``aria-invalid`` and ``aria-describedby`` through {@link errorProps}).
 */
export function ErrorSummary({ errors }: { errors: Pick<FormErrors, "failure"> }) {
  const { failure } = errors;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) ref.current?.focus();
  }, [failure]);
  if (!failure) return null;
  const items = failure.fields.length + failure.messages.length;
  return (
    <div ref={ref} tabIndex={-1} className="error-summary">
      <ErrorAlert title={failure.title}>
        {items ? (
          <ul>
            {failure.fields.map(({ name, message }) => (
              <li key={`field-${name}`}>
                <a href={`#${name}`} onClick={(event) => focusField(event, name)}>
                  {message}
                </a>
              </li>
            ))}
            {failure.messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
        {failure.content}
      </ErrorAlert>
    </div>
  );
}
