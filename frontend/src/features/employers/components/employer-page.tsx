import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { SavedResult } from "../../../components/saved-result";
import { ErrorAlert } from "../../../components/status-message";
import { formatDate, formatDateTime } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { useEmployer } from "../api/get-employer";
import { useEmployerContacts } from "../api/list-contacts";
import { useSupports } from "../api/list-supports";
import { useVacancies } from "../api/list-vacancies";
import { ContactForm } from "./contact-form";
import { EmployerEdit } from "./employer-edit";
import { NextStepActions } from "./next-step-actions";
import { type ActedBy, type Me, useActedBy, usePersonName } from "./people";
import { SupportForm } from "./support-form";
import { SupportsTable } from "./supports-list";
import { VacancyTable } from "./vacancy-bits";
import { VacancyForm } from "./vacancy-form";

/**
 * One employer: its details, the log of contacts with it, its vacancies and its supports with the euros they
 * commit. Employer services record contacts, vacancies and support decisions here.
 */
export function EmployerPage({ me }: { me?: Me }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
  const nameOf = usePersonName(me);
  const actedBy = useActedBy(me);
  const runs = me?.roles?.includes("employer_services") ?? false;
  const { employerId = "" } = useParams();
  const employer = useEmployer(employerId);
  if (employer.isError) {
    return (
      <>
        <PageHeading title={t("employers.page.title")}>{t("employers.page.title")}</PageHeading>
        <ErrorAlert title={loadErrorMessage(t, employer.error)} />
        <Link to="/employers">{t("employers.page.back")}</Link>
      </>
    );
  }
  if (!employer.data) return <p role="status">{t("employers.loading")}</p>;
  const data = employer.data;
  const yes = (value: boolean) => (value ? t("employers.yes") : t("employers.no"));
  return (
    <>
      <PageHeading title={data.name}>{data.name}</PageHeading>
      <Link to="/employers">{t("employers.page.back")}</Link>
      <section aria-labelledby="employer-details-heading">
        <h2 id="employer-details-heading">{t("employers.page.details")}</h2>
        <dl className="details">
          <dt>{t("employers.field.businessId")}</dt>
          <dd>{data.business_id}</dd>
          <dt>{t("employers.field.industry")}</dt>
          <dd>
            {data.industry_code} ({data.industry_main_class} {t(`employers.industry.${data.industry_main_class}`)})
          </dd>
          <dt>{t("employers.field.sizeClass")}</dt>
          <dd>{data.size_class ? t(`employers.sizeClass.${data.size_class}`) : t("employers.notGiven")}</dd>
          <dt>{t("employers.field.municipalities")}</dt>
          <dd>
            {data.municipalities.length
              ? data.municipalities.map((code) => municipalities.name(code)).join(", ")
              : t("employers.notGiven")}
          </dd>
          <dt>{t("employers.field.accountManager")}</dt>
          <dd>
            {data.account_manager_subject
              ? (data.account_manager_name ?? nameOf(data.account_manager_subject))
              : t("employers.notGiven")}
          </dd>
          <dt>{t("employers.field.consentsToContact")}</dt>
          <dd>{yes(data.consents_to_contact)}</dd>
          <dt>{t("employers.field.networkMember")}</dt>
          <dd>{yes(data.network_member)}</dd>
          <dt>{t("employers.field.registered")}</dt>
          <dd>
            {t("employers.page.registeredBy", {
              by: actedBy(data.created_by, data.created_by_name, data.created_by_organisation_name),
              at: formatDateTime(data.created_at),
            })}
          </dd>
          {data.changed_by || data.changed_by_name ? (
            <>
              <dt>{t("employers.acted.lastChanged")}</dt>
              <dd>
                {t("employers.acted.changedAt", {
                  by: actedBy(data.changed_by, data.changed_by_name, data.changed_by_organisation_name),
                  at: formatDateTime(data.updated_at),
                })}
              </dd>
            </>
          ) : null}
        </dl>
        {data.contact_people.length ? (
          <>
            <h3>{t("employers.page.contactPeople")}</h3>
            <ul>
              {data.contact_people.map((person, index) => (
                <li key={index}>{[person.name, person.role, person.email, person.phone].filter(Boolean).join(", ")}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {runs ? <EmployerEdit employer={data} me={me} /> : null}
      <ContactLog employerId={employerId} actedBy={actedBy} runs={runs} />
      <EmployerVacancies employerId={employerId} runs={runs} me={me} />
      <EmployerSupports employerId={employerId} actedBy={actedBy} runs={runs} />
    </>
  );
}

function ContactLog({ employerId, actedBy, runs }: { employerId: string; actedBy: ActedBy; runs: boolean }) {
  const { t } = useTranslation();
  const contacts = useEmployerContacts(employerId);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="employer-contacts-heading">
      <h2 id="employer-contacts-heading">{t("employers.contacts.title")}</h2>
      <SavedResult id="employer-contacts-result">{done}</SavedResult>
      {contacts.isError ? (
        <ErrorAlert title={loadErrorMessage(t, contacts.error)} />
      ) : !contacts.data ? (
        <p role="status">{t("employers.loading")}</p>
      ) : contacts.data.items.length ? (
        <ol className="timeline">
          {contacts.data.items.map((contact) => (
            <li key={contact.id}>
              <p>
                <strong>
                  {formatDate(contact.contacted_on)} · {t(`employers.contactKind.${contact.kind}`)}: {contact.topic}
                </strong>
              </p>
              <p>
                {t("employers.contacts.by", {
                  by: actedBy(contact.staff_subject, contact.staff_name, contact.staff_organisation_name),
                })}
              </p>
              {contact.outcome ? <p>{t("employers.contacts.outcome", { outcome: contact.outcome })}</p> : null}
              {contact.next_step ? (
                <p>
                  {t("employers.contacts.nextStep", {
                    step: contact.next_step,
                    due: contact.next_step_due ? formatDate(contact.next_step_due) : t("employers.notGiven"),
                  })}{" "}
                  {contact.next_step_done_at
                    ? t("employers.contacts.done", {
                        by: actedBy(
                          contact.next_step_done_by,
                          contact.next_step_done_by_name,
                          contact.next_step_done_by_organisation_name,
                        ),
                        at: formatDateTime(contact.next_step_done_at),
                      })
                    : null}
                </p>
              ) : null}
              {contact.changed_by || contact.changed_by_name ? (
                <p>
                  {t("employers.acted.changedBy", {
                    by: actedBy(contact.changed_by, contact.changed_by_name, contact.changed_by_organisation_name),
                    at: formatDateTime(contact.updated_at),
                  })}
                </p>
              ) : null}
              {runs ? (
                <NextStepActions
                  contact={{
                    employer_id: contact.employer_id,
                    contact_id: contact.id,
                    version: contact.version,
                    next_step: contact.next_step,
                    next_step_due: contact.next_step_due,
                    next_step_done: contact.next_step_done_at !== null,
                    outcome: contact.outcome,
                  }}
                  name={`${formatDate(contact.contacted_on)} ${contact.topic}`}
                  resultId="employer-contacts-result"
                  onDone={setDone}
                />
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t("employers.contacts.none")}</p>
      )}
      {runs ? <ContactForm employerId={employerId} /> : null}
    </section>
  );
}

function EmployerVacancies({ employerId, runs, me }: { employerId: string; runs: boolean; me?: Me }) {
  const { t } = useTranslation();
  const vacancies = useVacancies({ employer_id: employerId });
  return (
    <section aria-labelledby="employer-vacancies-heading">
      <h2 id="employer-vacancies-heading">{t("employers.vacancies.title")}</h2>
      {vacancies.isError ? (
        <ErrorAlert title={loadErrorMessage(t, vacancies.error)} />
      ) : !vacancies.data ? (
        <p role="status">{t("employers.loading")}</p>
      ) : vacancies.data.items.length ? (
        <VacancyTable
          vacancies={vacancies.data.items}
          caption={t("employers.vacancies.ofEmployer")}
          linkEmployer={false}
          me={me}
        />
      ) : (
        <p>{t("employers.vacancies.none")}</p>
      )}
      {runs ? <VacancyForm employerId={employerId} /> : null}
    </section>
  );
}

function EmployerSupports({ employerId, actedBy, runs }: { employerId: string; actedBy: ActedBy; runs: boolean }) {
  const { t } = useTranslation();
  const supports = useSupports({ employer_id: employerId });
  return (
    <section aria-labelledby="employer-supports-heading">
      <h2 id="employer-supports-heading">{t("employers.supports.title")}</h2>
      {supports.isError ? (
        <ErrorAlert title={loadErrorMessage(t, supports.error)} />
      ) : !supports.data ? (
        <p role="status">{t("employers.loading")}</p>
      ) : supports.data.length ? (
        <SupportsTable
          supports={supports.data}
          caption={t("employers.supports.ofEmployer")}
          actedBy={actedBy}
          runs={runs}
          resultId="employer-supports-result"
        />
      ) : (
        <p>{t("employers.supports.none")}</p>
      )}
      {runs ? (
        <>
          <h3 id="employer-support-form-heading">{t("employers.supportForm.title")}</h3>
          <SupportForm employerId={employerId} label={t("employers.supportForm.title")} />
        </>
      ) : null}
    </section>
  );
}
