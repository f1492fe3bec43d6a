import { Button, ButtonVariant, TextArea } from "hds-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { type FormOnRequest, FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { StatusMessage } from "../../../components/status-message";
import { VersionConflictAlert, type VersionConflict, versionConflictOf } from "../../../components/version-conflict";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { formatDate, formatDateTime } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useDeclineStatementRequest } from "../api/decline-statement-request";
import { useClientStatementRequests } from "../api/get-client-statement-requests";
import { OPEN_REQUEST_STATES, type StatementRequestRead } from "../api/types";
import { StatementDraftForm } from "./statement-draft-form";

const DECLINE_FIELDS = ["reason"] as const;

type Done = (message: string) => void;

/** The coach declines to give a statement, saying why (sent on to the requester); If-Match: the version seen. */
function DeclineForm({
  request,
  onDone,
  onCancel,
  onReload,
}: {
  request: StatementRequestRead;
  onDone: Done;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const decline = useDeclineStatementRequest();
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const failures = useFormErrors<{ reason: string }>({ form: "statements.requests", fields: DECLINE_FIELDS, setError });
  const submit = handleSubmit((values) => {
    failures.clear();
    setConflict(null);
    decline.mutate(
      { request, reason: values.reason.trim() },
      {
        onSuccess: (declined) =>
          onDone(
            t("statements.requests.declinedDone", {
              requester: declined.requester,
              who: declined.closed_by_name ?? declined.closed_by ?? "–",
            }),
          ),
        onError: (error) => {
          const stale = versionConflictOf(error);
          if (stale) setConflict(stale);
          else if (error instanceof ApiError && error.status === 409)
            failures.fail(t("errors.formTitle"), [t("statements.requests.closedMeanwhile")]);
          else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
        },
      },
    );
  });
  const titleId = `request-decline-${request.id}`;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId}>
      <h4 id={titleId} tabIndex={-1}>
        {t("statements.requests.declineTitle")}
      </h4>
      <p>{t("statements.requests.declineHelp", { requester: request.requester })}</p>
      {conflict ? (
        <VersionConflictAlert
          conflict={conflict}
          text={(version) => t("statements.requests.conflict", { version })}
          onLoadNewer={onReload}
        />
      ) : null}
      <ErrorSummary errors={failures} />
      <TextArea
        id={`request-reason-${request.id}`}
        label={t("statements.requests.reason")}
        required
        {...errorProps(errors.reason)}
        {...register("reason", {
          validate: (value: string) => value.trim().length >= 3 || t("statements.requests.reasonTooShort"),
        })}
      />
      <div className="form__actions">
        <Button type="submit" disabled={decline.isPending}>
          {t("statements.requests.decline")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function RequestItem({
  clientId,
  request,
  initiallyOpen,
  onMessage,
  onReload,
}: {
  clientId: string;
  request: StatementRequestRead;
  initiallyOpen: boolean;
  onMessage: Done;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const isOpen = OPEN_REQUEST_STATES.includes(request.status);
  const [expanded, setExpanded] = useState(initiallyOpen);
  const headingId = `request-${request.id}`;
  const detailsId = `request-details-${request.id}`;
  // Each answer opens on request; done, the form closes and focus goes to the request's heading (its state changed).
  const drafting = useFormOnRequest(`request-draft-form-${request.id}`);
  const declining = useFormOnRequest(`request-decline-form-${request.id}`);
  const done = (form: FormOnRequest) => (message: string) => {
    onMessage(message);
    form.saved(headingId);
  };
  return (
    <li aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        {t("statements.requests.heading", { requester: request.requester, date: formatDate(request.requested_on) })}{" "}
        <span className={`badge badge--request-${request.status}`}>
          {t(`statements.requests.states.${request.status}`)}
        </span>
      </h3>
      <Button
        variant={ButtonVariant.Secondary}
        aria-expanded={expanded}
        aria-controls={detailsId}
        onClick={() => setExpanded((value) => !value)}
      >
        {expanded ? t("statements.requests.close") : t("statements.requests.open")}
      </Button>
      <div id={detailsId} hidden={!expanded}>
        <dl className="summary-list">
          <dt>{t("statements.requests.requester")}</dt>
          <dd>{request.requester}</dd>
          <dt>{t("statements.requests.nationalId")}</dt>
          <dd>{request.request_id}</dd>
          <dt>{t("statements.requests.requestedOn")}</dt>
          <dd>{formatDate(request.requested_on)}</dd>
          {isOpen ? (
            <>
              <dt>{t("statements.requests.due")}</dt>
              <dd>{t("statements.requests.dueWithoutDelay", { date: formatDate(request.requested_on) })}</dd>
            </>
          ) : null}
          {request.statement_id ? (
            <>
              <dt>{t("statements.requests.statement")}</dt>
              <dd>
                {request.status === "issued"
                  ? t("statements.requests.statementIssued")
                  : t("statements.requests.statementDrafted")}
              </dd>
            </>
          ) : null}
          {request.closed_at ? (
            <>
              <dt>{t("statements.requests.closedBy")}</dt>
              <dd>
                {t("statements.byOn", {
                  who: request.closed_by_name ?? request.closed_by ?? "–",
                  on: formatDateTime(request.closed_at),
                })}
              </dd>
            </>
          ) : null}
          {request.decline_reason ? (
            <>
              <dt>{t("statements.requests.reason")}</dt>
              <dd>{request.decline_reason}</dd>
            </>
          ) : null}
        </dl>
        {isOpen && request.status === "pending" && !request.statement_id ? (
          <FormOnRequestRegion form={drafting} label={t("statements.requests.draftFor")}>
            <StatementDraftForm
              clientId={clientId}
              request={request}
              level={4}
              onDone={done(drafting)}
              onCancel={drafting.cancel}
            />
          </FormOnRequestRegion>
        ) : null}
        {isOpen ? (
          <FormOnRequestRegion form={declining} label={t("statements.requests.decline")}>
            <DeclineForm
              key={request.version}
              request={request}
              onDone={done(declining)}
              onCancel={declining.cancel}
              onReload={onReload}
            />
          </FormOnRequestRegion>
        ) : null}
      </div>
    </li>
  );
}

/**
 * The client's statement requests from the national system (Kela or an unemployment fund asks for a labour policy
 * statement, työttömyysturvalaki 1290/2002 11 luku 4 §): open ones first, each to be answered without undue delay
 * (hallintolaki 434/2003 23 §). The coach opens one, drafts the statement for it (issued below, which closes the
 * request) or declines it with a reason; who closed it is named. ``?request=<id>`` opens that one.
 */
export function StatementRequestsSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const requests = useClientStatementRequests(clientId);
  const [params] = useSearchParams();
  const wanted = params.get("request");
  const [message, setMessage] = useState<string | null>(null);
  const sorted = [...(requests.data ?? [])].sort(
    (a, b) => Number(!OPEN_REQUEST_STATES.includes(a.status)) - Number(!OPEN_REQUEST_STATES.includes(b.status)),
  );
  return (
    <section aria-labelledby="statement-requests-title" className="page-section">
      <h2 id="statement-requests-title">{t("statements.requests.title")}</h2>
      <p>{t("statements.requests.help")}</p>
      {requests.isPending ? <p>{t("app.loading")}</p> : null}
      {requests.isError ? <p role="alert">{loadErrorMessage(t, requests.error)}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      {requests.data && requests.data.length === 0 ? <p>{t("statements.requests.none")}</p> : null}
      {sorted.length ? (
        <ul className="plain-list">
          {sorted.map((request) => (
            <RequestItem
              key={request.id}
              clientId={clientId}
              request={request}
              initiallyOpen={request.id === wanted}
              onMessage={setMessage}
              onReload={() => void requests.refetch()}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
