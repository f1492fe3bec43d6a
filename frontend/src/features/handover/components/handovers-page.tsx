import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonVariant, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { PageHeading } from "../../../components/page-heading";
import { SavedResult } from "../../../components/saved-result";
import { SelectField } from "../../../components/select-field";
import { profileOf, useAuth } from "../../../lib/auth";
import { formatDate, formatDateTime, todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { coachNames, type Me, usePersonName, useTeams } from "../../coachwork";
import {
  useCompleteHandover,
  useHandovers,
  useInitialServices,
  useRouteHandovers,
  useSetInitialService,
} from "../api/handovers";
import type { HandoverTask, Side } from "../api/types";
import { refusal } from "./conflict";

type NameOf = (subject: string) => string;

function Tasks({
  side,
  coach,
  nameOf,
  onDone,
}: {
  side: Side;
  coach?: string;
  nameOf: NameOf;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const tasks = useHandovers(side, coach);
  const complete = useCompleteHandover();
  const teams = useTeams();
  const teamName = (teamId: string | null) =>
    teamId ? (teams.data?.find((team) => team.id === teamId)?.name ?? teamId) : null;
  const [failed, setFailed] = useState<string | null>(null);
  const today = todayInHelsinki();
  const title = t(`handover.${side}.title`);
  const onComplete = (task: HandoverTask) => {
    setFailed(null);
    complete.mutate(task.id, {
      onSuccess: (done) =>
        onDone(
          t("handover.done", {
            client: `${task.client_first_names} ${task.client_last_name}`,
            coach: done.to_coach_subject ? nameOf(done.to_coach_subject) : "–",
            who: done.completed_by ? nameOf(done.completed_by) : "–",
          }),
        ),
      onError: (error) => setFailed(refusal(t, error)),
    });
  };
  return (
    <section aria-labelledby={`handovers-${side}-title`} className="page-section">
      <h2 id={`handovers-${side}-title`}>{title}</h2>
      <p>{t(`handover.${side}.help`)}</p>
      {tasks.isPending ? <p>{t("app.loading")}</p> : null}
      {tasks.isError ? <p role="alert">{loadErrorMessage(t, tasks.error)}</p> : null}
      {failed ? <p role="alert">{failed}</p> : null}
      {tasks.data && !tasks.data.length ? <p>{t(`handover.${side}.none`)}</p> : null}
      {tasks.data?.length ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("handover.client")}</th>
                <th scope="col">{t("handover.dueOn")}</th>
                <th scope="col">{t("handover.from")}</th>
                <th scope="col">{t("handover.to")}</th>
                <th scope="col">{t("handover.reason")}</th>
                <th scope="col">{t("handover.createdBy")}</th>
                <th scope="col">{t("handover.action")}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.map((task) => {
                const name = `${task.client_first_names} ${task.client_last_name}`;
                const overdue = task.due_on < today;
                return (
                  <tr key={task.id}>
                    <th scope="row">
                      <Link to={`/clients/${task.client_id}`}>{name}</Link>
                    </th>
                    <td>
                      {formatDate(task.due_on)}
                      {overdue ? <strong> {t("handover.overdue")}</strong> : null}
                    </td>
                    <td>
                      {[task.from_coach_subject ? nameOf(task.from_coach_subject) : null, teamName(task.from_team_id)]
                        .filter(Boolean)
                        .join(", ") || "–"}
                    </td>
                    <td>
                      {task.to_coach_subject ? nameOf(task.to_coach_subject) : t("handover.noCoach")}
                      {task.to_team_id ? `, ${teamName(task.to_team_id)}` : ""}
                    </td>
                    <td>{task.reason}</td>
                    <td>
                      {nameOf(task.created_by)}, {formatDateTime(task.created_at)}
                    </td>
                    <td>
                      <Button
                        variant={ButtonVariant.Secondary}
                        onClick={() => onComplete(task)}
                        disabled={complete.isPending}
                        aria-label={t("handover.completeNamed", { client: name })}
                      >
                        {t("handover.complete")}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function routingSchema(t: (key: string) => string) {
  return z.object({
    lead_days: z
      .string()
      .trim()
      .refine((value) => /^\d+$/.test(value) && Number(value) <= 90, { error: t("handover.routing.leadDaysRange") }),
  });
}
type RoutingForm = z.infer<ReturnType<typeof routingSchema>>;

function Routing({ nameOf, onDone }: { nameOf: NameOf; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const schema = useMemo(() => routingSchema(t), [t]);
  const route = useRouteHandovers();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RoutingForm>({ resolver: zodResolver(schema), defaultValues: { lead_days: "14" } });
  const failures = useFormErrors<RoutingForm>({ form: "handover.routing", fields: ["lead_days"], setError });
  const submit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const routed = await route.mutateAsync(Number(values.lead_days));
      const coaches = [
        ...new Set(routed.map((handover) => handover.to_coach_subject).filter((coach) => coach !== null)),
      ];
      onDone(
        routed.length
          ? t("handover.routing.routed", { count: routed.length, coaches: coaches.map(nameOf).join(", ") })
          : t("handover.routing.nothing"),
      );
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [refusal(t, error)]);
    }
  });
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="routing-title">
      <h2 id="routing-title">{t("handover.routing.title")}</h2>
      <p>{t("handover.routing.help")}</p>
      <ErrorSummary errors={failures} />
      <TextInput
        id="lead_days"
        inputMode="numeric"
        label={t("handover.routing.leadDays")}
        helperText={t("handover.routing.leadDaysHelp")}
        required
        {...errorProps(errors.lead_days)}
        {...register("lead_days")}
      />
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {t("handover.routing.submit")}
        </Button>
      </div>
    </form>
  );
}

function InitialServiceTeams({ nameOf, onDone }: { nameOf: NameOf; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const markings = useInitialServices((teams.data ?? []).map((team) => team.id));
  const mark = useSetInitialService();
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <section aria-labelledby="initial-teams-title" className="page-section">
      <h2 id="initial-teams-title">{t("handover.teams.title")}</h2>
      <p>{t("handover.teams.help")}</p>
      {teams.isError ? <p role="alert">{loadErrorMessage(t, teams.error)}</p> : null}
      {failed ? <p role="alert">{failed}</p> : null}
      <ul className="plain-list">
        {(teams.data ?? []).map((team, index) => {
          const marking = markings[index]?.data;
          return (
            <li key={team.id}>
              <strong>{team.name}</strong>:{" "}
              {marking?.initial_service ? t("handover.teams.initial") : t("handover.teams.notInitial")}
              {marking?.marked_by ? (
                <>
                  {" "}
                  <small>
                    (
                    {t("handover.teams.markedBy", {
                      who: nameOf(marking.marked_by),
                      when: marking.marked_at ? formatDateTime(marking.marked_at) : "",
                    })}
                    )
                  </small>
                </>
              ) : null}{" "}
              {marking ? (
                <Button
                  variant={ButtonVariant.Secondary}
                  disabled={mark.isPending}
                  onClick={() => {
                    setFailed(null);
                    mark.mutate(
                      { teamId: team.id, initialService: !marking.initial_service },
                      {
                        onSuccess: (marked) =>
                          onDone(
                            t(marked.initial_service ? "handover.teams.marked" : "handover.teams.unmarked", {
                              team: team.name,
                              who: marked.marked_by ? nameOf(marked.marked_by) : "–",
                            }),
                          ),
                        onError: (error) => setFailed(refusal(t, error)),
                      },
                    );
                  }}
                >
                  {marking.initial_service
                    ? t("handover.teams.unmark", { team: team.name })
                    : t("handover.teams.mark", { team: team.name })}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * Hand-overs from the initial service to the personal coach (seed 004: the initial-service team holds the first
 * three months, then the personal coach takes over): the tasks coming to the coach and those leaving them and their
 * teams, each done with one click. A manager also looks at any coach's tasks, routes the clients due soon to
 * personal coaches and marks which teams are initial-service teams.
 */
export function HandoversPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const roles = profileOf(user).roles ?? [];
  const manager = roles.includes("manager") || roles.includes("admin");
  const nameOf = usePersonName(me);
  const teams = useTeams();
  const coaches = useMemo(() => [...coachNames(teams.data).entries()], [teams.data]);
  const [coach, setCoach] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const title = t("handover.title");
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t("handover.intro")}</p>
      {manager ? (
        <SelectField
          id="handover-coach"
          label={t("handover.coach")}
          value={coach}
          onChange={(event) => setCoach(event.target.value)}
        >
          <option value="">{t("handover.me", { name: me.name ?? t("coachwork.you") })}</option>
          {coaches
            .filter(([subject]) => subject !== me.subject)
            .map(([subject, name]) => (
              <option key={subject} value={subject}>
                {name}
              </option>
            ))}
        </SelectField>
      ) : null}
      <SavedResult>{done}</SavedResult>
      <Tasks side="outgoing" coach={coach || undefined} nameOf={nameOf} onDone={setDone} />
      <Tasks side="incoming" coach={coach || undefined} nameOf={nameOf} onDone={setDone} />
      {manager ? (
        <>
          <Routing nameOf={nameOf} onDone={setDone} />
          <InitialServiceTeams nameOf={nameOf} onDone={setDone} />
        </>
      ) : null}
    </>
  );
}
