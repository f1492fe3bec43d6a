import { Button } from "hds-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { ErrorAlert } from "../../../components/status-message";
import { formatDate } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useSendDraft } from "../api/send-draft";
import { type DataCategory, REFERRAL_DATA_CATEGORIES, type ReferralRead } from "../api/types";

/** A draft the sender kept (its sending was refused): send it now, or learn which consent is still missing. */
export function SendDraft({ referral, onSent }: { referral: ReferralRead; onSent: (message: string) => void }) {
  const { t } = useTranslation();
  const send = useSendDraft(referral.id, referral.client_id);
  const [missing, setMissing] = useState<DataCategory[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const alert = useRef<HTMLDivElement>(null);

  const onSend = () => {
    setMissing(null);
    setFailure(null);
    send.mutate(undefined, {
      onSuccess: (sent) => onSent(t("refer.sent", { date: formatDate(sent.due_on) })),
      onError: (error) => {
        if (error instanceof ApiError && error.slug === "consent-missing") {
          const categories = ((error.problem?.missing_categories as DataCategory[] | undefined) ?? [])
            .slice()
            .sort((a, b) => REFERRAL_DATA_CATEGORIES.indexOf(a) - REFERRAL_DATA_CATEGORIES.indexOf(b));
          setMissing(categories);
        } else {
          setFailure(
            error instanceof ApiError && error.slug === "service-not-available"
              ? t("refer.serviceNotAvailable")
              : t("refer.sendFailed"),
          );
        }
        requestAnimationFrame(() => alert.current?.focus());
      },
    });
  };

  return (
    <div className="form">
      <h3>{t("refer.draftTitle")}</h3>
      <p>{t("refer.draftText")}</p>
      <div ref={alert} tabIndex={-1}>
        {missing ? (
          <ErrorAlert title={t("refer.consentRefused")}>
            <p>
              {t("refer.missingCategories", {
                categories: missing.map((category) => t(`dataCategory.${category}`)).join(", "),
              })}{" "}
              <Link to={`/clients/${referral.client_id}#consents`}>{t("refer.toConsents")}</Link>
            </p>
          </ErrorAlert>
        ) : null}
        {failure ? <ErrorAlert title={failure} /> : null}
      </div>
      <div className="form__actions">
        <Button onClick={onSend} disabled={send.isPending}>
          {t("refer.send")}
        </Button>
      </div>
    </div>
  );
}
