import "hds-core/lib/components/text-input/text-input.min.css";

import type { InputHTMLAttributes } from "react";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "aria-describedby"> & {
  id: string;
  label: string;
  helperText?: string;
  /** Shown under the field and named by it; marks the field invalid. */
  errorText?: string;
};

/**
 * A one-line text field that looks and behaves as HDS's (hds-react's `TextInput`): HDS's own stylesheet for it
 * (hds-core), the same markup, the label tied to the field and the error and help texts named by it
 * (`aria-describedby`), `aria-invalid` while there is an error. For the first screen, where hds-react's would bring
 * its tooltip and Popper with it; the pages loaded later keep hds-react's.
 */
export function TextField({ id, label, helperText, errorText, type = "text", ...input }: TextFieldProps) {
  const describedBy = [helperText ? `${id}-helper` : null, errorText ? `${id}-error` : null].filter(Boolean);
  return (
    <div className={errorText ? "hds-text-input hds-text-input--invalid" : "hds-text-input"}>
      <label htmlFor={id} className="hds-text-input__label">
        {label}
      </label>
      <div className="hds-text-input__input-wrapper">
        <input
          id={id}
          type={type}
          className="hds-text-input__input"
          aria-describedby={describedBy.length ? describedBy.join(" ") : undefined}
          aria-invalid={errorText ? true : undefined}
          {...input}
        />
      </div>
      {errorText ? (
        <div className="hds-text-input__error-text" id={`${id}-error`}>
          {errorText}
        </div>
      ) : null}
      {helperText ? (
        <div className="hds-text-input__helper-text" id={`${id}-helper`}>
          {helperText}
        </div>
      ) : null}
    </div>
  );
}
