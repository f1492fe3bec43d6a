import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextArea } from "hds-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequestWithResult } from "../../../components/form-on-request";
import { SavedResult } from "../../../components/saved-result";
import { SelectField } from "../../../components/select-field";
import { formatDate } from "../../../lib/format";
import { errorProps } from "../../../lib/form-errors";
import { type Me, usePersonName, useTeams } from "../../coachwork";
import { useCreateHandover } from "../api/handovers";
import { refusal } from "./conflict";

function handoverSchema(t: (key: string) => string) {
  return z.object({
    to: z.string().min(1, { error: t("errors.code.missing") }),
    reason: z
      .string()
      .trim()
      .min(3, { error: t("coachwork.errors.reasonTooShort") })
      .max(1000, { error: t("errors.code.string_too_long") }),
  });
}
type HandoverForm = z.infer<ReturnType<typeof handoverSchema>>;

interface HandoverFormProps {
  clientId: string;
  me?: Me;
  onDone: (message: string) => void;
  onCancel: () => void;
}

function HandoverFormFields({ clientId, me, onDone, onCancel }: HandoverFormProps) {
  const { t } = useTranslation();
  const nameOf = usePersonName(me);
  const teams = useTeams();
  const create = useCreateHandover(clientId);
  const schema = useMemo(() => handoverSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<HandoverForm>({ resolver: zodResolver(schema), defaultValues: { to: "", reason: "" } });
  const failures = useFormErrors<HandoverForm>({ form: "handover.create", fields: ["reason"], setError });
  const submit = handleSubmit(async (values) => {
    failures.clear();
    const [teamId, coach] = values.to.split("|");
    try {
      const created = await create.mutateAsync({
        to_coach_subject: coach,
        to_team_id: teamId,
        reason: values.reason.trim(),
      });
      onDone(
        t("handover.create.done", {
          coach: nameOf(created.to_coach_subject ?? coach),
          date: formatDate(created.due_on),
          who: nameOf(created.created_by),
        }),
      );
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [refusal(t, error)]);
    }
  });
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="handover-form-title">
      <h3 id="handover-form-title" tabIndex={-1}>
        {t("handover.create.open")}
      </h3>
      <ErrorSummary errors={failures} />
      <SelectField
        id="handover-to"
        label={t("handover.create.to")}
        required
        errorText={errors.to?.message}
        {...register("to")}
      >
        <option value="">{t("common.choose")}</option>
        {(teams.data ?? []).map((team) => (
          <optgroup key={team.id} label={team.name}>
            {team.members.map((member) => (
              <option key={`${team.id}|${member.coach_subject}`} value={`${team.id}|${member.coach_subject}`}>
                {member.display_name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <TextArea
        id="handover-reason"
        label={t("handover.create.reason")}
        required
        {...errorProps(errors.reason)}
        {...register("reason")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("handover.create.submit")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * Hands the client over from the initial service to a named personal coach now (also before the three months
 * end): the coach is chosen from the teams with their team, and the reason is required. The hand-over becomes a
 * task on both sides until one of them marks it done (the hand-overs page). The form opens on request.
 */
export function HandoverSection({ clientId, me }: { clientId: string; me?: Me }) {
  const { t } = useTranslation();
  const form = useFormOnRequestWithResult("handover-form");
  return (
    <section id="handover" aria-labelledby="handover-title" className="page-section">
      <h2 id="handover-title">{t("handover.create.title")}</h2>
      <p>{t("handover.create.help")}</p>
      <SavedResult id={form.resultId}>{form.result}</SavedResult>
      <FormOnRequestRegion form={form} label={t("handover.create.open")}>
        <HandoverFormFields clientId={clientId} me={me} onDone={form.report} onCancel={form.cancel} />
      </FormOnRequestRegion>
    </section>
  );
}
