import { Button, ButtonVariant } from "hds-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { loadErrorMessage } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import type { Reconciling } from "../api/get-latest-report";
import { type ParkedEvent, useParkedEvents } from "../api/get-parked-events";
import { useReplayParkedEvent } from "../api/replay-parked-event";
import { ConfirmReplay, type ReplayOutcome, ReplayOutcomeMessage } from "./replay-controls";

/**
 * The national platform's events that one service could not handle on any attempt (*parked*), with their last error,
 * and a replay for the administrator: asked to confirm, the outcome announced and focused, naming who replayed.
 */
export function ParkedEventsSection({ service }: { service: Reconciling }) {
  const { t } = useTranslation();
  const parked = useParkedEvents(service);
  const replay = useReplayParkedEvent(service);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ReplayOutcome | null>(null);
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
      const why = notParked ? t("integration.parked.notParked") : loadErrorMessage(t, error);
      setOutcome({ kind: "failed", text: t("integration.parked.failed", { error: why }) });
    } finally {
      setConfirming(null);
    }
  };

  return (
    <section aria-labelledby={titleId} className="page-section">
      <h2 id={titleId}>{t(`integration.parked.title.${service}`)}</h2>
      <p>{t("integration.parked.help")}</p>
      <ReplayOutcomeMessage outcome={outcome} outcomeRef={outcomeRef} />
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
                  id={`confirm-replay-${event.id}`}
                  question={t("integration.parked.confirm", { type: event.type })}
                  confirmLabel={t("integration.parked.confirmReplay")}
                  keepLabel={t("integration.parked.keep")}
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
