import { Button, ButtonVariant } from "hds-react";
import { type RefObject, useEffect, useRef } from "react";

import { StatusMessage } from "../../../components/status-message";

/** What came of a replay: announced (a status) or an alert, in a region that takes the focus when it changes. */
export type ReplayOutcome = { kind: "replayed" | "failed"; text: string };

export function ReplayOutcomeMessage({
  outcome,
  outcomeRef,
}: {
  outcome: ReplayOutcome | null;
  outcomeRef: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div ref={outcomeRef} tabIndex={-1}>
      {outcome?.kind === "failed" ? <p role="alert">{outcome.text}</p> : <StatusMessage>{outcome?.text}</StatusMessage>}
    </div>
  );
}

/** The question before a replay, focused when shown, with the button that replays and the one that keeps it. */
export function ConfirmReplay({
  id,
  question,
  confirmLabel,
  keepLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  id: string;
  question: string;
  confirmLabel: string;
  keepLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const questionRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => questionRef.current?.focus(), []);
  return (
    <div className="form" role="group" aria-labelledby={id}>
      <p id={id} ref={questionRef} tabIndex={-1}>
        {question}
      </p>
      <div className="form__actions">
        <Button disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {keepLabel}
        </Button>
      </div>
    </div>
  );
}
