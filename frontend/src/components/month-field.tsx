import type { ComponentPropsWithRef } from "react";

interface MonthFieldProps extends Omit<ComponentPropsWithRef<"input">, "id" | "type"> {
  id: string;
  label: string;
  /** The id of the message that says why the value is refused, while it is: the field is then invalid and read with
   * the message. */
  errorId?: string;
}

/** A labelled month (``YYYY-MM``, the browser's month picker) in the look of the other fields, as a period's end. */
export function MonthField({ id, label, errorId, ...input }: MonthFieldProps) {
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      <input
        id={id}
        className="form-field__select"
        type="month"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        {...input}
      />
    </div>
  );
}
