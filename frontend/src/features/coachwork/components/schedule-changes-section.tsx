import { zodResolver } from "@hookform/resolvers/zod";
import { TextArea, TextInput } from "hds-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import {
  FormOnRequestForm,
  FormOnRequestRegion,
  useFormOnRequestWithResult,
} from "../../../components/form-on-request";
import { SavedResult } from "../../../components/saved-result";
import { SelectField } from "../../../components/select-field";
import { formatDate, formatDateTime } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import {
  type AssessmentRead,
  type AssessmentWrite,
  useAssessment,
  useInterviews,
  useSaveAssessment,
  useSchedule,
} from "../../clients";
import { useCancelInterview } from "../api/cancel-interview";
import { CANCELLING_PARTIES, type CancellingParty, type DeadlineKind, type DeadlineRead } from "../api/types";
import { useWaiveDeadline } from "../api/waive-deadline";
import {
  type CancelForm,
  cancelSchema,
  type SupplementaryForm,
  supplementarySchema,
  type WaiverForm,
  waiverSchema,
} from "../schemas";
import { type Me, usePersonName } from "./coach-names";

const OPEN = new Set(["due", "overdue"]);
const deadlineValue = (deadline: Pick<DeadlineRead, "kind" | "number">) => `${deadline.kind}:${deadline.number}`;

function WaiveDeadline({ clientId, me }: { clientId: string; me?: Me }) {
  const { t } = useTranslation();
  const nameOf = usePersonName(me);
  const schedule = useSchedule(clientId);
  const waive = useWaiveDeadline(clientId);
  const schema = useMemo(() => waiverSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<WaiverForm>({ resolver: zodResolver(schema), defaultValues: { deadline: "", reason: "" } });
  const failures = useFormErrors<WaiverForm>({ form: "coachwork.waive", fields: ["reason"], setError });
  const open = schedule.data?.deadlines.filter((deadline) => OPEN.has(deadline.status)) ?? [];
  const waived = schedule.data?.deadlines.filter((deadline) => deadline.status === "waived") ?? [];
  const opened = useFormOnRequestWithResult("waive-form");

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    const [kind, number] = form.deadline.split(":");
    try {
      const waiver = await waive.mutateAsync({
        kind: kind as DeadlineKind,
        number: Number(number),
        reason: form.reason,
      });
      reset({ deadline: "", reason: "" });
      opened.report(
        t("coachwork.waive.done", {
          deadline: t(`deadlineKind.${waiver.kind}`, { number: waiver.number }),
          date: formatDate(waiver.due_on),
          who: nameOf(waiver.waived_by),
        }),
      );
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });

  return (
    <div>
      <h3 id="waive-title">{t("coachwork.waive.title")}</h3>
      <p>{t("coachwork.waive.help")}</p>
      <SavedResult id={opened.resultId}>{opened.result}</SavedResult>
      {waived.length ? (
        <>
          <h4>{t("coachwork.waive.waived")}</h4>
          <ul className="plain-list" aria-label={t("coachwork.waive.waived")}>
            {waived.map((deadline) => (
              <li key={deadlineValue(deadline)}>
                <strong>{t(`deadlineKind.${deadline.kind}`, { number: deadline.number })}</strong>,{" "}
                {formatDate(deadline.due_on)}: {deadline.waiver_reason ?? "–"}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <FormOnRequestRegion form={opened} label={t("coachwork.waive.open")}>
        <FormOnRequestForm
          form={opened}
          title={t("coachwork.waive.open")}
          level={4}
          submitLabel={t("coachwork.waive.save")}
          submitting={isSubmitting}
          onSubmit={(event) => void onSubmit(event)}
        >
          <ErrorSummary errors={failures} />
          {schedule.isError ? <p role="alert">{loadErrorMessage(t, schedule.error)}</p> : null}
          <SelectField
            id="deadline"
            label={t("coachwork.waive.deadline")}
            required
            errorText={errors.deadline?.message}
            {...register("deadline")}
          >
            <option value="">{t("common.choose")}</option>
            {open.map((deadline) => (
              <option key={deadlineValue(deadline)} value={deadlineValue(deadline)}>
                {t("coachwork.waive.option", {
                  deadline: t(`deadlineKind.${deadline.kind}`, { number: deadline.number }),
                  date: formatDate(deadline.due_on),
                  status: t(`deadlineStatus.${deadline.status}`),
                })}
              </option>
            ))}
          </SelectField>
          <TextArea
            id="waive-reason"
            label={t("coachwork.waive.reason")}
            helperText={t("coachwork.waive.reasonHelp")}
            required
            {...errorProps(errors.reason)}
            {...register("reason")}
          />
        </FormOnRequestForm>
      </FormOnRequestRegion>
    </div>
  );
}

function CancelInterview({ clientId, me }: { clientId: string; me?: Me }) {
  const { t } = useTranslation();
  const nameOf = usePersonName(me);
  const interviews = useInterviews(clientId);
  const cancel = useCancelInterview(clientId);
  const schema = useMemo(() => cancelSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CancelForm>({
    resolver: zodResolver(schema),
    defaultValues: { interview: "", party: "", reason: "" },
  });
  const failures = useFormErrors<CancelForm>({ form: "coachwork.cancel", fields: ["party", "reason"], setError });
  const held = interviews.data?.filter((interview) => !interview.cancelled_at) ?? [];
  const cancelled = interviews.data?.filter((interview) => interview.cancelled_at) ?? [];
  const opened = useFormOnRequestWithResult("cancel-interview-form");

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const interview = await cancel.mutateAsync({
        interviewId: form.interview,
        party: form.party as CancellingParty,
        reason: form.reason,
      });
      reset({ interview: "", party: "", reason: "" });
      opened.report(
        t("coachwork.cancel.done", {
          date: formatDate(interview.held_on),
          who: interview.cancelled_by ? nameOf(interview.cancelled_by) : "–",
        }),
      );
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });

  return (
    <div>
      <h3 id="cancel-title">{t("coachwork.cancel.title")}</h3>
      <SavedResult id={opened.resultId}>{opened.result}</SavedResult>
      {cancelled.length ? (
        <>
          <h4>{t("coachwork.cancel.cancelled")}</h4>
          <ul className="plain-list" aria-label={t("coachwork.cancel.cancelled")}>
            {cancelled.map((interview) => (
              <li key={interview.id}>
                <strong>{formatDate(interview.held_on)}</strong>,{" "}
                {interview.cancelled_by_party ? t(`coachwork.party.${interview.cancelled_by_party}`) : "–"}:{" "}
                {interview.cancellation_reason}
                <br />
                <small>
                  {t("coachwork.cancel.by", {
                    who: interview.cancelled_by ? nameOf(interview.cancelled_by) : "–",
                    when: interview.cancelled_at ? formatDateTime(interview.cancelled_at) : "–",
                  })}
                </small>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {interviews.data && !held.length ? (
        <p>{t("coachwork.cancel.none")}</p>
      ) : (
        <FormOnRequestRegion form={opened} label={t("coachwork.cancel.open")}>
          <FormOnRequestForm
            form={opened}
            title={t("coachwork.cancel.open")}
            level={4}
            submitLabel={t("coachwork.cancel.save")}
            submitting={isSubmitting}
            onSubmit={(event) => void onSubmit(event)}
          >
            <ErrorSummary errors={failures} />
            {interviews.isError ? <p role="alert">{loadErrorMessage(t, interviews.error)}</p> : null}
            <SelectField
              id="interview"
              label={t("coachwork.cancel.interview")}
              required
              errorText={errors.interview?.message}
              {...register("interview")}
            >
              <option value="">{t("common.choose")}</option>
              {held.map((interview) => (
                <option key={interview.id} value={interview.id}>
                  {formatDate(interview.held_on)}, {t(`channel.${interview.channel}`)}
                </option>
              ))}
            </SelectField>
            <ChoiceSelect
              id="party"
              label={t("coachwork.cancel.party")}
              required
              errorText={errors.party?.message}
              {...register("party")}
              noChoice={t("common.choose")}
              choices={CANCELLING_PARTIES}
              choiceLabel={(party) => t(`coachwork.party.${party}`)}
            />
            <TextArea
              id="cancel-reason"
              label={t("coachwork.cancel.reason")}
              required
              {...errorProps(errors.reason)}
              {...register("reason")}
            />
          </FormOnRequestForm>
        </FormOnRequestRegion>
      )}
    </div>
  );
}

/** The version saved, as a whole assessment to save again: everything as it was, with the health and social notes
 * left out so that they stay as they are. */
export function assessmentToWrite(assessment: AssessmentRead, supplementary: number | null): AssessmentWrite {
  return {
    assessed_on: assessment.assessed_on,
    education: assessment.education,
    work_history: assessment.work_history,
    occupations: assessment.occupations,
    competences: assessment.competences,
    languages: assessment.languages,
    driving_licences: assessment.driving_licences,
    service_needs: assessment.service_needs,
    supplementary_interviews: supplementary,
    work_ability: assessment.work_ability,
    work_ability_description: assessment.work_ability_description,
    integration_period: assessment.integration_period,
  };
}

/**
 * The need-based supplementary job-search discussions of the 2026 rules (Act 380/2023 ch. 4 as amended by HE
 * 108/2025): the number the service need calls for is part of the assessment, and the schedule follows it. Saving
 * adds a version of the assessment with only this number changed (If-Match: the version shown).
 */
function SupplementaryInterviews({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const current = useAssessment(clientId);
  const save = useSaveAssessment(clientId);
  const opened = useFormOnRequestWithResult("supplementary-form");
  const schema = useMemo(() => supplementarySchema(t), [t]);
  const assessment = current.data?.assessment ?? null;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SupplementaryForm>({
    resolver: zodResolver(schema),
    values: { supplementary_interviews: assessment?.supplementary_interviews?.toString() ?? "" },
  });
  const failures = useFormErrors<SupplementaryForm>({
    form: "coachwork.supplementary",
    fields: ["supplementary_interviews"],
    setError,
  });

  const onSubmit = handleSubmit(async (form) => {
    if (!assessment) return;
    failures.clear();
    const count = form.supplementary_interviews === "" ? null : Number(form.supplementary_interviews);
    try {
      const saved = await save.mutateAsync({
        body: assessmentToWrite(assessment, count),
        etag: current.data?.etag ?? null,
      });
      opened.report(
        saved.assessment?.supplementary_interviews == null
          ? t("coachwork.supplementary.doneDefault")
          : t("coachwork.supplementary.done", { count: saved.assessment.supplementary_interviews }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        failures.fail(t("coachwork.conflict"));
        void current.refetch();
      } else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });

  return (
    <div>
      <h3 id="supplementary-title">{t("coachwork.supplementary.title")}</h3>
      <p>{t("coachwork.supplementary.help")}</p>
      {current.isError ? <p role="alert">{loadErrorMessage(t, current.error)}</p> : null}
      {current.data && !assessment ? <p>{t("coachwork.supplementary.noAssessment")}</p> : null}
      <SavedResult id={opened.resultId}>{opened.result}</SavedResult>
      {assessment ? (
        <>
          <p>
            {assessment.more_support_needed
              ? t("coachwork.supplementary.moreSupport")
              : t("coachwork.supplementary.noMoreSupport")}
          </p>
          <FormOnRequestRegion form={opened} label={t("coachwork.supplementary.open")}>
            <FormOnRequestForm
              form={opened}
              title={t("coachwork.supplementary.open")}
              level={4}
              submitLabel={t("coachwork.supplementary.save")}
              submitting={isSubmitting}
              onSubmit={(event) => void onSubmit(event)}
            >
              <ErrorSummary errors={failures} />
              <TextInput
                id="supplementary_interviews"
                type="number"
                min={0}
                max={12}
                label={t("coachwork.supplementary.count")}
                helperText={t("coachwork.supplementary.countHelp")}
                {...errorProps(errors.supplementary_interviews)}
                {...register("supplementary_interviews")}
              />
            </FormOnRequestForm>
          </FormOnRequestRegion>
        </>
      ) : null}
    </div>
  );
}

/** Changes to the statutory schedule a coach makes with a reason: waive a deadline, cancel an interview, and set
 * the need-based supplementary discussions of 2026. */
export function ScheduleChangesSection({ clientId, me }: { clientId: string; me?: Me }) {
  const { t } = useTranslation();
  return (
    <section id="schedule-changes" aria-labelledby="schedule-changes-title" className="page-section">
      <h2 id="schedule-changes-title">{t("coachwork.scheduleChanges")}</h2>
      <WaiveDeadline clientId={clientId} me={me} />
      <CancelInterview clientId={clientId} me={me} />
      <SupplementaryInterviews clientId={clientId} />
    </section>
  );
}
