import type { ComponentPropsWithRef, ReactNode } from "react";

interface SelectFieldProps extends ComponentPropsWithRef<"select"> {
  id: string;
  label: string;
  errorText?: string;
  children: ReactNode;
}

/** A labelled native select in the design system's look (HDS text input), with its error text tied to it. */
export function SelectField({ id, label, errorText, required, children, ...select }: SelectFieldProps) {
  const errorId = `${id}-error`;
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
        aria-describedby={errorText ? errorId : undefined}
        {...select}
      >
        {children}
      </select>
      {errorText ? (
        <p id={errorId} className="form-field__error">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}
