import { zodResolver } from "@hookform/resolvers/zod";
import { TextArea } from "hds-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import {
  FormOnRequestForm,
  FormOnRequestRegion,
  useFormOnRequestWithResult,
} from "../../../components/form-on-request";
import { SavedResult } from "../../../components/saved-result";
import { SelectField } from "../../../components/select-field";
import { formatDateTime } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useClient } from "../../clients";
import { useAssignClient } from "../api/assign-client";
import { useAssignments } from "../api/get-assignments";
import { useTeams } from "../api/get-teams";
import type { AssignmentRead } from "../api/types";
import { type AssignmentForm, assignmentSchema } from "../schemas";
import { coachNames, type Me, usePersonName } from "./coach-names";

function Assignment({
  assignment,
  nameOf,
  teams,
}: {
  assignment: AssignmentRead;
  nameOf: (subject: string) => string;
  teams: Map<string, string>;
}) {
  const { t } = useTranslation();
  const coach = (subject: string | null) => (subject ? nameOf(subject) : t("coachwork.assign.nobody"));
  const team = (id: string | null) => (id ? (teams.get(id) ?? id) : null);
  return (
    <li>
      <strong>{t(`coachwork.action.${assignment.action}`)}</strong>:{" "}
      {t("coachwork.assign.change", {
        from: coach(assignment.previous_coach_subject),
        to: coach(assignment.coach_subject),
      })}
      {team(assignment.team_id) ? <> ({t("coachwork.assign.inTeam", { team: team(assignment.team_id) })})</> : null}
      <p className="note">{assignment.reason}</p>
      <small>
        {t("coachwork.assign.by", {
          who: nameOf(assignment.assigned_by),
          when: formatDateTime(assignment.assigned_at),
        })}
      </small>
    </li>
  );
}

/**
 * The client's coach and team: assign, reassign or unassign with a reason, and the history of every change, each
 * naming who made it. Coaches are offered from the organisation's teams.
 */
export function AssignmentSection({ clientId, me }: { clientId: string; me?: Me }) {
  const { t } = useTranslation();
  const client = useClient(clientId);
  const teams = useTeams();
  const history = useAssignments(clientId);
  const assign = useAssignClient(clientId);
  const opened = useFormOnRequestWithResult("assign-form");
  const names = useMemo(() => coachNames(teams.data), [teams.data]);
  const nameOf = usePersonName(me);
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((team) => [team.id, team.name])), [teams.data]);
  const schema = useMemo(() => assignmentSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AssignmentForm>({
    resolver: zodResolver(schema),
    values: {
      coach_subject: client.data?.coach_subject ?? "",
      team_id: client.data?.team_id ?? "",
      reason: "",
    },
  });
  const failures = useFormErrors<AssignmentForm>({
    form: "coachwork.assign",
    fields: ["coach_subject", "team_id", "reason"],
    setError,
  });
  const coaches = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const current = client.data?.coach_subject;

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      const saved = await assign.mutateAsync({
        coach_subject: form.coach_subject || null,
        team_id: form.team_id || null,
        reason: form.reason,
      });
      reset({ coach_subject: saved.coach_subject ?? "", team_id: saved.team_id ?? "", reason: "" });
      opened.report(
        t("coachwork.assign.done", {
          action: t(`coachwork.action.${saved.action}`),
          coach: saved.coach_subject ? nameOf(saved.coach_subject) : t("coachwork.assign.nobody"),
          who: nameOf(saved.assigned_by),
        }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) failures.fail(t("errors.forbidden"));
      else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });

  return (
    <section id="assignment" aria-labelledby="assignment-title" className="page-section">
      <h2 id="assignment-title">{t("coachwork.assign.title")}</h2>
      <p>
        {t("coachwork.assign.current", {
          coach: current ? nameOf(current) : t("coachwork.assign.nobody"),
        })}
      </p>
      <SavedResult id={opened.resultId}>{opened.result}</SavedResult>
      <FormOnRequestRegion
        form={opened}
        label={current ? t("coachwork.assign.reassign") : t("coachwork.assign.assign")}
      >
        <FormOnRequestForm
          form={opened}
          title={current ? t("coachwork.assign.reassign") : t("coachwork.assign.assign")}
          submitLabel={t("coachwork.assign.save")}
          submitting={isSubmitting}
          onSubmit={(event) => void onSubmit(event)}
        >
          <ErrorSummary errors={failures} />
          {teams.isError ? <p role="alert">{loadErrorMessage(t, teams.error)}</p> : null}
          <SelectField
            id="coach_subject"
            label={t("coachwork.assign.coach")}
            errorText={errors.coach_subject?.message}
            {...register("coach_subject")}
          >
            <option value="">{t("coachwork.assign.nobody")}</option>
            {coaches.map(([subject, name]) => (
              <option key={subject} value={subject}>
                {name}
              </option>
            ))}
            {current && !names.has(current) ? <option value={current}>{current}</option> : null}
          </SelectField>
          <SelectField
            id="team_id"
            label={t("coachwork.assign.team")}
            errorText={errors.team_id?.message}
            {...register("team_id")}
          >
            <option value="">{t("coachwork.assign.noTeam")}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </SelectField>
          <TextArea
            id="assign-reason"
            label={t("coachwork.reason")}
            helperText={t("coachwork.assign.reasonHelp")}
            required
            {...errorProps(errors.reason)}
            {...register("reason")}
          />
        </FormOnRequestForm>
      </FormOnRequestRegion>
      <h3 id="assignment-history-title">{t("coachwork.assign.history")}</h3>
      {history.isError ? <p role="alert">{loadErrorMessage(t, history.error)}</p> : null}
      {history.data && !history.data.length ? <p>{t("coachwork.assign.noHistory")}</p> : null}
      {history.data?.length ? (
        <ol className="plain-list" aria-labelledby="assignment-history-title">
          {history.data.map((assignment) => (
            <Assignment key={assignment.id} assignment={assignment} nameOf={nameOf} teams={teamNames} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
