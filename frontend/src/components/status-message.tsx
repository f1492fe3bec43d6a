import type { ReactNode } from "react";

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
