import "hds-core/lib/components/button/button.min.css";

import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "supplementary";

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "className"> & {
  /** HDS's variants: a filled primary action, an outlined secondary one, a borderless supplementary one. */
  variant?: ButtonVariant;
  className?: string;
};

/**
 * A button that looks and behaves as HDS's (hds-react's `Button`): HDS's own stylesheet for it (hds-core), the same
 * markup (the label in a span), a native `<button>` so it is focusable, keyboard operable, and when disabled, also
 * to assistive technology. The first screen and the layout use it instead of hds-react's, which brings with it a
 * theming hook and the whole of lodash; the pages loaded later keep hds-react's.
 */
export function Button({ variant = "primary", className, type = "button", children, ...props }: ButtonProps) {
  const classes = ["hds-button", `hds-button--${variant}`, className].filter(Boolean).join(" ");
  return (
    <button type={type} className={classes} {...props}>
      <span>{children}</span>
    </button>
  );
}
