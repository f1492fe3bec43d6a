import { Button, ButtonVariant } from "hds-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { loadErrorMessage } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { type Delivery, useDeadLetters, usePaused, useRetrying } from "../api/get-deliveries";
import type { Reconciling } from "../api/get-latest-report";
import { useReplayDelivery } from "../api/replay-delivery";
import { ConfirmReplay, type ReplayOutcome, ReplayOutcomeMessage } from "./replay-controls";

/**
 * A subscription's deliveries that did not go through: those paused while the subscription is inactive (only when
 * there are some), those still being retried (attempts so far, when the next one is due, the last error) and the
 * dead letters, each of which an administrator may send again after confirming; the outcome is announced and focused.
 */
export function SubscriptionDeliveries({ service, subscriptionId }: { service: Reconciling; subscriptionId: string }) {
  return (
    <>
      <Paused service={service} subscriptionId={subscriptionId} />
      <Retrying service={service} subscriptionId={subscriptionId} />
      <DeadLetters service={service} subscriptionId={subscriptionId} />
    </>
  );
}

function Paused({ service, subscriptionId }: { service: Reconciling; subscriptionId: string }) {
  const { t } = useTranslation();
  const paused = usePaused(service, subscriptionId);
  if (paused.isError) return <p role="alert">{loadErrorMessage(t, paused.error)}</p>;
  if (!paused.data || paused.data.items.length === 0) return null;
  const { items, more } = paused.data;
  return (
    <div className="table-wrapper">
      <table className="data-table" aria-describedby={`paused-${subscriptionId}`}>
        <caption>
          {more
            ? t("integration.subscriptions.pausedMore", { shown: items.length })
            : t("integration.subscriptions.paused", { count: items.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("integration.subscriptions.eventType")}</th>
            <th scope="col">{t("integration.subscriptions.attempts")}</th>
            <th scope="col">{t("integration.subscriptions.lastError")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((delivery) => (
            <tr key={delivery.id}>
              <th scope="row">{delivery.event_type}</th>
              <td>{delivery.attempt_count}</td>
              <td>{delivery.last_error ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id={`paused-${subscriptionId}`}>{t("integration.subscriptions.pausedHint")}</p>
    </div>
  );
}

function Retrying({ service, subscriptionId }: { service: Reconciling; subscriptionId: string }) {
  const { t } = useTranslation();
  const retrying = useRetrying(service, subscriptionId);
  if (retrying.isPending) return <p>{t("app.loading")}</p>;
  if (retrying.isError) return <p role="alert">{loadErrorMessage(t, retrying.error)}</p>;
  if (retrying.data.length === 0) return <p>{t("integration.subscriptions.noRetrying")}</p>;
  return (
    <div className="table-wrapper">
      <table className="data-table">
        <caption>{t("integration.subscriptions.retrying", { count: retrying.data.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("integration.subscriptions.eventType")}</th>
            <th scope="col">{t("integration.subscriptions.attempts")}</th>
            <th scope="col">{t("integration.subscriptions.nextAttempt")}</th>
            <th scope="col">{t("integration.subscriptions.lastError")}</th>
          </tr>
        </thead>
        <tbody>
          {retrying.data.map((delivery) => (
            <tr key={delivery.id}>
              <th scope="row">{delivery.event_type}</th>
              <td>{delivery.attempt_count}</td>
              <td>{formatDateTime(delivery.next_attempt_at)}</td>
              <td>{delivery.last_error ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeadLetters({ service, subscriptionId }: { service: Reconciling; subscriptionId: string }) {
  const { t } = useTranslation();
  const dead = useDeadLetters(service, subscriptionId);
  const replay = useReplayDelivery(service, subscriptionId);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ReplayOutcome | null>(null);
  const [kept, setKept] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (kept) document.getElementById(`replay-delivery-${kept}`)?.focus();
  }, [kept]);

  const confirm = async (delivery: Delivery) => {
    try {
      await replay.mutateAsync(delivery.id);
      setOutcome({ kind: "replayed", text: t("integration.subscriptions.replayed", { type: delivery.event_type }) });
    } catch (error) {
      const pending = error instanceof ApiError && error.slug === "webhook-delivery-pending";
      const why = pending ? t("integration.subscriptions.replayPending") : loadErrorMessage(t, error);
      setOutcome({ kind: "failed", text: t("integration.subscriptions.replayFailed", { error: why }) });
    } finally {
      setConfirming(null);
    }
  };

  return (
    <>
      <ReplayOutcomeMessage outcome={outcome} outcomeRef={outcomeRef} />
      {dead.isPending ? <p>{t("app.loading")}</p> : null}
      {dead.isError ? <p role="alert">{loadErrorMessage(t, dead.error)}</p> : null}
      {dead.data?.length === 0 ? <p>{t("integration.subscriptions.noFailures")}</p> : null}
      {dead.data && dead.data.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t("integration.subscriptions.failures", { count: dead.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("integration.subscriptions.eventType")}</th>
                <th scope="col">{t("integration.subscriptions.attempts")}</th>
                <th scope="col">{t("integration.subscriptions.lastStatus")}</th>
                <th scope="col">{t("integration.subscriptions.lastError")}</th>
                <th scope="col">{t("integration.subscriptions.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {dead.data.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row" id={`delivery-${delivery.id}`}>
                    {delivery.event_type}
                  </th>
                  <td>{delivery.attempt_count}</td>
                  <td>{delivery.last_status_code ?? "–"}</td>
                  <td>{delivery.last_error ?? "–"}</td>
                  <td>
                    {confirming === delivery.id ? (
                      <ConfirmReplay
                        id={`confirm-delivery-${delivery.id}`}
                        question={t("integration.subscriptions.confirmReplay", { type: delivery.event_type })}
                        confirmLabel={t("integration.subscriptions.confirmSend")}
                        keepLabel={t("integration.subscriptions.keep")}
                        busy={replay.isPending}
                        onConfirm={() => void confirm(delivery)}
                        onCancel={() => {
                          setConfirming(null);
                          setKept(delivery.id);
                        }}
                      />
                    ) : (
                      <Button
                        id={`replay-delivery-${delivery.id}`}
                        variant={ButtonVariant.Secondary}
                        aria-describedby={`delivery-${delivery.id}`}
                        onClick={() => {
                          setOutcome(null);
                          setKept(null);
                          setConfirming(delivery.id);
                        }}
                      >
                        {t("integration.subscriptions.replay")}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
