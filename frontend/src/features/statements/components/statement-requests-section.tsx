import { Button, ButtonVariant, TextArea } from "hds-react";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { DateInput } from "../../../components/date-input";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { SelectField } from "../../../components/select-field";
import { StatusMessage } from "../../../components/status-message";
import { VersionConflictAlert, type VersionConflict, versionConflictOf } from "../../../components/version-conflict";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { formatDate, formatDateTime, todayInHelsinki } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useDeclineStatementRequest } from "../api/decline-statement-request";
import { useDraftStatement } from "../api/draft-statement";
import { useClientStatementRequests } from "../api/get-client-statement-requests";
import { NEGLECT_KINDS, OPEN_REQUEST_STATES, type StatementCreate, type StatementRequestRead } from "../api/types";
import { consequenceText } from "./words";

const DRAFT_FIELDS = ["neglect_kind", "neglected_on", "description"] as const;
const DECLINE_FIELDS = ["reason"] as const;

type Done = (message: string) => void;

/** A statement drafted for the request: the draft names it, and issuing the statement closes it. */
function DraftForRequest({
  clientId,
  request,
  onDone,
  onCancel,
}: {
  clientId: string;
  request: StatementRequestRead;
  onDone: Done;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const draft = useDraftStatement(clientId);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<StatementCreate>({
    defaultValues: { neglect_kind: "missed_interview", neglected_on: todayInHelsinki(), description: "" },
  });
  const failures = useFormErrors<StatementCreate>({ form: "statements", fields: DRAFT_FIELDS, setError });
  const submit = handleSubmit((values) => {
    failures.clear();
    draft.mutate(
      { ...values, description: values.description.trim(), platform_request_id: request.id },
      {
        onSuccess: (created) =>
          onDone(
            t("statements.requests.drafted", {
              requester: request.requester,
              consequence: consequenceText(t, created),
            }),
          ),
        onError: (error) => {
          if (failures.showProblem(error)) return;
          if (error instanceof ApiError && error.status === 409) {
            failures.fail(t("errors.formTitle"), [error.problem?.detail ?? t("statements.exists")]);
          } else {
            failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
          }
        },
      },
    );
  });
  const titleId = `request-draft-${request.id}`;
  const id = (field: string) => `request-${field}-${request.id}`;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId}>
      <h4 id={titleId} tabIndex={-1} ref={title}>
        {t("statements.requests.draftTitle", { requester: request.requester })}
      </h4>
      <p>{t("statements.requests.draftHelp")}</p>
      <ErrorSummary errors={failures} />
      <SelectField
        id={id("neglect-kind")}
        label={t("statements.neglectKind")}
        required
        errorText={errors.neglect_kind?.message}
        {...register("neglect_kind")}
      >
        {NEGLECT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`statements.kind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <DateInput
        control={control}
        name="neglected_on"
        id={id("neglected-on")}
        label={t("statements.neglectedOn")}
        required
        {...errorProps(errors.neglected_on)}
      />
      <TextArea
        id={id("description")}
        label={t("statements.description")}
        required
        {...errorProps(errors.description)}
        {...register("description", {
          validate: (value: string) => value.trim().length >= 3 || t("statements.errors.description.too_short"),
        })}
      />
      <div className="form__actions">
        <Button type="submit" disabled={draft.isPending}>
          {t("statements.draft")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

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
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
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
      <h4 id={titleId} tabIndex={-1} ref={title}>
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
  const [step, setStep] = useState<"draft" | "decline" | null>(null);
  const headingId = `request-${request.id}`;
  const detailsId = `request-details-${request.id}`;
  const done = (message: string) => {
    setStep(null);
    onMessage(message);
  };
  return (
    <li aria-labelledby={headingId}>
      <h3 id={headingId}>
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
        {isOpen && step === null ? (
          <div className="form__actions">
            {request.status === "pending" && !request.statement_id ? (
              <Button variant={ButtonVariant.Secondary} onClick={() => setStep("draft")}>
                {t("statements.requests.draftFor")}
              </Button>
            ) : null}
            <Button variant={ButtonVariant.Secondary} onClick={() => setStep("decline")}>
              {t("statements.requests.decline")}
            </Button>
          </div>
        ) : null}
        {step === "draft" ? (
          <DraftForRequest clientId={clientId} request={request} onDone={done} onCancel={() => setStep(null)} />
        ) : null}
        {step === "decline" ? (
          <DeclineForm request={request} onDone={done} onCancel={() => setStep(null)} onReload={onReload} />
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
              key={`${request.id}-${request.version}`}
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
