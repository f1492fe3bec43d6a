import { useQueryClient } from "@tanstack/react-query";
import { Button } from "hds-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

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
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const openForm = () => {
    setMessage(null);
    setOpen(true);
    requestAnimationFrame(() => document.getElementById("refer-title")?.focus());
  };
  const onSent = (referral: ReferralRead) => {
    setOpen(false);
    setMessage(t("refer.sent", { date: formatDate(referral.due_on) }));
    requestAnimationFrame(() => document.getElementById("referrals-title")?.focus());
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
                  <th scope="row">
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
      {open ? (
        <ReferForm
          clientId={clientId}
          onSent={onSent}
          onCancel={() => {
            setOpen(false);
            void queryClient.invalidateQueries({ queryKey: referralKeys.all });
            requestAnimationFrame(() => document.getElementById("refer-open")?.focus());
          }}
        />
      ) : (
        <Button id="refer-open" onClick={openForm}>
          {t("refer.open")}
        </Button>
      )}
    </section>
  );
}
