import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { SelectField } from "../../../components/select-field";
import { StatusMessage } from "../../../components/status-message";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import {
  dateInputValue,
  formatDate,
  formatTime,
  helsinkiInstant,
  parseDateInput,
  parseTimeInput,
  todayInHelsinki,
} from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useBookMeeting } from "../api/book-meeting";
import { useChangeMeeting } from "../api/change-meeting";
import { useMeetings } from "../api/get-meetings";
import { useSchedule } from "../api/get-schedule";
import { type DeadlineKind, INTERVIEW_CHANNELS, type InterviewChannel, type MeetingRead } from "../api/types";
import { type MeetingForm, meetingSchema } from "../schemas";

const FIELDS = ["date", "time", "duration_minutes", "channel", "location"] as const;
const BOOKABLE: DeadlineKind[] = [
  "initial_interview",
  "supplementary_interview",
  "periodic_interview",
  "intensified_interview",
];

/** The day of a meeting in Helsinki, as ISO 8601. */
function dayOf(startsAt: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date(startsAt));
}

interface BookMeetingProps {
  clientId: string;
  onBooked: (meeting: MeetingRead) => void;
  onCancel: () => void;
}

function BookMeeting({ clientId, onBooked, onCancel }: BookMeetingProps) {
  const { t } = useTranslation();
  const schedule = useSchedule(clientId);
  const book = useBookMeeting(clientId);
  const schema = useMemo(() => meetingSchema(t), [t]);
  const open = (schedule.data?.deadlines ?? []).filter(
    (deadline) =>
      BOOKABLE.includes(deadline.kind) &&
      deadline.held_on === null &&
      (deadline.status === "due" || deadline.status === "overdue"),
  );
  const first = open[0];
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<MeetingForm>({
    resolver: zodResolver(schema),
    values: {
      deadline: first ? `${first.kind}:${first.number}` : "",
      date: dateInputValue(todayInHelsinki()),
      time: "",
      duration_minutes: "45",
      channel: "",
      location: "",
    },
    resetOptions: { keepDirtyValues: true },
  });
  const failures = useFormErrors({ form: "meetings", fields: FIELDS, setError });

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    const [kind, number] = form.deadline.split(":");
    const day = parseDateInput(form.date) ?? "";
    try {
      const meeting = await book.mutateAsync({
        deadline_kind: kind as DeadlineKind,
        deadline_number: Number(number),
        starts_at: helsinkiInstant(day, parseTimeInput(form.time) ?? "00:00"),
        duration_minutes: Number(form.duration_minutes),
        channel: form.channel as InterviewChannel,
        location: form.location.trim() || null,
      });
      onBooked(meeting);
    } catch (error) {
      const window =
        error instanceof ApiError ? (error.problem?.window as { opens_on: string; closes_on: string }) : null;
      if (window) {
        const message = t("meetings.errors.outsideWindow", {
          from: formatDate(window.opens_on),
          until: formatDate(window.closes_on),
        });
        setError("date", { type: "server", message });
        failures.fail(t("errors.formTitle"), [message]);
      } else if (error instanceof ApiError && error.status === 409) {
        failures.fail(t("meetings.errors.alreadyBooked"));
      } else if (!failures.showProblem(error)) {
        failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
      }
    }
  });

  if (schedule.data && !first) return <p>{t("meetings.nothingToBook")}</p>;
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="book-meeting-title">
      <h3 id="book-meeting-title" tabIndex={-1}>
        {t("meetings.bookTitle")}
      </h3>
      <ErrorSummary errors={failures} />
      <SelectField id="meeting-deadline" label={t("meetings.deadline")} required {...register("deadline")}>
        {open.map((deadline) => (
          <option key={`${deadline.kind}:${deadline.number}`} value={`${deadline.kind}:${deadline.number}`}>
            {t(`deadlineKind.${deadline.kind}`, { number: deadline.number })} –{" "}
            {t("meetings.dueOn", { date: formatDate(deadline.due_on) })}
            {deadline.status === "overdue" ? ` (${t("deadlineStatus.overdue")})` : ""}
          </option>
        ))}
      </SelectField>
      <TextInput
        id="date"
        label={t("meetings.date")}
        helperText={t("meetings.dateHelp")}
        required
        inputMode="numeric"
        {...errorProps(errors.date)}
        {...register("date")}
      />
      <TextInput
        id="time"
        label={t("meetings.time")}
        helperText={t("meetings.timeHelp")}
        required
        inputMode="numeric"
        {...errorProps(errors.time)}
        {...register("time")}
      />
      <TextInput
        id="duration_minutes"
        label={t("meetings.duration")}
        required
        inputMode="numeric"
        {...errorProps(errors.duration_minutes)}
        {...register("duration_minutes")}
      />
      <ChoiceSelect
        id="channel"
        label={t("meetings.channel")}
        required
        errorText={errors.channel?.message}
        {...register("channel")}
        noChoice={t("common.choose")}
        choices={INTERVIEW_CHANNELS}
        choiceLabel={(channel) => t(`channel.${channel}`)}
      />
      <TextInput
        id="location"
        label={t("meetings.location")}
        helperText={t("meetings.locationHelp")}
        {...errorProps(errors.location)}
        {...register("location")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("meetings.save")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function MeetingItem({ clientId, meeting }: { clientId: string; meeting: MeetingRead }) {
  const { t } = useTranslation();
  const change = useChangeMeeting(clientId);
  const [reason, setReason] = useState("");
  // Cancelling asks for the reason on request; the button says whether it is open.
  const cancelling = useFormOnRequest(`cancel-meeting-${meeting.id}`, { onOpen: () => setReason("") });
  const [failure, setFailure] = useState<string | null>(null);
  const due = dayOf(meeting.starts_at) <= todayInHelsinki();
  const run = async (action: () => Promise<unknown>, then?: () => void) => {
    setFailure(null);
    try {
      await action();
      then?.();
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.status === 412 ? t("meetings.errors.changed") : loadErrorMessage(t, error),
      );
    }
  };
  return (
    <li id={`meeting-${meeting.id}`} tabIndex={-1} className="meeting">
      <strong>
        {formatDate(meeting.starts_at)} {t("meetings.at")} {formatTime(meeting.starts_at)}
      </strong>
      , {t(`channel.${meeting.channel}`)}
      {meeting.location ? `, ${meeting.location}` : ""} –{" "}
      {t(`deadlineKind.${meeting.deadline_kind}`, { number: meeting.deadline_number })}{" "}
      <span className={`badge badge--meeting-${meeting.state}`}>{t(`meetings.state.${meeting.state}`)}</span>
      <p className="note">
        {meeting.state === "booked"
          ? t("meetings.bookedBy", { name: meeting.booked_by_name, date: formatDate(meeting.booked_at) })
          : t("meetings.changedBy", { name: meeting.updated_by_name, date: formatDate(meeting.updated_at) })}
        {meeting.cancellation_reason ? ` – ${meeting.cancellation_reason}` : ""}
      </p>
      {meeting.state === "booked" ? (
        <div className="form__actions">
          {due ? (
            <Button
              variant={ButtonVariant.Secondary}
              disabled={change.isPending}
              onClick={() => void run(() => change.mutateAsync({ kind: "held", meeting, notes: null }))}
            >
              {t("meetings.recordHeld")}
            </Button>
          ) : null}
          <Button variant={ButtonVariant.Secondary} {...cancelling.buttonProps}>
            {t("meetings.cancel")}
          </Button>
        </div>
      ) : null}
      <div {...cancelling.regionProps}>
        {cancelling.isOpen && meeting.state === "booked" ? (
          <div className="form">
            <TextInput
              id={`cancel-reason-${meeting.id}`}
              label={t("meetings.cancelReason")}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
            <Button
              variant={ButtonVariant.Secondary}
              disabled={reason.trim().length < 3 || change.isPending}
              onClick={() =>
                void run(
                  () => change.mutateAsync({ kind: "cancel", meeting, reason: reason.trim() }),
                  // Cancelled, the meeting itself keeps focus (its buttons are gone).
                  () => cancelling.saved(`meeting-${meeting.id}`),
                )
              }
            >
              {t("meetings.confirmCancel")}
            </Button>
          </div>
        ) : null}
      </div>
      {failure ? <p role="alert">{failure}</p> : null}
    </li>
  );
}

/** The client's meetings (*ajanvaraus*): booked, held and cancelled, and the form to book the next one, opened when
 * asked for. A booked meeting's day come, recording it held records the interview and meets its deadline. */
export function MeetingsSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const meetings = useMeetings(clientId);
  const [done, setDone] = useState<string | null>(null);
  const form = useFormOnRequest("book-meeting", { onOpen: () => setDone(null) });
  return (
    <section id="meetings" aria-labelledby="meetings-title" className="page-section">
      <h2 id="meetings-title">{t("meetings.title")}</h2>
      {meetings.isPending ? <p>{t("app.loading")}</p> : null}
      {meetings.isError ? <p role="alert">{loadErrorMessage(t, meetings.error)}</p> : null}
      {meetings.data && meetings.data.length === 0 ? <p>{t("meetings.none")}</p> : null}
      {meetings.data && meetings.data.length ? (
        <ul className="plain-list" aria-label={t("meetings.title")}>
          {meetings.data.map((meeting) => (
            <MeetingItem key={meeting.id} clientId={clientId} meeting={meeting} />
          ))}
        </ul>
      ) : null}
      <StatusMessage>{done}</StatusMessage>
      <FormOnRequestRegion form={form} label={t("meetings.book")}>
        <BookMeeting
          clientId={clientId}
          onBooked={(meeting) => {
            setDone(t("meetings.booked", { date: formatDate(meeting.starts_at), time: formatTime(meeting.starts_at) }));
            form.saved(`meeting-${meeting.id}`);
          }}
          onCancel={form.cancel}
        />
      </FormOnRequestRegion>
    </section>
  );
}
