import { Fragment, type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { StatusMessage } from "../../../components/status-message";
import { formatDate } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useClient } from "../api/get-client";
import type { ClientRead } from "../api/types";
import { municipalityName } from "../../../lib/municipalities";
import { AssessmentSection } from "./assessment-section";
import { ConsentsSection } from "./consents-section";
import { EpisodesSection } from "./episodes-section";
import { loadErrorMessage } from "../../../lib/form-errors";
import { JobSearchSection } from "./job-search-section";
import { PlanSection } from "./plan-section";
import { ScheduleSection } from "./schedule-section";
import { StatusSection } from "./status-section";
import { TimelineSection } from "./timeline-section";

function Summary({ client, me }: { client: ClientRead; me?: string }) {
  const { t, i18n } = useTranslation();
  const coach = !client.coach_subject
    ? t("client.noCoach")
    : client.coach_subject === me
      ? t("client.coachYou")
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
        <dd>{municipalityName(client.home_municipality, i18n.language)}</dd>
        <dt>{t("client.jobSearchStartedOn")}</dt>
        <dd>{formatDate(client.job_search_started_on)}</dd>
        <dt>{t("client.contact")}</dt>
        <dd>{[client.email, client.phone].filter(Boolean).join(", ") || t("client.noContact")}</dd>
        <dt>{t("client.languages")}</dt>
        <dd>{client.languages.map((code) => t(`language.${code}`, { defaultValue: code })).join(", ") || "–"}</dd>
      </dl>
      <StatusSection clientId={client.id} current={client.status} />
    </section>
  );
}

/** A section another feature adds to the client page (the app composes them), placed before the consents. */
export interface ClientPageSection {
  id: string;
  title: string;
  content: (clientId: string) => ReactNode;
}

/** One client: summary, statutory schedule with interviews, assessment and plan with their versions,
 * the job-search obligation, the sections other features add (referrals), consents, timeline. */
export function ClientPage({ me, sections = [] }: { me?: string; sections?: ClientPageSection[] }) {
  const { t } = useTranslation();
  const { clientId = "" } = useParams();
  const location = useLocation();
  const client = useClient(clientId);
  const registered = (location.state as { registered?: boolean } | null)?.registered;
  const loaded = client.isSuccess;

  // A link to a section (the due list links to #schedule) lands on that section once the page has loaded.
  useEffect(() => {
    if (!loaded || !location.hash) return;
    const section = document.getElementById(location.hash.slice(1));
    const heading = section?.querySelector<HTMLElement>("h2");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus(); // focusing scrolls the section into view
    }
  }, [loaded, location.hash]);

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
      <PageHeading title={name}>{name}</PageHeading>
      <StatusMessage>{registered ? t("register.done", { name }) : null}</StatusMessage>
      <nav aria-label={t("client.sections")} className="in-page-nav">
        <ul>
          <li>
            <a href="#summary">{t("client.summary")}</a>
          </li>
          <li>
            <a href="#schedule">{t("schedule.title")}</a>
          </li>
          <li>
            <a href="#assessment">{t("assessment.title")}</a>
          </li>
          <li>
            <a href="#plan">{t("plan.title")}</a>
          </li>
          <li>
            <a href="#job-search">{t("jobSearch.title")}</a>
          </li>
          <li>
            <a href="#episodes">{t("episodes.title")}</a>
          </li>
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.title}</a>
            </li>
          ))}
          <li>
            <a href="#consents">{t("consent.title")}</a>
          </li>
          <li>
            <a href="#timeline">{t("timeline.title")}</a>
          </li>
        </ul>
      </nav>
      <Summary client={client.data} me={me} />
      <ScheduleSection clientId={clientId} />
      <AssessmentSection clientId={clientId} me={me} />
      <PlanSection clientId={clientId} me={me} />
      <JobSearchSection clientId={clientId} />
      <EpisodesSection clientId={clientId} />
      {sections.map((section) => (
        <Fragment key={section.id}>{section.content(clientId)}</Fragment>
      ))}
      <ConsentsSection clientId={clientId} />
      <TimelineSection clientId={clientId} me={me} />
    </>
  );
}
