import { useQueryClient } from "@tanstack/react-query";
import { ButtonVariant } from "hds-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { StatusMessage } from "../../../components/status-message";
import { formatDate } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useReferrals } from "../api/list-referrals";
import type { ReferralRead } from "../api/types";
import { PartnerName, ServiceName, StatusBadge } from "./referral-bits";
import { ReferForm } from "./refer-form";
import { referralKeys } from "../api/query-keys";

/** The client's referrals with their status and outcome, and the form to refer the client to a partner. */
export function ReferralsSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const referrals = useReferrals({ client_id: clientId }, 50);
  const [message, setMessage] = useState<string | null>(null);
  // Sent, the form closes and focus goes to the referral's row once the list shows it.
  const form = useFormOnRequest("refer-form", { onOpen: () => setMessage(null) });
  const onSent = (referral: ReferralRead) => {
    setMessage(t("refer.sent", { date: formatDate(referral.due_on) }));
    form.saved(`referral-${referral.id}`);
  };
  const items = referrals.data?.items ?? [];

  return (
    <section id="referrals" aria-labelledby="referrals-title" className="page-section">
      <h2 id="referrals-title" tabIndex={-1}>
        {t("referral.clientTitle")}
      </h2>
      <StatusMessage>{message}</StatusMessage>
      {referrals.isPending ? <p>{t("app.loading")}</p> : null}
      {referrals.isError ? <p role="alert">{loadErrorMessage(t, referrals.error)}</p> : null}
      {referrals.isSuccess && items.length === 0 ? <p>{t("referral.noneForClient")}</p> : null}
      {items.length ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption className="visually-hidden">{t("referral.clientTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("referral.service")}</th>
                <th scope="col">{t("referral.partner")}</th>
                <th scope="col">{t("referral.status")}</th>
                <th scope="col">{t("referral.sent")}</th>
                <th scope="col">{t("referral.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((referral) => (
                <tr key={referral.id}>
                  <th scope="row" id={`referral-${referral.id}`} tabIndex={-1}>
                    <Link to={`/referrals/${referral.id}`}>
                      <ServiceName serviceId={referral.service_id} />
                    </Link>
                  </th>
                  <td>
                    <PartnerName serviceId={referral.service_id} />
                  </td>
                  <td>
                    <StatusBadge status={referral.status} />
                  </td>
                  <td>{formatDate(referral.sent_at)}</td>
                  <td>
                    {referral.outcome
                      ? t(`outcome.${referral.outcome}`)
                      : referral.rejection_reason
                        ? t("referral.rejectedBecause", { reason: referral.rejection_reason })
                        : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <FormOnRequestRegion form={form} label={t("refer.open")} variant={ButtonVariant.Primary} buttonId="refer-open">
        <ReferForm
          clientId={clientId}
          onSent={onSent}
          onCancel={() => {
            form.cancel();
            void queryClient.invalidateQueries({ queryKey: referralKeys.all });
          }}
        />
      </FormOnRequestRegion>
    </section>
  );
}
