import { useTranslation } from "react-i18next";

import { PageHeading } from "../../../components/page-heading";
import { loadErrorMessage } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { RECONCILING, type Reconciling, useLatestReport } from "../api/get-latest-report";
import { RECEIVING } from "../api/get-parked-events";
import { useSubscriptions } from "../api/get-subscriptions";
import { ParkedEventsSection } from "./parked-events-section";
import { SubscriptionDeliveries } from "./subscription-deliveries";

/**
 * The administrator's view of the exchange with the national platform: the last reconciliation of each service
 * (what differed and what was repaired), the platform's events a service could not handle (parked, with a replay),
 * and the organisation's webhook subscriptions with the deliveries being retried and the dead letters (replayable).
 */
export function IntegrationPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("integration.title")}>{t("integration.title")}</PageHeading>
      <p>{t("integration.help")}</p>
      {RECONCILING.map((service) => (
        <ReportSection key={service} service={service} />
      ))}
      {RECEIVING.map((service) => (
        <ParkedEventsSection key={service} service={service} />
      ))}
      {RECONCILING.map((service) => (
        <SubscriptionsSection key={service} service={service} />
      ))}
    </>
  );
}

/** An id of a difference (a string), or null when the difference has none on that side. */
const idOf = (value: unknown): string | null => (typeof value === "string" ? value : null);

function ReportSection({ service }: { service: Reconciling }) {
  const { t } = useTranslation();
  const report = useLatestReport(service);
  const data = report.data;
  const titleId = `integration-report-${service}`;
  return (
    <section aria-labelledby={titleId} className="page-section">
      <h2 id={titleId}>{t(`integration.report.title.${service}`)}</h2>
      {report.isPending ? <p>{t("app.loading")}</p> : null}
      {report.isError ? <p role="alert">{loadErrorMessage(t, report.error)}</p> : null}
      {data === null ? <p>{t("integration.report.none")}</p> : null}
      {data ? (
        <>
          <p>
            {t("integration.report.ran", {
              started: formatDateTime(data.started_at),
              finished: formatDateTime(data.finished_at),
            })}{" "}
            {t("integration.report.runBy")}
          </p>
          {data.error ? <p role="alert">{t("integration.report.error", { error: data.error })}</p> : null}
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t("integration.report.counts")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("integration.report.what")}</th>
                  <th scope="col">{t("integration.report.count")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(data.counts).map(([kind, count]) => (
                  <tr key={kind}>
                    <th scope="row">{t(`integration.kind.${kind}`, { defaultValue: kind })}</th>
                    <td>{count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.differences.length === 0 ? (
            <p>{t("integration.report.noDifferences")}</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table">
                <caption>{t("integration.report.differences", { count: data.differences.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("integration.report.what")}</th>
                    <th scope="col">{t("integration.report.here")}</th>
                    <th scope="col">{t("integration.report.there")}</th>
                    <th scope="col">{t("integration.report.repaired")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.differences.map((difference, index) => {
                    const here = idOf(difference.vacancy_id) ?? idOf(difference.client_id) ?? "–";
                    const there = idOf(difference.national_id) ?? idOf(difference.customer_id) ?? "–";
                    const repaired = data.repaired.some((item) => JSON.stringify(item) === JSON.stringify(difference));
                    return (
                      <tr key={`${String(difference.kind)}-${here}-${there}-${index}`}>
                        <th scope="row">{t(`integration.kind.${String(difference.kind)}`)}</th>
                        <td>{here}</td>
                        <td>{there}</td>
                        <td>{repaired ? t("integration.yes") : t("integration.no")}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

function SubscriptionsSection({ service }: { service: Reconciling }) {
  const { t } = useTranslation();
  const subscriptions = useSubscriptions(service);
  const titleId = `integration-subscriptions-${service}`;
  return (
    <section aria-labelledby={titleId} className="page-section">
      <h2 id={titleId}>{t(`integration.subscriptions.title.${service}`)}</h2>
      {subscriptions.isPending ? <p>{t("app.loading")}</p> : null}
      {subscriptions.isError ? <p role="alert">{loadErrorMessage(t, subscriptions.error)}</p> : null}
      {subscriptions.data?.length === 0 ? <p>{t("integration.subscriptions.none")}</p> : null}
      {subscriptions.data?.map((subscription) => (
        <article key={subscription.id} aria-labelledby={`subscription-${subscription.id}`}>
          <h3 id={`subscription-${subscription.id}`}>{subscription.description ?? subscription.url}</h3>
          <dl className="details">
            <dt>{t("integration.subscriptions.url")}</dt>
            <dd>{subscription.url}</dd>
            <dt>{t("integration.subscriptions.eventTypes")}</dt>
            <dd>{subscription.event_types.join(", ")}</dd>
            <dt>{t("integration.subscriptions.payload")}</dt>
            <dd>
              {subscription.payload === "thin"
                ? t("integration.subscriptions.payloadThin")
                : t("integration.subscriptions.payloadFull")}
            </dd>
            <dt>{t("integration.subscriptions.active")}</dt>
            <dd>{subscription.active ? t("integration.yes") : t("integration.no")}</dd>
            <dt>{t("integration.subscriptions.createdBy")}</dt>
            <dd>{subscription.created_by}</dd>
          </dl>
          <SubscriptionDeliveries service={service} subscriptionId={subscription.id} />
        </article>
      ))}
    </section>
  );
}
