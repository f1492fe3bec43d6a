import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDate } from "../../../lib/format";
import { useService } from "../api/get-service";
import type { ReferralRead, ReferralStatus } from "../api/types";
import { localized } from "../lifecycle";

/** The status in words; the badge's colour only repeats what the words say. */
export function StatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--referral-${status}`}>{t(`referralStatus.${status}`)}</span>;
}

/** A service's name in the reader's language (Finnish when it has none in that language). */
export function ServiceName({ serviceId }: { serviceId: string }) {
  const { t, i18n } = useTranslation();
  const service = useService(serviceId);
  if (service.data) return <>{localized(service.data, "name", i18n.language)}</>;
  return <>{service.isError ? t("referral.unknownService") : t("app.loading")}</>;
}

export function PartnerName({ serviceId }: { serviceId: string }) {
  const service = useService(serviceId);
  return <>{service.data?.organisation_name ?? ""}</>;
}

/** One referral in a list: the service it goes to (a link to the referral), partner, status and days. */
export function ReferralCard({
  referral,
  overdue,
  showReason = false,
  clientName,
  unread = 0,
}: {
  referral: ReferralRead;
  overdue?: boolean;
  showReason?: boolean;
  /** The client's name, where the reader may see it (staff of the sending organisation). */
  clientName?: string;
  /** Messages on the referral from others that the reader has not read. */
  unread?: number;
}) {
  const { t } = useTranslation();
  return (
    <li className="referral-card">
      <p className="referral-card__title">
        <Link to={`/referrals/${referral.id}`}>
          <ServiceName serviceId={referral.service_id} />
        </Link>{" "}
        <StatusBadge status={referral.status} />{" "}
        {overdue ? <span className="badge badge--overdue">{t("board.overdue")}</span> : null}
        {unread ? <span className="badge badge--unread">{t("messages.unread", { count: unread })}</span> : null}
      </p>
      <p className="referral-card__meta">
        {clientName ? (
          <>
            <Link to={`/clients/${referral.client_id}`}>{clientName}</Link>
            {" · "}
          </>
        ) : null}
        <PartnerName serviceId={referral.service_id} />
        {referral.sent_at ? ` · ${t("referral.sentOn", { date: formatDate(referral.sent_at) })}` : ""}
        {referral.due_on && !referral.closed_at
          ? ` · ${t("referral.dueOn", { date: formatDate(referral.due_on) })}`
          : ""}
        {referral.closed_at ? ` · ${t("referral.closedOn", { date: formatDate(referral.closed_at) })}` : ""}
        {referral.outcome ? ` · ${t(`outcome.${referral.outcome}`)}` : ""}
      </p>
      {showReason ? <p className="referral-card__reason">{referral.reason}</p> : null}
    </li>
  );
}
