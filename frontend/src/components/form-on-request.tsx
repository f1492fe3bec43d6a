import { Button, ButtonVariant } from "hds-react";
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";

/** How long a saved entry is waited for (the list shows it once the service's answer has been fetched again). */
const SAVED_ENTRY_WAIT_MS = 5000;

/** Focuses an element that cannot take focus by itself (a heading, a list item) without putting it in the tab order. */
function focusElement(element: HTMLElement) {
  if (!element.hasAttribute("tabindex") && element.tabIndex < 0) element.tabIndex = -1;
  element.focus();
}

/**
 * Focuses the element ``id`` as soon as it is in the document (at once, or when a list fetched again shows it),
 * unless the user has moved focus elsewhere meanwhile. Returns a function that stops waiting.
 */
export function focusWhenPresent(id: string, stillWanted: () => boolean): () => void {
  const present = document.getElementById(id);
  if (present) {
    focusElement(present);
    return () => undefined;
  }
  const observer = new MutationObserver(() => {
    const element = document.getElementById(id);
    if (!element) return;
    stop();
    if (stillWanted()) focusElement(element);
  });
  const timer = window.setTimeout(() => stop(), SAVED_ENTRY_WAIT_MS);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}

/** Where focus goes once the form has opened or closed (applied after React has rendered the change). */
type FocusTarget = { to: "heading" } | { to: "opener" } | { to: "entry"; id: string };

export interface FormOnRequest {
  /** Whether the form is open. */
  isOpen: boolean;
  /** Opens the form; focus goes to its heading. */
  open: () => void;
  /** Closes the form without saving; focus goes back to the button that opened it. */
  cancel: () => void;
  /**
   * Closes the form after saving; focus goes to the saved entry (the element with the id ``entryId``) when the page
   * shows it, to the opening button until then, or when there is no entry of its own to show.
   */
  saved: (entryId?: string | null) => void;
  /** For the opening button: its state and the region it controls. */
  buttonProps: {
    ref: RefObject<HTMLButtonElement | null>;
    "aria-expanded": boolean;
    "aria-controls": string;
    onClick: () => void;
  };
  /** For the region holding the form: its id, and Escape closing it. */
  regionProps: {
    id: string;
    ref: RefObject<HTMLDivElement | null>;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  };
}

/**
 * A form shown when asked for, the same way on every tab of the client's workspace: the button that opens it says
 * whether it is open and which region it controls; opening moves focus to the form's heading (to its first field when
 * it has no heading), Cancel or Escape
 * closes it and gives focus back to the button, saving closes it and moves focus to the saved entry. ``id`` names
 * the region the form is shown in (unique on the page). ``onOpen`` runs when the form opens (to clear an old
 * message, say); the button toggles the form.
 */
export function useFormOnRequest(id: string, { onOpen }: { onOpen?: () => void } = {}): FormOnRequest {
  const [isOpen, setOpen] = useState(false);
  const [target, setTarget] = useState<FocusTarget | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const region = useRef<HTMLDivElement | null>(null);
  // The element that had focus when the form opened: where focus returns when no single button has ``buttonProps``
  // (a form opened from one of several rows).
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (!target) return;
    if (target.to === "heading") {
      // The form's heading; a form too small to have one, its first field.
      const heading = region.current?.querySelector<HTMLElement>("h2, h3, h4, legend, input, select, textarea");
      if (heading) focusElement(heading);
      return;
    }
    const button = opener.current ?? (returnTo.current?.isConnected ? returnTo.current : null);
    if (target.to === "opener") {
      button?.focus();
      return;
    }
    if (!document.getElementById(target.id)) button?.focus();
    return focusWhenPresent(target.id, () => {
      const active = document.activeElement;
      return !active || active === document.body || active === button;
    });
  }, [target]);

  const open = useCallback(() => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    onOpen?.();
    setOpen(true);
    setTarget({ to: "heading" });
  }, [onOpen]);
  const cancel = useCallback(() => {
    setOpen(false);
    setTarget({ to: "opener" });
  }, []);
  const saved = useCallback((entryId?: string | null) => {
    setOpen(false);
    setTarget(entryId ? { to: "entry", id: entryId } : { to: "opener" });
  }, []);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      cancel();
    },
    [cancel],
  );

  return {
    isOpen,
    open,
    cancel,
    saved,
    buttonProps: {
      ref: opener,
      "aria-expanded": isOpen,
      "aria-controls": id,
      onClick: isOpen ? cancel : open,
    },
    regionProps: { id, ref: region, onKeyDown },
  };
}

export interface FormOnRequestWithResult extends FormOnRequest {
  /** What the last saving did, in words (who did what), until the form opens again. */
  result: string | null;
  /** The id of the element showing ``result`` (a ``SavedResult``). */
  resultId: string;
  /** Closes the form after saving and tells what was saved: focus goes to the message. */
  report: (message: string) => void;
}

/**
 * A form shown on request (see {@link useFormOnRequest}) whose saving is told in a message rather than shown as an
 * entry of its own: the message is cleared when the form opens again, and focus goes to it once saved. Show it with
 * ``<SavedResult id={form.resultId}>{form.result}</SavedResult>``.
 */
export function useFormOnRequestWithResult(id: string): FormOnRequestWithResult {
  const [result, setResult] = useState<string | null>(null);
  const form = useFormOnRequest(id, { onOpen: () => setResult(null) });
  const resultId = `${id}-result`;
  const { saved } = form;
  const report = useCallback(
    (message: string) => {
      setResult(message);
      saved(resultId);
    },
    [saved, resultId],
  );
  return { ...form, result, resultId, report };
}

/**
 * The opening button and the region of a form shown on request (see {@link useFormOnRequest}). ``children`` renders
 * the form while it is open, given ``cancel`` and ``saved`` to call. ``name`` is the button's accessible name when its
 * visible ``label`` alone does not tell one row's button from another's (it must contain the label, WCAG 2.5.3).
 */
export function FormOnRequestRegion({
  form,
  label,
  name,
  variant = ButtonVariant.Secondary,
  buttonId,
  children,
}: {
  form: FormOnRequest;
  label: string;
  name?: string;
  variant?: ButtonVariant.Primary | ButtonVariant.Secondary;
  buttonId?: string;
  children: ReactNode;
}) {
  return (
    <>
      <Button id={buttonId} variant={variant} aria-label={name} {...form.buttonProps}>
        {label}
      </Button>
      <div {...form.regionProps}>{form.isOpen ? children : null}</div>
    </>
  );
}

/**
 * A form shown on request, laid out as each one is: its title (focused when the form opens) names it, the fields,
 * then the button that saves beside Cancel, which closes the form and gives focus back to the button that opened it.
 * ``level`` is the title's heading level, one below the section's; the form's error summary is among ``children``.
 */
export function FormOnRequestForm({
  form,
  title,
  level = 3,
  submitLabel,
  submitting,
  onSubmit,
  children,
}: {
  form: FormOnRequest;
  title: string;
  level?: 3 | 4;
  submitLabel: string;
  submitting: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const Title = level === 4 ? "h4" : "h3";
  const titleId = `${form.regionProps.id}-title`;
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <Title id={titleId} tabIndex={-1}>
        {title}
      </Title>
      {children}
      <div className="form__actions">
        <Button type="submit" disabled={submitting}>
          {submitLabel}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={form.cancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
