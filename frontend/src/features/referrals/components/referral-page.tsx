import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextArea } from "hds-react";
import { Fragment, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert, StatusMessage } from "../../../components/status-message";
import { formatDate, formatDateTime } from "../../../lib/format";
import { profileOf, useAuth } from "../../../lib/auth";
import { ApiError } from "../../../lib/problem";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { downloadDocument } from "../api/download-document";
import { useReferral } from "../api/get-referral";
import { useReferralClientData } from "../api/get-referral-client-data";
import { useReferralDocuments } from "../api/get-referral-documents";
import { useReferralHistory } from "../api/get-referral-history";
import { useService } from "../api/get-service";
import { useReportProgress } from "../api/report-progress";
import {
  type DocumentRead,
  REFERRAL_DATA_CATEGORIES,
  type ReferralRead,
  type ReferralStatus,
  type TransitionRead,
} from "../api/types";
import { DATA_STATUSES, localized, type Party, partyOf, PROGRESS_STATUSES } from "../lifecycle";
import { type ProgressForm, progressSchema } from "../schemas";
import { ATTACHING_ROLES, AttachDocument } from "./attach-document";
import { FeedbackSection } from "./feedback-section";
import { MESSAGING_ROLES, MessagesSection } from "./messages-section";
import { StatusBadge } from "./referral-bits";
import { SendDraft } from "./send-draft";
import { TransitionForm } from "./transition-form";

function ProgressReportForm({ referralId, onDone }: { referralId: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const report = useReportProgress(referralId);
  const schema = useMemo(() => progressSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ProgressForm>({ resolver: zodResolver(schema), defaultValues: { note: "" } });
  const failures = useFormErrors({ form: "progress", fields: ["note"] as const, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      await report.mutateAsync(form.note.trim());
      reset();
      onDone(t("progress.saved"));
    } catch (error) {
      if (failures.showProblem(error)) return;
      failures.fail(error instanceof ApiError && error.status === 409 ? t("progress.notOpen") : t("errors.unexpected"));
    }
  });

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="progress-title">
      <h3 id="progress-title">{t("progress.title")}</h3>
      <ErrorSummary errors={failures} />
      <TextArea
        id="progress-note"
        label={t("progress.note")}
        helperText={t("progress.noteHelp")}
        required
        {...errorProps(errors.note)}
        {...register("note")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("progress.save")}
        </Button>
      </div>
    </form>
  );
}

/** Who made a history row: you, the person by name with their organisation, a job as the system. */
export function who(
  t: (key: string, options?: Record<string, string>) => string,
  entry: TransitionRead,
  referral: ReferralRead,
  me?: string,
): string {
  if (entry.actor_subject === me) return t("history.you");
  if (entry.actor_subject.startsWith("system:")) return t("history.system");
  if (entry.actor_name) {
    return entry.actor_organisation_name
      ? t("history.person", { name: entry.actor_name, organisation: entry.actor_organisation_name })
      : entry.actor_name;
  }
  if (entry.actor_organisation_id === referral.partner_organisation_id) return t("history.partner");
  return t("history.sender");
}

function History({ referral, me }: { referral: ReferralRead; me?: string }) {
  const { t } = useTranslation();
  const history = useReferralHistory(referral.id);
  return (
    <section aria-labelledby="history-title" className="page-section">
      <h2 id="history-title">{t("history.title")}</h2>
      {history.isPending ? <p>{t("app.loading")}</p> : null}
      {history.isError ? <p role="alert">{loadErrorMessage(t, history.error)}</p> : null}
      {history.data?.length ? (
        <ol className="plain-list timeline" aria-label={t("history.title")}>
          {history.data.map((entry, index) => (
            <li key={`${entry.occurred_at}-${index}`}>
              <span className="timeline__what">
                {entry.from_status === entry.to_status
                  ? t("history.note")
                  : entry.from_status
                    ? t("history.moved", {
                        from: t(`referralStatus.${entry.from_status}`),
                        to: t(`referralStatus.${entry.to_status}`),
                      })
                    : t("history.created")}
              </span>{" "}
              <span className="timeline__when">
                {t("history.line", { at: formatDateTime(entry.occurred_at), by: who(t, entry, referral, me) })}
              </span>
              {entry.outcome ? (
                <p className="note">{t("history.outcome", { outcome: t(`outcome.${entry.outcome}`) })}</p>
              ) : null}
              {entry.reason ? <p className="note">{t("history.reason", { reason: entry.reason })}</p> : null}
              {entry.note ? <p className="note">{entry.note}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** Saves the document under its own name through an object URL (the download needs the user's token). */
async function saveDocument(referralId: string, document: DocumentRead): Promise<void> {
  const blob = await downloadDocument(referralId, document.id);
  const url = URL.createObjectURL(blob);
  const link = Object.assign(window.document.createElement("a"), { href: url, download: document.filename });
  link.click();
  URL.revokeObjectURL(url);
}

function Documents({ referralId, mayAttach }: { referralId: string; mayAttach: boolean }) {
  const { t } = useTranslation();
  const documents = useReferralDocuments(referralId);
  const [failure, setFailure] = useState<string | null>(null);
  const onDownload = (document: DocumentRead) => {
    setFailure(null);
    saveDocument(referralId, document).catch((error: unknown) =>
      setFailure(
        error instanceof ApiError && error.slug === "outside-special-category-circle"
          ? t("documents.noPermission", { name: document.filename })
          : t("documents.downloadFailed", { name: document.filename }),
      ),
    );
  };
  return (
    <section aria-labelledby="documents-title" className="page-section">
      <h2 id="documents-title">{t("documents.title")}</h2>
      {documents.isPending ? <p>{t("app.loading")}</p> : null}
      {documents.isError ? <p role="alert">{loadErrorMessage(t, documents.error)}</p> : null}
      {documents.data && documents.data.length === 0 ? <p>{t("documents.none")}</p> : null}
      {failure ? <ErrorAlert title={failure} /> : null}
      {documents.data?.length ? (
        <ul className="plain-list">
          {documents.data.map((document) => (
            <li key={document.id}>
              {t("documents.line", {
                name: document.filename,
                size: Math.max(1, Math.round(document.size_bytes / 1024)),
                date: formatDate(document.created_at),
              })}{" "}
              <Button
                variant={ButtonVariant.Secondary}
                aria-label={t("documents.downloadLabel", { name: document.filename })}
                onClick={() => onDownload(document)}
              >
                {t("documents.download")}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {mayAttach ? <AttachDocument referralId={referralId} /> : null}
    </section>
  );
}

/** A shown field's text; a field the client did not share, or one that is not text, shows as empty. */
const text = (value: unknown): string => (typeof value === "string" ? value : "");

function ClientData({ referral }: { referral: ReferralRead }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
  const data = useReferralClientData(referral.id, true);
  const slug = data.error instanceof ApiError ? data.error.slug : null;
  const identity = data.data?.identity;
  const contact = data.data?.contact_details;
  const other = (data.data?.categories ?? []).filter(
    (category) => category !== "identity" && category !== "contact_details",
  );
  const withheld: string[] = data.data?.withheld_categories ?? [];
  return (
    <section aria-labelledby="client-data-title" className="page-section">
      <h2 id="client-data-title">{t("clientData.title")}</h2>
      {data.isPending ? <p>{t("app.loading")}</p> : null}
      {data.isError ? (
        <div role="alert" className="alert alert--warning">
          <p className="alert__title">
            {slug === "consent-no-longer-holds"
              ? t("clientData.consentWithdrawn")
              : slug === "client-data-gone"
                ? t("clientData.gone")
                : loadErrorMessage(t, data.error)}
          </p>
        </div>
      ) : null}
      {data.data ? (
        <>
          <p>{t("clientData.intro")}</p>
          {withheld.includes("health_and_social") ? (
            <div role="note" className="alert alert--warning">
              <p className="alert__title">{t("clientData.specialCategoryWithheld")}</p>
            </div>
          ) : null}
          <dl className="summary-list">
            {identity ? (
              <>
                <dt>{t("client.name")}</dt>
                <dd>
                  {text(identity.first_names)} {text(identity.last_name)}
                </dd>
                <dt>{t("client.personalIdentityCode")}</dt>
                <dd>{text(identity.personal_identity_code)}</dd>
              </>
            ) : null}
            {contact ? (
              <>
                <dt>{t("client.contact")}</dt>
                <dd>{[contact.email, contact.phone].filter(Boolean).join(", ") || t("client.noContact")}</dd>
                <dt>{t("client.homeMunicipality")}</dt>
                <dd>{municipalities.name(text(contact.home_municipality))}</dd>
              </>
            ) : null}
            {other.map((category) => (
              <Fragment key={category}>
                <dt>{t(`dataCategory.${category}`)}</dt>
                <dd>
                  {withheld.includes(category)
                    ? t("clientData.withheld")
                    : data.data?.[category]
                      ? t("clientData.included")
                      : t("clientData.nothingRecorded")}
                </dd>
              </Fragment>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}

/** One referral: what, to whom, its status and history, its documents, the client data it carries, and the moves open to the viewer. */
export function ReferralPage({ me }: { me?: string }) {
  const { t, i18n } = useTranslation();
  const { referralId = "" } = useParams();
  const { user } = useAuth();
  const roles = profileOf(user).roles;
  const party: Party = partyOf(roles);
  const referral = useReferral(referralId);
  const service = useService(referral.data?.service_id);
  const [message, setMessage] = useState<string | null>(null);

  if (referral.isPending) return <p>{t("app.loading")}</p>;
  if (referral.isError) {
    const notFound = referral.error instanceof ApiError && [404, 422].includes(referral.error.status);
    const title = notFound ? t("referral.notFound") : loadErrorMessage(t, referral.error);
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Link to="/">{t("nav.home")}</Link>
      </>
    );
  }
  const data = referral.data;
  const serviceName = service.data ? localized(service.data, "name", i18n.language) : "";
  const title = t("referral.title", { service: serviceName });
  const mayReadData = !(roles?.includes("admin") && !roles.includes("coach") && !roles.includes("manager"));
  const onMoved = (status: ReferralStatus) => {
    setMessage(t("transition.done", { status: t(`referralStatus.${status}`) }));
    requestAnimationFrame(() => document.getElementById("referral-summary-title")?.focus());
  };

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <StatusMessage>{message}</StatusMessage>
      <section aria-labelledby="referral-summary-title" className="page-section">
        <h2 id="referral-summary-title" tabIndex={-1}>
          {t("referral.summary")}
        </h2>
        <dl className="summary-list">
          <dt>{t("referral.status")}</dt>
          <dd>
            <StatusBadge status={data.status} />
          </dd>
          <dt>{t("referral.service")}</dt>
          <dd>{serviceName}</dd>
          <dt>{t("referral.partner")}</dt>
          <dd>{service.data?.organisation_name ?? ""}</dd>
          {data.sender_name ? (
            <>
              <dt>{t("referral.sender")}</dt>
              <dd>
                {[data.sender_name, data.sender_organisation_name].filter(Boolean).join(", ")}
                {data.sender_email ? (
                  <>
                    {" "}
                    (<a href={`mailto:${data.sender_email}`}>{data.sender_email}</a>)
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt>{t("referral.categories")}</dt>
          <dd>
            {REFERRAL_DATA_CATEGORIES.filter((category) => data.categories.includes(category))
              .map((category) => t(`dataCategory.${category}`))
              .join(", ")}
          </dd>
          <dt>{t("referral.reason")}</dt>
          <dd className="note">{data.reason}</dd>
          <dt>{t("referral.sent")}</dt>
          <dd>{data.sent_at ? formatDate(data.sent_at) : t("referral.notSent")}</dd>
          {data.due_on ? (
            <>
              <dt>{t("referral.due")}</dt>
              <dd>{formatDate(data.due_on)}</dd>
            </>
          ) : null}
          {data.rejection_reason ? (
            <>
              <dt>{t("referral.rejectionReason")}</dt>
              <dd>{data.rejection_reason}</dd>
            </>
          ) : null}
          {data.outcome ? (
            <>
              <dt>{t("referral.outcome")}</dt>
              <dd>{t(`outcome.${data.outcome}`)}</dd>
            </>
          ) : null}
          {party === "sender" ? (
            <>
              <dt>{t("referral.client")}</dt>
              <dd>
                <Link to={`/clients/${data.client_id}`}>{t("referral.openClient")}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="referral-actions-title" className="page-section">
        <h2 id="referral-actions-title">{t("referral.actions")}</h2>
        {party === "sender" && data.status === "draft" ? (
          <SendDraft
            referral={data}
            onSent={(sent) => {
              setMessage(sent);
              requestAnimationFrame(() => document.getElementById("referral-summary-title")?.focus());
            }}
          />
        ) : null}
        <TransitionForm referral={data} onDone={onMoved} />
        {party === "partner" && PROGRESS_STATUSES.includes(data.status) ? (
          <ProgressReportForm referralId={data.id} onDone={setMessage} />
        ) : null}
      </section>
      <FeedbackSection referral={data} party={party} />
      {mayReadData && DATA_STATUSES.includes(data.status) ? <ClientData referral={data} /> : null}
      {MESSAGING_ROLES.some((role) => roles?.includes(role)) ? <MessagesSection referralId={data.id} me={me} /> : null}
      <Documents referralId={data.id} mayAttach={ATTACHING_ROLES.some((role) => roles?.includes(role))} />
      <History referral={data} me={me} />
    </>
  );
}
