import { useTranslation } from "react-i18next";

import { PageHeading } from "../../../components/page-heading";
import { profileOf, useAuth } from "../../../lib/auth";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useReferralsByStatus } from "../api/list-referrals";
import { useUnreadMessages } from "../api/messages";
import type { ReferralStatus } from "../api/types";
import { inboxOrder } from "../lifecycle";
import { ReferralCard } from "./referral-bits";

const INBOX_STATUSES: ReferralStatus[] = ["requested", "received", "accepted", "in_progress", "on_hold"];

/** A partner's inbox: the referrals sent to its organisation, new ones first, then those it is working on. */
export function InboxPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const lists = useReferralsByStatus(INBOX_STATUSES, 50);
  const messages = useUnreadMessages();
  const unread = new Map((messages.data ?? []).map((item) => [item.referral_id, item.unread]));
  const failed = lists.find((list) => list.isError);
  const loading = lists.some((list) => list.isPending);
  const referrals = inboxOrder(lists.flatMap((list) => list.data?.items ?? []));
  const groups = INBOX_STATUSES.map((status) => ({
    status,
    items: referrals.filter((referral) => referral.status === status),
  }));

  return (
    <>
      <PageHeading title={t("inbox.title")}>{t("inbox.title")}</PageHeading>
      <p>{t("inbox.intro", { organisation: profileOf(user).org_name ?? "" })}</p>
      {failed ? <p role="alert">{loadErrorMessage(t, failed.error)}</p> : null}
      {loading ? <p>{t("app.loading")}</p> : null}
      {!loading && !failed && referrals.length === 0 ? <p>{t("inbox.empty")}</p> : null}
      {groups
        .filter((group) => group.items.length)
        .map((group) => (
          <section key={group.status} aria-labelledby={`inbox-${group.status}`} className="page-section">
            <h2 id={`inbox-${group.status}`}>
              {t(`inbox.group.${group.status}`)} ({group.items.length})
            </h2>
            <ul className="plain-list plain-list--bare referral-list">
              {group.items.map((referral) => (
                <ReferralCard key={referral.id} referral={referral} showReason unread={unread.get(referral.id)} />
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
