import type { TFunction } from "i18next";
import { Button, ButtonVariant } from "hds-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { SelectField } from "../../../components/select-field";
import { formatDateTime } from "../../../lib/format";
import { useTimeline } from "../api/get-timeline";
import type { TimelineEntryRead } from "../api/types";
import { loadErrorMessage } from "../../../lib/form-errors";

/** The services a coach can narrow the timeline to (CloudEvents ``source``). */
export const TIMELINE_SOURCES = { clients: "/polku/clients-api", referrals: "/polku/referrals-api" } as const;
type SourceFilter = "all" | keyof typeof TIMELINE_SOURCES;

/** Event types with a name of their own, as the key under ``timelineEvent`` (``fi.polku.client.registered.v1`` → ``client_registered``). */
export const NAMED_EVENT_TYPES = [
  "client_registered",
  "client_status_changed",
  "client_interview_held",
  "client_interview_cancelled",
  "client_plan_version_created",
  "client_assessment_updated",
  "client_consent_given",
  "client_consent_withdrawn",
  "client_assigned",
  "client_deadline_waived",
  "client_deadline_overdue",
  "client_job_application_reported",
  "client_job_search_neglect_recorded",
  "client_job_search_period_started",
  "client_job_search_period_ended",
  "client_deadline_met",
  "client_duty_cleared",
  "client_handover_opened",
  "client_handover_completed",
  "client_citizenship_changed",
  "client_mother_tongue_changed",
  "client_home_municipality_changed",
  "client_meeting_booked",
  "client_meeting_rescheduled",
  "client_meeting_cancelled",
  "client_meeting_held",
  "referral_sent",
  "referral_received",
  "referral_accepted",
  "referral_rejected",
  "referral_completed",
  "referral_expired",
  "referral_cancelled",
  "job_offer_sent",
  "job_offer_outcome",
  "introduction_made",
  "introduction_outcome",
  "introduction_disclosed",
  "subsidy_decided",
  "subsidy_ended",
] as const;

/** ``fi.polku.referral.sent.v1`` → ``referral_sent`` (``fi.polku.client.job_search_period.started.v1`` →
 * ``client_job_search_period_started``); null for a type that is not Polku's. */
export function eventKey(type: string): string | null {
  const match = /^fi\.polku\.([a-z_]+(?:\.[a-z_]+)*)\.([a-z_]+)\.v\d+$/.exec(type);
  return match ? `${match[1].replaceAll(".", "_")}_${match[2]}` : null;
}

/** What happened, in the reader's language; a type the SPA does not know yet is shown as it is. */
export function eventLabel(t: TFunction, type: string): string {
  const key = eventKey(type);
  if (key && (NAMED_EVENT_TYPES as readonly string[]).includes(key)) return t(`timelineEvent.${key}`);
  return t("timeline.unknownEvent", { type });
}

/** What came of a referral, when its event says (a completed referral's ``outcome``); null otherwise. */
export function eventOutcome(t: TFunction, entry: Pick<TimelineEntryRead, "type" | "data">): string | null {
  if (!eventKey(entry.type)?.startsWith("referral_")) return null;
  const outcome = (entry.data as Record<string, unknown> | null | undefined)?.outcome;
  return typeof outcome === "string" ? t(`outcome.${outcome}`, { defaultValue: outcome }) : null;
}

/**
 * Who did it: you, or the person by name with the organisation they acted for (from their token at the time); a
 * periodic job (``system:<job>``) is the system; an entry recorded before acts were attributed says so.
 */
export function actor(t: TFunction, entry: TimelineEntryRead, me?: string): string {
  if (entry.actor_subject?.startsWith("system:")) return t("timeline.bySystem");
  if (entry.actor_subject && entry.actor_subject === me) return t("plan.byYou");
  if (entry.actor_name) {
    return entry.actor_organisation_name
      ? t("timeline.byPerson", { name: entry.actor_name, organisation: entry.actor_organisation_name })
      : entry.actor_name;
  }
  return entry.actor_subject ? t("plan.byOther") : t("timeline.byUnknown");
}

/** Everything that happened to the client, newest first, from this service and from referrals. */
export function TimelineSection({ clientId, me }: { clientId: string; me?: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<SourceFilter>("all");
  const timeline = useTimeline(clientId, filter === "all" ? null : TIMELINE_SOURCES[filter]);
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];

  const showMore = async () => {
    const shownBefore = entries.length;
    await timeline.fetchNextPage();
    requestAnimationFrame(() => {
      document.querySelectorAll<HTMLElement>("#timeline-list > li")[shownBefore]?.focus();
    });
  };

  return (
    <section id="timeline" aria-labelledby="timeline-title" className="page-section">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      <div className="narrow-field">
        <SelectField
          id="timeline-source"
          label={t("timeline.source")}
          value={filter}
          onChange={(event) => setFilter(event.target.value as SourceFilter)}
        >
          <option value="all">{t("timeline.sourceAll")}</option>
          <option value="clients">{t("timeline.sourceClients")}</option>
          <option value="referrals">{t("timeline.sourceReferrals")}</option>
        </SelectField>
      </div>
      {timeline.isPending ? <p>{t("app.loading")}</p> : null}
      {timeline.isError ? <p role="alert">{loadErrorMessage(t, timeline.error)}</p> : null}
      {timeline.isSuccess && entries.length === 0 ? <p>{t("timeline.empty")}</p> : null}
      {entries.length ? (
        <ol id="timeline-list" className="plain-list timeline" aria-label={t("timeline.title")}>
          {entries.map((entry) => (
            <li key={entry.id} tabIndex={-1}>
              <span className="timeline__what">
                {eventLabel(t, entry.type)}
                {eventOutcome(t, entry) ? `: ${eventOutcome(t, entry)}` : ""}
              </span>{" "}
              <span className="timeline__when">
                {t("timeline.line", { at: formatDateTime(entry.occurred_at), by: actor(t, entry, me) })}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {timeline.hasNextPage ? (
        <Button
          variant={ButtonVariant.Secondary}
          onClick={() => void showMore()}
          disabled={timeline.isFetchingNextPage}
        >
          {t("timeline.showMore")}
        </Button>
      ) : null}
    </section>
  );
}
