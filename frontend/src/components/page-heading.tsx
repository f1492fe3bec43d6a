import { type ReactNode, useEffect, useRef } from "react";

/**
 * The page's h1. It takes focus when the page opens, so that a screen reader announces the new page
 * after in-app navigation, and it names the document.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Polku`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
