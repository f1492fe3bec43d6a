import { useEffect, useRef } from "react";

/**
 * The result of a saved form: a polite live region that also takes focus when a result appears, so that keyboard
 * and screen reader users land on what happened (and who did it) rather than on a form that was emptied.
 */
export function SavedResult({ children, id }: { children: string | null; id?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (children) ref.current?.focus();
  }, [children]);
  return (
    <p ref={ref} id={id} role="status" tabIndex={-1} className={children ? "status-message" : "visually-hidden"}>
      {children}
    </p>
  );
}
