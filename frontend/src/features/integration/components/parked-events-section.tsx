import { Button, ButtonVariant } from "hds-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { StatusMessage } from "../../../components/status-message";
import { loadErrorMessage } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import type { Reconciling } from "../api/get-latest-report";
import { type ParkedEvent, useParkedEvents } from "../api/get-parked-events";
import { useReplayParkedEvent } from "../api/replay-parked-event";

type Outcome = { kind: "replayed"; text: string } | { kind: "failed"; text: string };

/**
 * The national platform's events that one service could not handle on any attempt (*parked*), with their last error,
 * and a replay for the administrator: asked to confirm, the outcome announced and focused, naming who replayed.
 */
export function ParkedEventsSection({ service }: { service: Reconciling }) {
  const { t } = useTranslation();
  const parked = useParkedEvents(service);
  const replay = useReplayParkedEvent(service);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [kept, setKept] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const titleId = `integration-parked-${service}`;

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (kept) document.getElementById(`replay-${kept}`)?.focus();
  }, [kept]);

  const confirm = async (event: ParkedEvent) => {
    try {
      const replayed = await replay.mutateAsync(event.id);
      setOutcome({
        kind: "replayed",
        text: t("integration.parked.replayed", {
          type: event.type,
          name: replayed.replayed_by_name ?? replayed.replayed_by,
          time: formatDateTime(replayed.replayed_at),
        }),
      });
    } catch (error) {
      const notParked = error instanceof ApiError && error.slug === "inbound-event-not-parked";
      setOutcome({ kind: "failed", text: notParked ? t("integration.parked.notParked") : loadErrorMessage(t, error) });
    } finally {
      setConfirming(null);
    }
  };

  return (
    <section aria-labelledby={titleId} className="page-section">
      <h2 id={titleId}>{t(`integration.parked.title.${service}`)}</h2>
      <p>{t("integration.parked.help")}</p>
      <div ref={outcomeRef} tabIndex={-1}>
        {outcome?.kind === "failed" ? (
          <p role="alert">{t("integration.parked.failed", { error: outcome.text })}</p>
        ) : (
          <StatusMessage>{outcome?.text}</StatusMessage>
        )}
      </div>
      {parked.isPending ? <p>{t("app.loading")}</p> : null}
      {parked.isError ? <p role="alert">{loadErrorMessage(t, parked.error)}</p> : null}
      {parked.data?.length === 0 ? <p>{t("integration.parked.none")}</p> : null}
      {parked.data && parked.data.length > 0 ? (
        <ul className="plain-list">
          {parked.data.map((event) => (
            <li key={event.id} aria-labelledby={`parked-${event.id}`}>
              <h3 id={`parked-${event.id}`}>{event.type}</h3>
              <dl className="details">
                <dt>{t("integration.parked.eventId")}</dt>
                <dd>{event.id}</dd>
                <dt>{t("integration.parked.subject")}</dt>
                <dd>{event.subject ?? "–"}</dd>
                <dt>{t("integration.parked.received")}</dt>
                <dd>{formatDateTime(event.received_at)}</dd>
                <dt>{t("integration.parked.parkedAt")}</dt>
                <dd>{event.parked_at ? formatDateTime(event.parked_at) : "–"}</dd>
                <dt>{t("integration.parked.attempts")}</dt>
                <dd>{event.attempts}</dd>
                <dt>{t("integration.parked.error")}</dt>
                <dd>{event.last_error ?? "–"}</dd>
                {event.last_replay ? (
                  <>
                    <dt>{t("integration.parked.lastReplay")}</dt>
                    <dd>
                      {t("integration.parked.replayedBy", {
                        name: event.last_replay.replayed_by_name ?? event.last_replay.replayed_by,
                        time: formatDateTime(event.last_replay.replayed_at),
                      })}
                    </dd>
                  </>
                ) : null}
              </dl>
              {confirming === event.id ? (
                <ConfirmReplay
                  event={event}
                  busy={replay.isPending}
                  onConfirm={() => void confirm(event)}
                  onCancel={() => {
                    setConfirming(null);
                    setKept(event.id);
                  }}
                />
              ) : (
                <div className="form__actions">
                  <Button
                    id={`replay-${event.id}`}
                    variant={ButtonVariant.Secondary}
                    aria-describedby={`parked-${event.id}`}
                    onClick={() => {
                      setOutcome(null);
                      setKept(null);
                      setConfirming(event.id);
                    }}
                  >
                    {t("integration.parked.replay")}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ConfirmReplay({
  event,
  busy,
  onConfirm,
  onCancel,
}: {
  event: ParkedEvent;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const questionRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => questionRef.current?.focus(), []);
  return (
    <div className="form" role="group" aria-labelledby={`confirm-replay-${event.id}`}>
      <p id={`confirm-replay-${event.id}`} ref={questionRef} tabIndex={-1}>
        {t("integration.parked.confirm", { type: event.type })}
      </p>
      <div className="form__actions">
        <Button disabled={busy} onClick={onConfirm}>
          {t("integration.parked.confirmReplay")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("integration.parked.keep")}
        </Button>
      </div>
    </div>
  );
}
