import { Button } from "hds-react";
import type { FormEvent, ReactNode } from "react";

/**
 * The filter row of a search page: a search landmark, named by ``label`` or by the heading ``labelledBy`` points
 * to, with its fields side by side and the button that applies them last. The browser checks the fields' own
 * constraints (a number's range, a pattern) before ``onFilter`` runs. Pairs with ``useFilterDraft``.
 */
export function FilterForm({
  label,
  labelledBy,
  submitLabel,
  onFilter,
  children,
}: {
  label?: string;
  labelledBy?: string;
  submitLabel: string;
  onFilter: () => void;
  children: ReactNode;
}) {
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onFilter();
  };
  return (
    <form
      role="search"
      className="form form--inline"
      onSubmit={onSubmit}
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      {children}
      <div className="form__actions">
        <Button type="submit">{submitLabel}</Button>
      </div>
    </form>
  );
}
