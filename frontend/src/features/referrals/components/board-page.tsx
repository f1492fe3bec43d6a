import { useTranslation } from "react-i18next";

import { PageHeading } from "../../../components/page-heading";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useClientNames } from "../api/get-client-names";
import { useDueReferrals } from "../api/get-due-referrals";
import { useReferralsByStatus } from "../api/list-referrals";
import { useUnreadMessages } from "../api/messages";
import type { ReferralRead } from "../api/types";
import { attentionOrder, CLOSED_STATUSES, OPEN_STATUSES, recentlyClosed } from "../lifecycle";
import { ReferralCard } from "./referral-bits";

function ReferralList({
  id,
  referrals,
  overdue,
  names,
  unread,
}: {
  id: string;
  referrals: ReferralRead[];
  overdue?: Set<string>;
  names: Map<string, string>;
  unread: Map<string, number>;
}) {
  return (
    <ul id={id} className="plain-list plain-list--bare referral-list">
      {referrals.map((referral) => (
        <ReferralCard
          key={referral.id}
          referral={referral}
          overdue={overdue?.has(referral.id)}
          clientName={names.get(referral.client_id)}
          unread={unread.get(referral.id)}
        />
      ))}
    </ul>
  );
}

/**
 * The staff's referral board: first what needs attention (the caller's sent referrals no partner has accepted
 * yet, overdue first), then a section per open status, then the latest closed ones. The lists load in parallel.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const due = useDueReferrals();
  const open = useReferralsByStatus(OPEN_STATUSES);
  const closed = useReferralsByStatus(CLOSED_STATUSES);
  const messages = useUnreadMessages();
  const unread = new Map((messages.data ?? []).map((item) => [item.referral_id, item.unread]));
  const attention = attentionOrder(due.data ?? []);
  const overdue = new Set(attention.filter((item) => item.overdue).map((item) => item.referral.id));
  const closedItems = recentlyClosed(closed.flatMap((result) => result.data?.items ?? []));
  const closedError = closed.find((result) => result.isError);
  const closedLoading = closed.some((result) => result.isPending);
  // Asked once every list has answered, so the whole board's names come in one request.
  const settled = !due.isPending && !closedLoading && open.every((result) => !result.isPending);
  const names = useClientNames(
    settled
      ? [
          ...attention.map((item) => item.referral),
          ...open.flatMap((result) => result.data?.items ?? []),
          ...closedItems,
        ].map((referral) => referral.client_id)
      : [],
  );

  return (
    <>
      <PageHeading title={t("board.title")}>{t("board.title")}</PageHeading>
      <p>{t("board.intro")}</p>
      <section aria-labelledby="board-attention" className="page-section">
        <h2 id="board-attention">{t("board.attention", { count: attention.length })}</h2>
        {due.isPending ? <p>{t("app.loading")}</p> : null}
        {due.isError ? <p role="alert">{loadErrorMessage(t, due.error)}</p> : null}
        {due.isSuccess && attention.length === 0 ? <p>{t("board.noAttention")}</p> : null}
        {attention.length ? (
          <ReferralList
            id="board-attention-list"
            referrals={attention.map((item) => item.referral)}
            overdue={overdue}
            names={names}
            unread={unread}
          />
        ) : null}
      </section>
      <div className="board">
        {OPEN_STATUSES.map((status, index) => {
          const result = open[index];
          const items = result.data?.items ?? [];
          return (
            <section key={status} aria-labelledby={`board-${status}`} className="board__column">
              <h2 id={`board-${status}`}>
                {t(`board.column.${status}`)} ({result.isSuccess ? items.length : "…"}
                {result.data?.next_cursor ? "+" : ""})
              </h2>
              {result.isError ? <p role="alert">{loadErrorMessage(t, result.error)}</p> : null}
              {result.isSuccess && items.length === 0 ? <p>{t("board.empty")}</p> : null}
              {items.length ? (
                <ReferralList
                  id={`board-${status}-list`}
                  referrals={items}
                  overdue={overdue}
                  names={names}
                  unread={unread}
                />
              ) : null}
            </section>
          );
        })}
      </div>
      <section aria-labelledby="board-closed" className="page-section">
        <h2 id="board-closed">{t("board.closed")}</h2>
        {closedLoading ? <p>{t("app.loading")}</p> : null}
        {closedError ? <p role="alert">{loadErrorMessage(t, closedError.error)}</p> : null}
        {!closedLoading && !closedError && closedItems.length === 0 ? <p>{t("board.empty")}</p> : null}
        {closedItems.length ? (
          <ReferralList id="board-closed-list" referrals={closedItems} names={names} unread={unread} />
        ) : null}
      </section>
    </>
  );
}
