import { Button, ButtonVariant, TextArea, TextInput } from "hds-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { StatusMessage } from "../../../components/status-message";
import { VersionConflictAlert, type VersionConflict, versionConflictOf } from "../../../components/version-conflict";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { useClientStatements } from "../api/get-client-statements";
import { useHearClient } from "../api/hear-client";
import { useIssueStatement } from "../api/issue-statement";
import { RECIPIENTS, type Recipient, type StatementRead } from "../api/types";
import { StatementDraftForm } from "./statement-draft-form";
import { consequenceText } from "./words";
import { DateInput } from "../../../components/date-input";

const HEARING_FIELDS = ["client_account", "heard_on"] as const;
const ISSUE_FIELDS = ["recipient", "fund_name", "issued_on"] as const;

/** A version conflict of a step: someone changed the statement in between. */
function useStepConflict() {
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  return { conflict, setConflict };
}

interface HearingValues {
  client_account: string;
  heard_on: string;
}

function HearingForm({
  clientId,
  statement,
  onDone,
  onCancel,
  onReload,
}: {
  clientId: string;
  statement: StatementRead;
  onDone: (message: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const hear = useHearClient(clientId);
  const failure = useStepConflict();
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<HearingValues>({ defaultValues: { client_account: "", heard_on: todayInHelsinki() } });
  const failures = useFormErrors<HearingValues>({ form: "statements", fields: HEARING_FIELDS, setError });
  const submit = handleSubmit((values) => {
    failures.clear();
    failure.setConflict(null);
    hear.mutate(
      { statement, body: { ...values, client_account: values.client_account.trim() } },
      {
        onSuccess: () => onDone(t("statements.heardDone")),
        onError: (error) => {
          const conflict = versionConflictOf(error);
          if (conflict) failure.setConflict(conflict);
          else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
        },
      },
    );
  });
  const titleId = `statement-hearing-${statement.id}`;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId}>
      <h4 id={titleId} tabIndex={-1}>
        {t("statements.hearingTitle")}
      </h4>
      <p>{t("statements.hearingHelp")}</p>
      {failure.conflict ? (
        <VersionConflictAlert
          conflict={failure.conflict}
          text={(version) => t("statements.conflict", { version })}
          onLoadNewer={onReload}
        />
      ) : null}
      <ErrorSummary errors={failures} />
      <TextArea
        id={`statement-account-${statement.id}`}
        label={t("statements.clientAccount")}
        required
        {...errorProps(errors.client_account)}
        {...register("client_account", {
          validate: (value: string) => value.trim() !== "" || t("errors.code.missing"),
        })}
      />
      <DateInput
        control={control}
        name="heard_on"
        id={`statement-heard-on-${statement.id}`}
        label={t("statements.heardOn")}
        required
        {...errorProps(errors.heard_on)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={hear.isPending}>
          {t("statements.recordHearing")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

interface IssueValues {
  recipient: Recipient;
  fund_name: string;
  issued_on: string;
}

function IssueForm({
  clientId,
  statement,
  onDone,
  onCancel,
  onReload,
}: {
  clientId: string;
  statement: StatementRead;
  onDone: (message: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const issue = useIssueStatement(clientId);
  const failure = useStepConflict();
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<IssueValues>({ defaultValues: { recipient: "kela", fund_name: "", issued_on: todayInHelsinki() } });
  const failures = useFormErrors<IssueValues>({ form: "statements", fields: ISSUE_FIELDS, setError });
  const toFund = useWatch({ control, name: "recipient" }) === "unemployment_fund";
  const submit = handleSubmit((values) => {
    failures.clear();
    failure.setConflict(null);
    const body = {
      recipient: values.recipient,
      issued_on: values.issued_on,
      fund_name: values.recipient === "unemployment_fund" ? values.fund_name.trim() : null,
    };
    issue.mutate(
      { statement, body },
      {
        onSuccess: (issued) => onDone(t("statements.issuedDone", { days: issued.processing_days })),
        onError: (error) => {
          const conflict = versionConflictOf(error);
          if (conflict) failure.setConflict(conflict);
          else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
        },
      },
    );
  });
  const titleId = `statement-issue-${statement.id}`;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId}>
      <h4 id={titleId} tabIndex={-1}>
        {t("statements.issueTitle")}
      </h4>
      {failure.conflict ? (
        <VersionConflictAlert
          conflict={failure.conflict}
          text={(version) => t("statements.conflict", { version })}
          onLoadNewer={onReload}
        />
      ) : null}
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id={`statement-recipient-${statement.id}`}
        label={t("statements.recipient")}
        required
        {...register("recipient")}
        choices={RECIPIENTS}
        choiceLabel={(recipient) => t(`statements.recipients.${recipient}`)}
      />
      {toFund ? (
        <TextInput
          id={`statement-fund-${statement.id}`}
          label={t("statements.fundName")}
          required
          {...errorProps(errors.fund_name)}
          {...register("fund_name", {
            validate: (value: string) => value.trim().length >= 2 || t("errors.code.missing"),
          })}
        />
      ) : null}
      <DateInput
        control={control}
        name="issued_on"
        id={`statement-issued-on-${statement.id}`}
        label={t("statements.issuedOn")}
        required
        {...errorProps(errors.issued_on)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={issue.isPending}>
          {t("statements.issue")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function StatementCard({
  clientId,
  statement,
  onMessage,
  onReload,
}: {
  clientId: string;
  statement: StatementRead;
  onMessage: (message: string) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  // The next step (the client's account, then the issue) opens on request; done, focus goes to the statement.
  const step = useFormOnRequest(`statement-step-${statement.id}`);
  const done = (message: string) => {
    onMessage(message);
    step.saved(`statement-${statement.id}`);
  };
  return (
    <li>
      <h3 id={`statement-${statement.id}`} tabIndex={-1}>
        {t(`statements.kind.${statement.neglect_kind}`)} {formatDate(statement.neglected_on)}
      </h3>
      <dl className="summary-list">
        <dt>{t("statements.state")}</dt>
        <dd>{t(`statements.states.${statement.state}`)}</dd>
        <dt>{t("statements.consequenceLabel")}</dt>
        <dd>{consequenceText(t, statement)}</dd>
        <dt>{t("statements.description")}</dt>
        <dd>{statement.description}</dd>
        <dt>{t("statements.draftedBy")}</dt>
        <dd>{t("statements.byOn", { who: statement.drafted_by, on: formatDate(statement.drafted_at) })}</dd>
        {statement.heard_on ? (
          <>
            <dt>{t("statements.clientAccount")}</dt>
            <dd>
              {statement.client_account} (
              {t("statements.byOn", { who: statement.heard_by ?? "", on: formatDate(statement.heard_on) })})
            </dd>
          </>
        ) : null}
        {statement.issued_on ? (
          <>
            <dt>{t("statements.issuedTo")}</dt>
            <dd>
              {statement.recipient === "unemployment_fund" ? statement.fund_name : t("statements.recipients.kela")} (
              {t("statements.byOn", { who: statement.issued_by ?? "", on: formatDate(statement.issued_on) })})
            </dd>
          </>
        ) : null}
        <dt>{t("statements.processingDays")}</dt>
        <dd>{t("statements.days", { count: statement.processing_days ?? 0 })}</dd>
      </dl>
      {statement.state === "draft" ? (
        <Button variant={ButtonVariant.Secondary} {...step.buttonProps}>
          {t("statements.openHearing")}
        </Button>
      ) : null}
      {statement.state === "heard" ? (
        <Button variant={ButtonVariant.Secondary} {...step.buttonProps}>
          {t("statements.openIssue")}
        </Button>
      ) : null}
      <div {...step.regionProps}>
        {step.isOpen && statement.state === "draft" ? (
          <HearingForm
            key={statement.version}
            clientId={clientId}
            statement={statement}
            onDone={done}
            onCancel={step.cancel}
            onReload={onReload}
          />
        ) : null}
        {step.isOpen && statement.state === "heard" ? (
          <IssueForm
            key={statement.version}
            clientId={clientId}
            statement={statement}
            onDone={done}
            onCancel={step.cancel}
            onReload={onReload}
          />
        ) : null}
      </div>
    </li>
  );
}

/**
 * The client's labour-policy statements (työttömyysturvalaki 1290/2002, 11 luku 4 §; consequences from 2 a luku
 * 13–14 § as in force on the day of the neglect, decided by the service): draft, the client's account, issue.
 */
export function StatementsSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const statements = useClientStatements(clientId);
  const [message, setMessage] = useState<string | null>(null);
  // Drafted, the form closes and focus goes to the new statement once the list shows it.
  const form = useFormOnRequest("statement-draft", { onOpen: () => setMessage(null) });
  return (
    <section id="statements" aria-labelledby="statements-title" className="page-section">
      <h2 id="statements-title" tabIndex={-1}>
        {t("statements.title")}
      </h2>
      {statements.isPending ? <p>{t("app.loading")}</p> : null}
      {statements.isError ? <p role="alert">{loadErrorMessage(t, statements.error)}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      {statements.data && statements.data.length === 0 ? <p>{t("statements.none")}</p> : null}
      {statements.data?.length ? (
        <ul className="plain-list">
          {statements.data.map((statement) => (
            <StatementCard
              key={statement.id}
              clientId={clientId}
              statement={statement}
              onMessage={setMessage}
              onReload={() => void statements.refetch()}
            />
          ))}
        </ul>
      ) : null}
      <FormOnRequestRegion form={form} label={t("statements.draftTitle")}>
        <StatementDraftForm
          clientId={clientId}
          onDone={(done, statement) => {
            setMessage(done);
            form.saved(`statement-${statement.id}`);
          }}
          onCancel={form.cancel}
        />
      </FormOnRequestRegion>
    </section>
  );
}
