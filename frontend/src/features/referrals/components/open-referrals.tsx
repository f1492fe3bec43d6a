import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useReferrals } from "../api/list-referrals";
import type { ReferralStatus } from "../api/types";
import { PartnerName, ServiceName, StatusBadge } from "./referral-bits";

const OPEN: readonly ReferralStatus[] = ["draft", "requested", "received", "accepted", "in_progress", "on_hold"];

/** The client's open referrals for the summary of the client's workspace: service, partner and status, each a link
 * to its referral (the same request as the referrals tab, so it costs nothing more). */
export function OpenReferrals({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const referrals = useReferrals({ client_id: clientId }, 50);
  const open = (referrals.data?.items ?? []).filter((referral) => OPEN.includes(referral.status));
  return (
    <dl className="summary-list">
      <dt>{t("workspace.openReferrals")}</dt>
      <dd>
        {open.length ? (
          <ul className="inline-list">
            {open.map((referral) => (
              <li key={referral.id}>
                <Link to={`/referrals/${referral.id}`}>
                  <ServiceName serviceId={referral.service_id} />
                </Link>{" "}
                (<PartnerName serviceId={referral.service_id} />) <StatusBadge status={referral.status} />
              </li>
            ))}
          </ul>
        ) : referrals.data ? (
          t("workspace.noOpenReferrals")
        ) : (
          "…"
        )}
      </dd>
    </dl>
  );
}
