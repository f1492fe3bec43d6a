import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDate, formatDateTime, formatTime } from "../../../lib/format";
import { previousVisit } from "../../../lib/last-visit";
import { useConsents } from "../api/get-consents";
import { useMeetings } from "../api/get-meetings";
import { usePlan } from "../api/get-plan";
import { useSchedule } from "../api/get-schedule";
import { useTimeline } from "../api/get-timeline";
import { eventLabel, eventOutcome } from "./timeline-section";

/** What changed since the coach last opened this client: the timeline's newest entries after that moment, and the
 * latest outcome (of a referral, a deadline) wherever it falls. */
function SinceLastVisit({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const [since] = useState(() => (me ? previousVisit(me, `client.${clientId}`) : null));
  const timeline = useTimeline(clientId, null);
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  const fresh = since ? entries.filter((entry) => entry.occurred_at > since) : [];
  const latest = entries.find((entry) => eventOutcome(t, entry) !== null);
  return (
    <div className="highlight" aria-labelledby="since-visit-title" role="group">
      {latest ? (
        <p className="highlight__outcome">
          <strong>{eventLabel(t, latest.type)}</strong> ({formatDate(latest.occurred_at)}): {eventOutcome(t, latest)}
        </p>
      ) : null}
      <p id="since-visit-title" className="highlight__title">
        {since ? t("workspace.changedSince", { date: formatDateTime(since) }) : t("workspace.firstVisit")}
      </p>
      {since && timeline.data && fresh.length === 0 ? <p>{t("workspace.noChanges")}</p> : null}
      {fresh.length ? (
        <ul className="plain-list">
          {fresh.map((entry) => (
            <li key={entry.id}>
              {formatDateTime(entry.occurred_at)}: {eventLabel(t, entry.type)}
              {eventOutcome(t, entry) ? ` – ${eventOutcome(t, entry)}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The summary's working part: the next thing due (overdue first), the next meeting, the plan's goals and the
 * consents in force, each linking to its tab. */
export function WorkspaceHighlights({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const schedule = useSchedule(clientId);
  const meetings = useMeetings(clientId);
  const plan = usePlan(clientId);
  const consents = useConsents(clientId);
  const open = (schedule.data?.deadlines ?? []).filter(
    (deadline) => deadline.status === "overdue" || deadline.status === "due",
  );
  const next = open.find((deadline) => deadline.status === "overdue") ?? open[0];
  const now = new Date().toISOString();
  const meeting = meetings.data?.find((item) => item.state === "booked" && item.starts_at >= now);
  const inForce = consents.data?.filter((consent) => consent.in_force) ?? [];
  return (
    <>
      <dl className="summary-list">
        <dt>{t("workspace.nextDue")}</dt>
        <dd>
          {next ? (
            <Link to={{ search: "?tab=schedule" }}>
              {t(`deadlineKind.${next.kind}`, { number: next.number })}, {formatDate(next.due_on)}{" "}
              <span className={`badge badge--${next.status}`}>{t(`deadlineStatus.${next.status}`)}</span>
            </Link>
          ) : schedule.data ? (
            t("workspace.nothingDue")
          ) : (
            "…"
          )}
        </dd>
        <dt>{t("workspace.nextMeeting")}</dt>
        <dd>
          {meeting ? (
            <Link to={{ search: "?tab=meetings" }}>
              {formatDate(meeting.starts_at)} {t("meetings.at")} {formatTime(meeting.starts_at)},{" "}
              {t(`channel.${meeting.channel}`)}
            </Link>
          ) : meetings.data ? (
            t("workspace.noMeeting")
          ) : (
            "…"
          )}
        </dd>
        <dt>{t("workspace.goals")}</dt>
        <dd>
          {plan.data?.plan ? (
            <ul className="inline-list">
              {plan.data.plan.goals.map((goal) => (
                <li key={goal}>{goal}</li>
              ))}
            </ul>
          ) : plan.data ? (
            t("workspace.noPlan")
          ) : (
            "…"
          )}
        </dd>
        <dt>{t("workspace.consentsInForce")}</dt>
        <dd>
          {inForce.length
            ? inForce
                .map(
                  (consent) =>
                    `${consent.categories.map((category) => t(`dataCategory.${category}`)).join(", ")} (${formatDate(consent.valid_until)})`,
                )
                .join("; ")
            : consents.data
              ? t("workspace.noConsents")
              : "…"}
        </dd>
      </dl>
      <SinceLastVisit clientId={clientId} me={me} />
    </>
  );
}
