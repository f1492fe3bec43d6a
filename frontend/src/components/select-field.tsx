import type { ComponentPropsWithRef, ReactNode } from "react";

export interface SelectFieldProps extends ComponentPropsWithRef<"select"> {
  id: string;
  label: string;
  errorText?: string;
  /** A hint below the field, read with it. */
  helperText?: string;
  children: ReactNode;
}

/** A labelled native select in the design system's look (HDS text input), with its error text tied to it. */
export function SelectField({ id, label, errorText, helperText, required, children, ...select }: SelectFieldProps) {
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [errorText ? errorId : null, helperText ? helpId : null].filter(Boolean).join(" ");
  return (
    <div className={`form-field${errorText ? " form-field--invalid" : ""}`}>
      <label htmlFor={id} className="form-field__label">
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <select
        id={id}
        className="form-field__select"
        required={required}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...select}
      >
        {children}
      </select>
      {errorText ? (
        <p id={errorId} className="form-field__error">
          {errorText}
        </p>
      ) : null}
      {helperText ? (
        <p id={helpId} className="form-field__helper">
          {helperText}
        </p>
      ) : null}
    </div>
  );
}
