import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextInput, TextArea } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { StatusMessage } from "../../../components/status-message";
import { dateInputValue, formatDate, parseDateInput, todayInHelsinki } from "../../../lib/format";
import { useInterviews } from "../api/get-interviews";
import { useSchedule } from "../api/get-schedule";
import { useRecordInterview } from "../api/record-interview";
import { INTERVIEW_CHANNELS, type InterviewChannel } from "../api/types";
import { type InterviewForm, interviewSchema } from "../schemas";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";

const FIELDS = ["held_on", "channel", "notes"] as const;

interface RecordInterviewProps {
  clientId: string;
  onRecorded: (message: string, interviewId: string) => void;
  onCancel: () => void;
}

function RecordInterview({ clientId, onRecorded, onCancel }: RecordInterviewProps) {
  const { t } = useTranslation();
  const record = useRecordInterview(clientId);
  const schema = useMemo(() => interviewSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<InterviewForm>({
    resolver: zodResolver(schema),
    defaultValues: { held_on: dateInputValue(todayInHelsinki()), channel: "", notes: "" },
  });
  const failures = useFormErrors({ form: "interview", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const interview = await record.mutateAsync({
        held_on: parseDateInput(form.held_on) ?? form.held_on,
        channel: form.channel as InterviewChannel,
        notes: form.notes.trim() || null,
      });
      onRecorded(t("interview.recorded", { date: formatDate(interview.held_on) }), interview.id);
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });

  return (
    <form
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-labelledby="record-interview-title"
    >
      <h3 id="record-interview-title" tabIndex={-1}>
        {t("interview.record")}
      </h3>
      <ErrorSummary errors={failures} />
      <TextInput
        id="interview-held-on"
        label={t("interview.heldOn")}
        helperText={t("meetings.dateHelp")}
        inputMode="numeric"
        required
        {...errorProps(errors.held_on)}
        {...register("held_on")}
      />
      <ChoiceSelect
        id="interview-channel"
        label={t("interview.channel")}
        required
        errorText={errors.channel?.message}
        {...register("channel")}
        noChoice={t("common.choose")}
        choices={INTERVIEW_CHANNELS}
        choiceLabel={(channel) => t(`channel.${channel}`)}
      />
      <TextArea
        id="interview-notes"
        label={t("interview.notes")}
        helperText={t("interview.notesHelp")}
        {...errorProps(errors.notes)}
        {...register("notes")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("interview.save")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

export function ScheduleSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const schedule = useSchedule(clientId);
  const interviews = useInterviews(clientId);
  const [done, setDone] = useState<string | null>(null);
  // Saved, the form closes and the interview just recorded takes focus once the list shows it.
  const form = useFormOnRequest("record-interview", { onOpen: () => setDone(null) });
  return (
    <section id="schedule" aria-labelledby="schedule-title" className="page-section">
      <h2 id="schedule-title">{t("schedule.title")}</h2>
      {schedule.isPending ? <p>{t("app.loading")}</p> : null}
      {schedule.isError ? <p role="alert">{loadErrorMessage(t, schedule.error)}</p> : null}
      {schedule.data ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption className="visually-hidden">{t("schedule.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("schedule.deadline")}</th>
                <th scope="col">{t("schedule.dueOn")}</th>
                <th scope="col">{t("schedule.status")}</th>
                <th scope="col">{t("schedule.heldOn")}</th>
                <th scope="col">{t("schedule.ruleSet")}</th>
              </tr>
            </thead>
            <tbody>
              {schedule.data.deadlines.map((deadline) => (
                <tr key={`${deadline.kind}-${deadline.number}`}>
                  <th scope="row">{t(`deadlineKind.${deadline.kind}`, { number: deadline.number })}</th>
                  <td>{formatDate(deadline.due_on)}</td>
                  <td>
                    <span className={`badge badge--${deadline.status}`}>{t(`deadlineStatus.${deadline.status}`)}</span>
                  </td>
                  <td>{deadline.held_on ? formatDate(deadline.held_on) : "–"}</td>
                  <td>{t(`ruleSet.${deadline.rule_set.key}`, { defaultValue: deadline.rule_set.name })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3>{t("interview.held")}</h3>
      {interviews.data && interviews.data.length === 0 ? <p>{t("interview.none")}</p> : null}
      {interviews.data && interviews.data.length ? (
        <ul className="plain-list" aria-label={t("interview.held")}>
          {interviews.data.map((interview) => (
            <li key={interview.id} id={`interview-${interview.id}`} tabIndex={-1}>
              <strong>{formatDate(interview.held_on)}</strong>, {t(`channel.${interview.channel}`)}
              {interview.notes ? <p className="note">{interview.notes}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <StatusMessage>{done}</StatusMessage>
      <FormOnRequestRegion form={form} label={t("interview.open")}>
        <RecordInterview
          clientId={clientId}
          onRecorded={(message, id) => {
            setDone(message);
            form.saved(`interview-${id}`);
          }}
          onCancel={form.cancel}
        />
      </FormOnRequestRegion>
    </section>
  );
}
