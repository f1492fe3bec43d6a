import { zodResolver } from "@hookform/resolvers/zod";
import { Button, ButtonSize, ButtonVariant, TextInput } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { DateInput } from "../../../components/date-input";
import { ErrorSummary, type FormErrors, useFormErrors } from "../../../components/form";
import {
  type FormOnRequest,
  FormOnRequestForm,
  FormOnRequestRegion,
  useFormOnRequest,
} from "../../../components/form-on-request";
import { StatusMessage } from "../../../components/status-message";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ApiError } from "../../../lib/problem";
import { useEndEpisode } from "../api/end-episode";
import { useEpisodes } from "../api/get-episodes";
import { useRecordEpisode } from "../api/record-episode";
import { EPISODE_TYPES, type EpisodeRead, type EpisodeType } from "../api/types";
import { type EpisodeEndForm, episodeEndSchema, type EpisodeForm, episodeSchema } from "../schemas";

type Done = (message: string, episodeId: string) => void;

/** A 409 (the same episode twice) or 412 (changed meanwhile) in the summary; a 422 next to its fields. */
function showFailure(t: (key: string) => string, failures: FormErrors, error: unknown) {
  if (error instanceof ApiError && (error.status === 409 || error.status === 412))
    failures.fail(
      error.status === 409 ? t("episodes.exists") : t("episodes.changed"),
      error.problem?.detail ? [error.problem.detail] : [],
    );
  else if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
}

function RecordEpisode({ clientId, form, onDone }: { clientId: string; form: FormOnRequest; onDone: Done }) {
  const { t } = useTranslation();
  const record = useRecordEpisode(clientId);
  const schema = useMemo(() => episodeSchema(t), [t]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EpisodeForm>({
    resolver: zodResolver(schema),
    defaultValues: { type: "", starts_on: todayInHelsinki(), ends_on: "", provider_name: "" },
  });
  const failures = useFormErrors<EpisodeForm>({
    form: "episodes",
    fields: ["type", "starts_on", "ends_on", "provider_name"],
    setError,
  });
  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const saved = await record.mutateAsync({
        type: values.type as EpisodeType,
        starts_on: values.starts_on,
        ends_on: values.ends_on || null,
        provider_name: values.provider_name || null,
      });
      onDone(
        t("episodes.recorded", { type: t(`episodes.type.${saved.type}`), date: formatDate(saved.starts_on) }),
        saved.id,
      );
    } catch (error) {
      showFailure(t, failures, error);
    }
  });
  return (
    <FormOnRequestForm
      form={form}
      title={t("episodes.record")}
      submitLabel={t("episodes.recordSave")}
      submitting={isSubmitting}
      onSubmit={(event) => void onSubmit(event)}
    >
      <ErrorSummary errors={failures} />
      <ChoiceSelect
        id="type"
        label={t("episodes.typeLabel")}
        required
        errorText={errors.type?.message}
        {...register("type")}
        noChoice={t("common.choose")}
        choices={EPISODE_TYPES}
        choiceLabel={(type) => t(`episodes.type.${type}`)}
      />
      <DateInput
        control={control}
        name="starts_on"
        id="starts_on"
        label={t("episodes.startsOn")}
        required
        {...errorProps(errors.starts_on)}
      />
      <DateInput
        control={control}
        name="ends_on"
        id="ends_on"
        label={t("episodes.endsOn")}
        helperText={t("episodes.endsOnHelp")}
        {...errorProps(errors.ends_on)}
      />
      <TextInput
        id="provider_name"
        label={t("episodes.providerName")}
        {...errorProps(errors.provider_name)}
        {...register("provider_name")}
      />
    </FormOnRequestForm>
  );
}

function EndEpisode({
  clientId,
  episode,
  form,
  onDone,
}: {
  clientId: string;
  episode: EpisodeRead;
  form: FormOnRequest;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const end = useEndEpisode(clientId);
  const schema = useMemo(() => episodeEndSchema(t), [t]);
  const {
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EpisodeEndForm>({ resolver: zodResolver(schema), defaultValues: { ends_on: todayInHelsinki() } });
  const failures = useFormErrors<EpisodeEndForm>({ form: "episodes", fields: ["ends_on"], setError });
  const name = t(`episodes.type.${episode.type}`);
  const onSubmit = handleSubmit(async (values) => {
    failures.clear();
    try {
      const saved = await end.mutateAsync({ episode, endsOn: values.ends_on });
      onDone(t("episodes.ended", { type: name, date: formatDate(saved.ends_on) }), saved.id);
    } catch (error) {
      showFailure(t, failures, error);
    }
  });
  return (
    <FormOnRequestForm
      form={form}
      title={t("episodes.endTitle", { type: name, date: formatDate(episode.starts_on) })}
      submitLabel={t("episodes.endSave")}
      submitting={isSubmitting}
      onSubmit={(event) => void onSubmit(event)}
    >
      <ErrorSummary errors={failures} />
      <DateInput
        control={control}
        name="ends_on"
        id="episode_ends_on"
        label={t("episodes.lastDay")}
        required
        {...errorProps(errors.ends_on)}
      />
    </FormOnRequestForm>
  );
}

function Episode({ episode, onEnd }: { episode: EpisodeRead; onEnd: (episode: EpisodeRead) => void }) {
  const { t } = useTranslation();
  const end = episode.ends_on ? formatDate(episode.ends_on) : t("episodes.ongoing");
  const name = t(`episodes.type.${episode.type}`);
  return (
    <li id={`episode-${episode.id}`} tabIndex={-1}>
      <strong>{name}</strong> {t("episodes.period", { start: formatDate(episode.starts_on), end })}
      {episode.provider_name ? <> – {t("episodes.provider", { name: episode.provider_name })}</> : null}
      <br />
      <small>
        {t(`episodes.origin.${episode.origin}`)}, {t("episodes.recordedBy", { who: episode.recorded_by })}
      </small>
      {episode.ends_on ? null : (
        <>
          {" "}
          <Button
            variant={ButtonVariant.Secondary}
            size={ButtonSize.Small}
            aria-label={t("episodes.endLabel", { type: name, date: formatDate(episode.starts_on) })}
            onClick={() => onEnd(episode)}
          >
            {t("episodes.end")}
          </Button>
        </>
      )}
    </li>
  );
}

/** The client's activating-service episodes (pay-subsidised work, work trials, training…), latest first, each with
 * who recorded it: a coach, or the service whose referral or pay-subsidy decision it came from. A coach records an
 * episode they arranged, and the last day of one that goes on. */
export function EpisodesSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const episodes = useEpisodes(clientId);
  const [message, setMessage] = useState<string | null>(null);
  const [ending, setEnding] = useState<EpisodeRead | null>(null);
  const recordForm = useFormOnRequest("episode-form", { onOpen: () => setMessage(null) });
  // Opened from a row's button: Cancel and Escape give focus back to that button.
  const endForm = useFormOnRequest("episode-end-form", { onOpen: () => setMessage(null) });
  const recorded: Done = (done, episodeId) => {
    setMessage(done);
    recordForm.saved(`episode-${episodeId}`);
  };
  const ended: Done = (done, episodeId) => {
    setMessage(done);
    endForm.saved(`episode-${episodeId}`);
  };
  const startEnding = (episode: EpisodeRead) => {
    if (recordForm.isOpen) recordForm.cancel();
    setEnding(episode);
    endForm.open();
  };
  return (
    <section id="episodes" aria-labelledby="episodes-title" className="page-section">
      <h2 id="episodes-title" tabIndex={-1}>
        {t("episodes.title")}
      </h2>
      {episodes.isError ? <p role="alert">{loadErrorMessage(t, episodes.error)}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      {episodes.data ? (
        episodes.data.length ? (
          <ul className="plain-list" aria-labelledby="episodes-title">
            {episodes.data.map((episode) => (
              <Episode key={episode.id} episode={episode} onEnd={startEnding} />
            ))}
          </ul>
        ) : (
          <p>{t("episodes.none")}</p>
        )
      ) : null}
      <div {...endForm.regionProps}>
        {endForm.isOpen && ending ? (
          <EndEpisode key={ending.id} clientId={clientId} episode={ending} form={endForm} onDone={ended} />
        ) : null}
      </div>
      {episodes.data ? (
        <FormOnRequestRegion form={recordForm} label={t("episodes.record")}>
          <RecordEpisode clientId={clientId} form={recordForm} onDone={recorded} />
        </FormOnRequestRegion>
      ) : null}
    </section>
  );
}
