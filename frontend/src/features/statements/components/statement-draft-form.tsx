import { Button, ButtonVariant, TextArea } from "hds-react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { DateInput } from "../../../components/date-input";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { errorProps } from "../../../lib/form-errors";
import { todayInHelsinki } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useDraftStatement } from "../api/draft-statement";
import { NEGLECT_KINDS, type StatementCreate, type StatementRead, type StatementRequestRead } from "../api/types";
import { consequenceText } from "./words";

const FIELDS = ["neglect_kind", "neglected_on", "description"] as const;

/** Why the service refused a draft (409), by the problem's type: the neglect has a statement, or the request closed. */
const CONFLICTS: Record<string, string> = {
  "statement-exists": "statements.exists",
  "statement-request-answered": "statements.requests.closedMeanwhile",
  "statement-request-closed": "statements.requests.closedMeanwhile",
};

/**
 * The draft of a labour-policy statement (*työvoimapoliittinen lausunto*): the neglect, its day and what happened;
 * the service gives the consequence. With ``request``, the draft answers that statement request of the national
 * system: it names the request, and issuing the statement closes it. Drafted, ``onDone`` gets the message that
 * tells the consequence, and the statement. ``level`` is the title's heading level (the form sits below a section's
 * heading, or below a request's).
 */
export function StatementDraftForm({
  clientId,
  request,
  level = 3,
  onDone,
  onCancel,
}: {
  clientId: string;
  request?: StatementRequestRead;
  level?: 3 | 4;
  onDone: (message: string, statement: StatementRead) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const draft = useDraftStatement(clientId);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<StatementCreate>({
    defaultValues: { neglect_kind: "missed_interview", neglected_on: todayInHelsinki(), description: "" },
  });
  const failures = useFormErrors<StatementCreate>({ form: "statements", fields: FIELDS, setError });
  const submit = handleSubmit((values) => {
    failures.clear();
    const body = { ...values, description: values.description.trim() };
    draft.mutate(request ? { ...body, platform_request_id: request.id } : body, {
      onSuccess: (created) => {
        const consequence = consequenceText(t, created);
        onDone(
          request
            ? t("statements.requests.drafted", { requester: request.requester, consequence })
            : t("statements.drafted", { consequence }),
          created,
        );
      },
      onError: (error) => {
        if (failures.showProblem(error)) return;
        const known = error instanceof ApiError && error.status === 409 && error.slug ? CONFLICTS[error.slug] : null;
        failures.fail(t("errors.formTitle"), [known ? t(known) : t("errors.unexpected")]);
      },
    });
  });
  // Ids unique on the page: one form drafts without a request, and each request has its own.
  const id = (part: string) => (request ? `request-${part}-${request.id}` : `statement-${part}`);
  const Title = level === 4 ? "h4" : "h3";
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={id("draft-title")}>
      <Title id={id("draft-title")} tabIndex={-1}>
        {request ? t("statements.requests.draftTitle", { requester: request.requester }) : t("statements.draftTitle")}
      </Title>
      <p>{request ? t("statements.requests.draftHelp") : t("statements.draftHelp")}</p>
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id={id("neglect-kind")}
        label={t("statements.neglectKind")}
        required
        errorText={errors.neglect_kind?.message}
        {...register("neglect_kind")}
        choices={NEGLECT_KINDS}
        choiceLabel={(kind) => t(`statements.kind.${kind}`)}
      />
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
