import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Button } from "../../components/button";
import { loadErrorMessage } from "../../lib/form-errors";
import { addDays, formatDate, formatDateTime, formatTime, todayInHelsinki } from "../../lib/format";
import { previousVisit } from "../../lib/last-visit";
import { downloadCalendar, useCoachMeetings } from "./api/get-coach-meetings";
import { type ReferralRead, useNews } from "./api/get-news";
import { type UnreadThread, useServiceName, useUnreadThreads } from "./api/get-unread-messages";
import { byClient, useNeedsToday } from "./api/get-needs-today";

/** The clients who need something today, each on one row with everything due for them, overdue included. */
export function NeedsToday() {
  const { t } = useTranslation();
  const due = useNeedsToday();
  const clients = due.data ? byClient(due.data.items, due.data.statement_requests) : [];
  return (
    <section aria-labelledby="needs-today-title" className="page-section">
      <h2 id="needs-today-title">{t("workspace.needsToday")}</h2>
      {due.isPending ? <p>{t("app.loading")}</p> : null}
      {due.isError ? <p role="alert">{loadErrorMessage(t, due.error)}</p> : null}
      {due.data && clients.length === 0 ? <p>{t("workspace.noneToday")}</p> : null}
      {clients.length ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption className="visually-hidden">{t("workspace.needsTodayCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("client.name")}</th>
                <th scope="col">{t("workspace.due")}</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((client) => (
                <tr key={client.clientId}>
                  <th scope="row">
                    <Link to={`/clients/${client.clientId}?tab=schedule`}>{client.clientName}</Link>
                  </th>
                  <td>
                    <ul className="inline-list">
                      {client.items.map((item) => (
                        <li key={`${item.kind}-${item.number}`}>
                          {t(`deadlineKind.${item.kind}`, { number: item.number })}{" "}
                          <span className={`badge badge--${item.status}`}>
                            {item.status === "overdue"
                              ? t("workspace.overdueSince", { date: formatDate(item.due_on) })
                              : t("workspace.dueToday")}
                          </span>
                        </li>
                      ))}
                      {client.requests.map((request) => (
                        <li key={request.id}>
                          <Link to={`/clients/${client.clientId}?tab=statements&request=${request.id}`}>
                            {t("workspace.statementRequest", {
                              requester: request.requester,
                              date: formatDate(request.requested_on),
                            })}
                          </Link>{" "}
                          <span className="badge badge--due">
                            {t("workspace.answerWithoutDelay")},{" "}
                            {t("workspace.waiting", { count: request.days_waiting })}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The coach's meetings today and tomorrow, and their calendar file. */
export function MeetingsDay() {
  const { t } = useTranslation();
  const today = todayInHelsinki();
  const meetings = useCoachMeetings(today, 2);
  const [failed, setFailed] = useState<string | null>(null);
  const items = meetings.data?.items.filter((meeting) => meeting.state !== "cancelled") ?? [];
  return (
    <section aria-labelledby="meetings-day-title" className="page-section">
      <h2 id="meetings-day-title">{t("meetings.dayTitle")}</h2>
      {meetings.isPending ? <p>{t("app.loading")}</p> : null}
      {meetings.isError ? <p role="alert">{loadErrorMessage(t, meetings.error)}</p> : null}
      {meetings.data && items.length === 0 ? <p>{t("meetings.dayNone")}</p> : null}
      {items.length ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption className="visually-hidden">{t("meetings.dayTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings.when")}</th>
                <th scope="col">{t("meetings.client")}</th>
                <th scope="col">{t("meetings.channel")}</th>
                <th scope="col">{t("meetings.deadline")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((meeting) => {
                const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(
                  new Date(meeting.starts_at),
                );
                return (
                  <tr key={meeting.id}>
                    <td>
                      {day === today
                        ? t("meetings.today")
                        : day === addDays(today, 1)
                          ? t("meetings.tomorrow")
                          : formatDate(day)}{" "}
                      {formatTime(meeting.starts_at)}
                    </td>
                    <th scope="row">
                      <Link to={`/clients/${meeting.client_id}?tab=schedule`}>{meeting.client_name}</Link>
                    </th>
                    <td>
                      {t(`channel.${meeting.channel}`)}
                      {meeting.location ? `, ${meeting.location}` : ""}
                    </td>
                    <td>
                      {t(`deadlineKind.${meeting.deadline_kind}`, { number: meeting.deadline_number })}{" "}
                      <span className={`badge badge--meeting-${meeting.state}`}>
                        {t(`meetings.state.${meeting.state}`)}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <Button
        variant="secondary"
        onClick={() => {
          setFailed(null);
          downloadCalendar().catch((error: unknown) => setFailed(loadErrorMessage(t, error)));
        }}
      >
        {t("meetings.calendar")}
      </Button>
      {failed ? <p role="alert">{failed}</p> : null}
    </section>
  );
}

function newsTitle(referral: ReferralRead): string {
  if (referral.status === "accepted" || referral.status === "rejected" || referral.status === "completed") {
    return `workspace.referralNews.${referral.status}`;
  }
  return "workspace.referralNews.other";
}

/** One thread with messages the coach has not read: how many, on which client's referral to which service. */
function UnreadThreadItem({ thread }: { thread: UnreadThread }) {
  const { t, i18n } = useTranslation();
  const service = useServiceName(thread.serviceId, i18n.language);
  return (
    <li>
      <span className="badge badge--unread">{t("messages.unread", { count: thread.unread })}</span>{" "}
      {thread.clientName && thread.clientId ? (
        <>
          <Link to={`/clients/${thread.clientId}`}>{thread.clientName}</Link>
          {" · "}
        </>
      ) : null}
      {service ?? t("app.loading")} <Link to={`/referrals/${thread.referralId}`}>{t("workspace.openMessages")}</Link>
    </li>
  );
}

/** Messages from partners the coach has not read, on the referrals the coach sent. */
function PartnerMessages() {
  const { t } = useTranslation();
  const unread = useUnreadThreads();
  return (
    <>
      <h3 id="since-messages-title">{t("workspace.messagesTitle")}</h3>
      {unread.isPending ? <p>{t("app.loading")}</p> : null}
      {unread.isError ? <p role="alert">{loadErrorMessage(t, unread.error)}</p> : null}
      {unread.isSuccess && unread.threads.length === 0 ? <p>{t("workspace.messagesNone")}</p> : null}
      {unread.threads.length ? (
        <ul className="plain-list" aria-labelledby="since-messages-title">
          {unread.threads.map((thread) => (
            <UnreadThreadItem key={thread.referralId} thread={thread} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * What arrived since the coach's last visit: the referrals they sent that were answered or closed since, and the
 * partners' messages on them that the coach has not read.
 */
export function SinceLastVisit({ me }: { me: string }) {
  const { t } = useTranslation();
  const [since] = useState(() => previousVisit(me, "home", 1) ?? new Date().toISOString());
  const news = useNews(since);
  const items = (news.data?.items ?? []).filter((referral) => referral.status !== "draft");
  return (
    <section aria-labelledby="since-title" className="page-section">
      <h2 id="since-title">{t("workspace.sinceTitle")}</h2>
      <p>{t("workspace.sinceIntro", { date: formatDateTime(since) })}</p>
      {news.isPending ? <p>{t("app.loading")}</p> : null}
      {news.isError ? <p role="alert">{loadErrorMessage(t, news.error)}</p> : null}
      {news.data && items.length === 0 ? <p>{t("workspace.sinceNone")}</p> : null}
      {items.length ? (
        <ul className="plain-list">
          {items.map((referral) => (
            <li key={referral.id}>
              <strong>{t(newsTitle(referral))}</strong> ({formatDateTime(referral.updated_at)}):{" "}
              {t(`referralStatus.${referral.status}`)}
              {referral.outcome ? `, ${t(`outcome.${referral.outcome}`)}` : ""}
              {referral.rejection_reason ? ` – ${referral.rejection_reason}` : ""}{" "}
              <Link to={`/referrals/${referral.id}`}>{t("workspace.openReferral")}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      <PartnerMessages />
    </section>
  );
}

/** The coach's home by client: who needs something today, today's and tomorrow's meetings, and what arrived since
 * the last visit. One request per panel. */
export function CoachHome({ me }: { me: string }) {
  return (
    <>
      <NeedsToday />
      <MeetingsDay />
      <SinceLastVisit me={me} />
    </>
  );
}
