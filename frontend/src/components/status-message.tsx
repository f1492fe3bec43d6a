import { type ReactNode, useEffect, useRef } from "react";

/** A polite live region for results of an action ("Interview recorded"); stays in the DOM so it is announced. */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <p role="status" className={children ? "status-message" : "visually-hidden"}>
      {children}
    </p>
  );
}

/** An error the user must notice now; announced at once. */
export function ErrorAlert({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{title}</p>
      {children}
    </div>
  );
}

/**
 * A form's failure above its fields: an alert that takes focus when it appears, so that keyboard and screen reader
 * users land on it. A form clears its failure when it submits, so each new failure appears (and is focused) anew.
 */
export function FormFailure({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1}>
      <ErrorAlert title={title}>{children}</ErrorAlert>
    </div>
  );
}
