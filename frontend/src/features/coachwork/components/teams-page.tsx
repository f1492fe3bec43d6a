import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonSize, ButtonVariant, TextInput } from "hds-react";
import type { TFunction } from "i18next";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { ErrorSummary, type FormErrors, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { PageHeading } from "../../../components/page-heading";
import { SelectField } from "../../../components/select-field";
import { formatDateTime } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useAddTeamMember } from "../api/add-team-member";
import { useCreateTeam } from "../api/create-team";
import { useCoaches } from "../api/get-coaches";
import { useTeams } from "../api/get-teams";
import { useRemoveTeamMember } from "../api/remove-team-member";
import type { CoachRead, TeamRead } from "../api/types";
import { type MemberForm, memberSchema, type TeamForm, teamSchema } from "../schemas";
import { type Me, usePersonName } from "./coach-names";
import { SavedResult } from "../../../components/saved-result";

const teamHeadingId = (team: TeamRead) => `team-${team.id}`;

/** A 409 (the name or the member exists) in the summary with the service's words; a 422 next to its fields. */
function showFailure(t: TFunction, failures: FormErrors, error: unknown, conflict: string) {
  if (error instanceof ApiError && error.status === 409)
    failures.fail(conflict, error.problem?.detail ? [error.problem.detail] : []);
  else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
}

function AddMember({
  team,
  onDone,
  onCancel,
}: {
  team: TeamRead;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddTeamMember(team.id);
  const coaches = useCoaches();
  const schema = useMemo(() => memberSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<MemberForm>({ resolver: zodResolver(schema), defaultValues: { coach_subject: "" } });
  const failures = useFormErrors<MemberForm>({ form: "coachwork.teams", fields: ["coach_subject"], setError });
  const members = new Set(team.members.map((member) => member.coach_subject));
  const choices = (coaches.data ?? []).filter((coach) => !members.has(coach.coach_subject));
  const nameOf = (coach: CoachRead) => coach.name ?? coach.coach_subject;
  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    const coach = choices.find((choice) => choice.coach_subject === form.coach_subject);
    const displayName = coach ? nameOf(coach) : form.coach_subject;
    try {
      await add.mutateAsync({ coach_subject: form.coach_subject, display_name: displayName });
      onDone(t("coachwork.teams.added", { name: displayName, team: team.name }));
    } catch (error) {
      showFailure(t, failures, error, t("coachwork.teams.alreadyMember"));
    }
  });
  const titleId = `add-member-${team.id}-title`;
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={titleId}>
      <h4 id={titleId} tabIndex={-1}>
        {t("coachwork.teams.addTo", { team: team.name })}
      </h4>
      <ErrorSummary errors={failures} />
      {coaches.isError ? <p role="alert">{loadErrorMessage(t, coaches.error)}</p> : null}
      {coaches.isPending ? <p>{t("app.loading")}</p> : null}
      {coaches.data && !choices.length ? <p>{t("coachwork.teams.noCoaches")}</p> : null}
      <SelectField
        id={`${team.id}-coach_subject`}
        label={t("coachwork.teams.coach")}
        helperText={t("coachwork.teams.coachHelp")}
        required
        errorText={errors.coach_subject?.message}
        {...register("coach_subject")}
      >
        <option value="">{t("common.choose")}</option>
        {choices.map((coach) => (
          <option key={coach.coach_subject} value={coach.coach_subject}>
            {coach.last_seen_at ? nameOf(coach) : t("coachwork.teams.coachNotSeen", { name: nameOf(coach) })}
          </option>
        ))}
      </SelectField>
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("coachwork.teams.addSave")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function Team({ team, nameOf }: { team: TeamRead; nameOf: (subject: string) => string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const form = useFormOnRequest(`team-${team.id}-member-form`, { onOpen: () => setDone(null) });
  const remove = useRemoveTeamMember(team.id);
  const [failure, setFailure] = useState<string | null>(null);
  const resultId = `team-${team.id}-result`;
  const removeMember = async (subject: string, name: string) => {
    setDone(null);
    setFailure(null);
    try {
      await remove.mutateAsync(subject);
      setDone(t("coachwork.teams.removed", { name, team: team.name }));
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.status === 403 ? t("errors.forbiddenAction") : t("errors.unexpected"),
      );
    }
  };
  const members = [...team.members].sort((a, b) => a.display_name.localeCompare(b.display_name));
  return (
    <section aria-labelledby={teamHeadingId(team)} className="page-section">
      <h3 id={teamHeadingId(team)}>{team.name}</h3>
      {team.initial_service ? (
        <p className="note">
          <strong>{t("coachwork.teams.initialService")}</strong>: {t("coachwork.teams.initialServiceHelp")}{" "}
          <Link to="/handovers">{t("coachwork.teams.initialServiceLink")}</Link>
        </p>
      ) : null}
      <p>
        <small>
          {t("coachwork.teams.created", { who: nameOf(team.created_by), when: formatDateTime(team.created_at) })}
        </small>
      </p>
      <SavedResult id={resultId}>{done}</SavedResult>
      {failure ? <p role="alert">{failure}</p> : null}
      {members.length ? (
        <ul className="plain-list" aria-label={t("coachwork.teams.membersOf", { team: team.name })}>
          {members.map((member) => (
            <li key={member.coach_subject}>
              <strong>{member.display_name}</strong> ({member.coach_subject}){" "}
              <small>
                {t("coachwork.teams.addedBy", { who: nameOf(member.added_by), when: formatDateTime(member.added_at) })}
              </small>{" "}
              <Button
                variant={ButtonVariant.Secondary}
                size={ButtonSize.Small}
                disabled={remove.isPending}
                onClick={() => void removeMember(member.coach_subject, member.display_name)}
              >
                {t("coachwork.teams.remove", { name: member.display_name, team: team.name })}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("coachwork.teams.noMembers")}</p>
      )}
      <FormOnRequestRegion form={form} label={t("coachwork.teams.addTo", { team: team.name })}>
        <AddMember
          team={team}
          onDone={(message) => {
            setDone(message);
            form.saved(resultId);
          }}
          onCancel={form.cancel}
        />
      </FormOnRequestRegion>
    </section>
  );
}

function CreateTeam({ onDone, onCancel }: { onDone: (team: TeamRead) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTeam();
  const schema = useMemo(() => teamSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TeamForm>({ resolver: zodResolver(schema), defaultValues: { name: "" } });
  const failures = useFormErrors<TeamForm>({ form: "coachwork.teams", fields: ["name"], setError });
  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    try {
      onDone(await create.mutateAsync(form));
    } catch (error) {
      showFailure(t, failures, error, t("coachwork.teams.nameTaken"));
    }
  });
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="create-team-title">
      <h2 id="create-team-title" tabIndex={-1}>
        {t("coachwork.teams.create")}
      </h2>
      <ErrorSummary errors={failures} />
      <TextInput
        id="name"
        label={t("coachwork.teams.name")}
        autoComplete="off"
        required
        {...errorProps(errors.name)}
        {...register("name")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("coachwork.teams.createSave")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * A manager's teams: create a team, add one of the organisation's coaches to one (picked by name) or remove one
 * (their clients stay theirs), and which team is the initial-service team. Each change names who made it and when.
 */
export function TeamsPage({ me }: { me?: Me }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const nameOf = usePersonName(me);
  const [created, setCreated] = useState<string | null>(null);
  const form = useFormOnRequest("create-team-form", { onOpen: () => setCreated(null) });
  const title = t("coachwork.teams.title");
  const sorted = [...(teams.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t("coachwork.teams.intro")}</p>
      <SavedResult id="create-team-result">{created}</SavedResult>
      <FormOnRequestRegion form={form} label={t("coachwork.teams.create")} variant={ButtonVariant.Primary}>
        <CreateTeam
          onDone={(team) => {
            setCreated(t("coachwork.teams.createdDone", { team: team.name, who: nameOf(team.created_by) }));
            form.saved("create-team-result");
          }}
          onCancel={form.cancel}
        />
      </FormOnRequestRegion>
      <section aria-labelledby="teams-list-title" className="page-section">
        <h2 id="teams-list-title">{t("coachwork.teams.list")}</h2>
        {teams.isPending ? <p>{t("app.loading")}</p> : null}
        {teams.isError ? <p role="alert">{loadErrorMessage(t, teams.error)}</p> : null}
        {teams.data && !sorted.length ? <p>{t("coachwork.teams.none")}</p> : null}
        {sorted.map((team) => (
          <Team key={team.id} team={team} nameOf={nameOf} />
        ))}
      </section>
    </>
  );
}
