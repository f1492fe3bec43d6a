import type { TFunction } from "i18next";
import { Fragment, type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { StatusMessage } from "../../../components/status-message";
import { formatDate } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useClient } from "../api/get-client";
import type { ClientRead } from "../api/types";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { AssessmentSection } from "./assessment-section";
import { ConsentsSection } from "./consents-section";
import { EpisodesSection } from "./episodes-section";
import { loadErrorMessage } from "../../../lib/form-errors";
import { JobSearchSection } from "./job-search-section";
import { MeetingsSection } from "./meetings-section";
import { PlanSection } from "./plan-section";
import { ScheduleSection } from "./schedule-section";
import { DutiesSection } from "./duties-section";
import { RegistrationData } from "./registration-data";
import { StatusSection } from "./status-section";
import { TimelineSection } from "./timeline-section";
import { WaitingOnField } from "./waiting-on";
import { WorkspaceHighlights } from "./workspace-highlights";

/** Names a coach from outside this feature (the teams), saying ``fallback`` while it cannot. */
type CoachNamer = (subject: string, fallback: string) => ReactNode;

function Summary({
  client,
  me,
  coachName,
  children,
}: {
  client: ClientRead;
  me?: string;
  coachName?: CoachNamer;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
  const coach = !client.coach_subject
    ? t("client.noCoach")
    : client.coach_subject === me
      ? t("client.coachYou")
      : coachName
        ? coachName(client.coach_subject, t("client.coachOther"))
        : t("client.coachOther");
  return (
    <section id="summary" aria-labelledby="summary-title" className="page-section">
      <h2 id="summary-title">{t("client.summary")}</h2>
      {client.needs_named_coach ? (
        <div className="alert alert--warning">
          <p className="alert__title">{t("client.needsNamedCoachTitle")}</p>
          <p>{t("client.needsNamedCoachText")}</p>
        </div>
      ) : null}
      <dl className="summary-list">
        <dt>{t("client.status")}</dt>
        <dd>{t(`status.${client.status}`)}</dd>
        <dt>{t("client.targetGroups")}</dt>
        <dd>
          {client.target_groups.length
            ? client.target_groups.map((group) => t(`targetGroup.${group}`)).join(", ")
            : t("client.noTargetGroups")}
        </dd>
        <dt>{t("client.coach")}</dt>
        <dd>{coach}</dd>
        <dt>{t("client.personalIdentityCode")}</dt>
        <dd>{client.personal_identity_code}</dd>
        <dt>{t("client.homeMunicipality")}</dt>
        <dd>{municipalities.name(client.home_municipality)}</dd>
        <dt>{t("client.jobSearchStartedOn")}</dt>
        <dd>{formatDate(client.job_search_started_on)}</dd>
        <dt>{t("client.contact")}</dt>
        <dd>{[client.email, client.phone].filter(Boolean).join(", ") || t("client.noContact")}</dd>
        <dt>{t("client.languages")}</dt>
        <dd>{client.languages.map((code) => t(`language.${code}`, { defaultValue: code })).join(", ") || "–"}</dd>
      </dl>
      <RegistrationData client={client} />
      <WaitingOnField client={client} />
      {children}
      <StatusSection clientId={client.id} current={client.status} />
    </section>
  );
}

/** A section of the client's workspace: one tab, its state in the address (``?tab=plan``). Other features add theirs
 * through the app, so a new section is one entry in the list. */
export interface ClientPageSection {
  id: string;
  title: string;
  content: (clientId: string) => ReactNode;
}

/** The sections of the clients feature itself, in the order of the work; the app's sections follow the episodes. */
function ownSections(t: TFunction, me?: string): { before: ClientPageSection[]; after: ClientPageSection[] } {
  return {
    before: [
      { id: "schedule", title: t("schedule.title"), content: (id) => <ScheduleSection clientId={id} /> },
      { id: "meetings", title: t("meetings.title"), content: (id) => <MeetingsSection clientId={id} /> },
      { id: "assessment", title: t("assessment.title"), content: (id) => <AssessmentSection clientId={id} me={me} /> },
      { id: "plan", title: t("plan.title"), content: (id) => <PlanSection clientId={id} me={me} /> },
      { id: "job-search", title: t("jobSearch.title"), content: (id) => <JobSearchSection clientId={id} /> },
      { id: "duties", title: t("duties.title"), content: (id) => <DutiesSection clientId={id} me={me} /> },
      { id: "episodes", title: t("episodes.title"), content: (id) => <EpisodesSection clientId={id} /> },
    ],
    after: [
      { id: "consents", title: t("consent.title"), content: (id) => <ConsentsSection clientId={id} /> },
      { id: "timeline", title: t("timeline.title"), content: (id) => <TimelineSection clientId={id} me={me} /> },
    ],
  };
}

/** One client as the coach's workspace: the summary at the top (with what changed since the last visit), then the
 * sections as tabs whose choice is kept in the address, so a link, a reload and the back button keep it. */
export function ClientPage({
  me,
  sections = [],
  highlights,
  coachName,
}: {
  me?: string;
  sections?: ClientPageSection[];
  /** More of the summary from other features (open referrals and offers). */
  highlights?: (clientId: string) => ReactNode;
  /** The client's coach by name, when it is someone else (a manager reads every client's coach so). */
  coachName?: CoachNamer;
}) {
  const { t } = useTranslation();
  const { clientId = "" } = useParams();
  const location = useLocation();
  const [params] = useSearchParams();
  const client = useClient(clientId);
  const registered = (location.state as { registered?: boolean } | null)?.registered;
  const own = ownSections(t, me);
  const all = [...own.before, ...sections, ...own.after];
  // An old link to a section (``#schedule``) opens its tab.
  const wanted = params.get("tab") ?? location.hash.slice(1);
  const current = all.find((section) => section.id === wanted) ?? all[0];
  const chosen = useRef(false);

  // Choosing a tab moves focus to its heading (not on the first load, when the page's own heading has it).
  useEffect(() => {
    if (!client.isSuccess) return;
    if (!chosen.current) {
      chosen.current = true;
      if (!wanted) return;
    }
    const heading = document.getElementById("workspace-panel")?.querySelector<HTMLElement>("h2");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [client.isSuccess, current.id, wanted]);

  if (client.isPending) return <p>{t("app.loading")}</p>;
  if (client.isError) {
    const notFound = client.error instanceof ApiError && (client.error.status === 404 || client.error.status === 422);
    const title = notFound ? t("client.notFound") : loadErrorMessage(t, client.error);
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Link to="/clients">{t("search.title")}</Link>
      </>
    );
  }
  const name = `${client.data.first_names} ${client.data.last_name}`;
  return (
    <>
      <PageHeading title={`${name}: ${current.title}`}>{name}</PageHeading>
      <StatusMessage>{registered ? t("register.done", { name }) : null}</StatusMessage>
      <Summary client={client.data} me={me} coachName={coachName}>
        <WorkspaceHighlights clientId={clientId} me={me} />
        {highlights ? highlights(clientId) : null}
      </Summary>
      <nav aria-label={t("workspace.tabs")} className="workspace-tabs">
        <ul>
          {all.map((section) => (
            <li key={section.id}>
              <Link to={{ search: `?tab=${section.id}` }} aria-current={section.id === current.id ? "page" : undefined}>
                {section.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div id="workspace-panel">
        <Fragment key={current.id}>{current.content(clientId)}</Fragment>
      </div>
    </>
  );
}
