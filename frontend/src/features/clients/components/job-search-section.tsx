import type { TFunction } from "i18next";
import { Button, ButtonVariant, TextArea, TextInput } from "hds-react";
import { type ChangeEvent, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { SelectField } from "../../../components/select-field";
import { StatusMessage } from "../../../components/status-message";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useJobSearch } from "../api/get-job-search";
import { type OfferChoice, useOfferChoices } from "../api/get-offer-choices";
import { useRecordNeglect } from "../api/record-neglect";
import { type ApplicationInput, useReportApplication } from "../api/report-application";
import { APPLICATION_KINDS, type NeglectRead, type PeriodRead } from "../api/types";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { FormOnRequestRegion, useFormOnRequest } from "../../../components/form-on-request";
import { DateInput } from "../../../components/date-input";

const APPLICATION_FIELDS = ["job_offer_id", "applied_on", "kind", "employer", "position"] as const;

type ApplicationValues = Omit<ApplicationInput, "job_offer_id"> & { job_offer_id: string };

/** A job offer's vacancy title in the reader's language, Finnish when it has none in that language. */
function offerTitle(offer: OfferChoice, language: string): string {
  return (language === "sv" ? offer.titles.sv : language === "en" ? offer.titles.en : null) || offer.titles.fi;
}

/** What the rule set in force made of a neglect, e.g. "a non-compensable period of 30 days". */
export function consequenceText(t: TFunction, neglect: NeglectRead): string {
  return t(`consequence.${neglect.consequence}`, { days: neglect.non_compensable_days ?? 0, ordinal: neglect.ordinal });
}

function periodName(period: PeriodRead): string {
  return `${formatDate(period.starts_on)}–${formatDate(period.ends_on)}`;
}

interface ApplicationFormProps {
  clientId: string;
  onDone: (message: string, appliedOn: string) => void;
  onCancel: () => void;
}

function ApplicationForm({ clientId, onDone, onCancel }: ApplicationFormProps) {
  const { t, i18n } = useTranslation();
  const report = useReportApplication(clientId);
  const offers = useOfferChoices(clientId);
  const {
    control,
    register,
    handleSubmit,
    setError,
    setValue,
    clearErrors,
    formState: { errors },
  } = useForm<ApplicationValues>({
    defaultValues: {
      job_offer_id: "",
      applied_on: todayInHelsinki(),
      kind: "advertised_vacancy",
      employer: "",
      position: "",
    },
  });
  const failures = useFormErrors({ form: "jobSearch", fields: APPLICATION_FIELDS, setError });
  const required = {
    required: t("errors.code.missing"),
    validate: (value: string) => value.trim() !== "" || t("errors.code.missing"),
  };
  // An application to a job offer is an assigned vacancy (*haettavaksi osoitettu työpaikka*), at the offer's employer
  // for its vacancy: picking the offer fills these in, and the coach may still correct them.
  const pickOffer = (offerId: string) => {
    const offer = offers.data?.find((choice) => choice.id === offerId);
    if (!offer) return;
    setValue("kind", "assigned_vacancy");
    setValue("employer", offer.employer);
    setValue("position", offerTitle(offer, i18n.language));
    clearErrors(["kind", "employer", "position"]);
  };
  const submit = handleSubmit(({ job_offer_id, ...values }) => {
    failures.clear();
    report.mutate(
      {
        ...values,
        employer: values.employer.trim(),
        position: values.position.trim(),
        ...(job_offer_id ? { job_offer_id, kind: "assigned_vacancy" as const } : {}),
      },
      {
        onSuccess: (created) => {
          onDone(
            t("jobSearch.reported", { position: created.position, employer: created.employer }),
            created.applied_on,
          );
        },
        onError: (error) => {
          if (error instanceof ApiError && error.slug === "application-already-counted") {
            const appliedOn = error.problem?.existing_applied_on;
            failures.fail(t("jobSearch.alreadyCounted"), [
              t("jobSearch.alreadyCountedText", {
                date: typeof appliedOn === "string" ? formatDate(appliedOn) : "–",
              }),
            ]);
          } else if (!failures.showProblem(error)) {
            failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
          }
        },
      },
    );
  });
  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="job-search-report-title"
    >
      <h3 id="job-search-report-title" tabIndex={-1}>
        {t("jobSearch.reportTitle")}
      </h3>
      <ErrorSummary errors={failures} />
      {offers.isError ? (
        <p>{t("jobSearch.offersUnavailable", { reason: loadErrorMessage(t, offers.error) })}</p>
      ) : offers.isPending ? (
        <p role="status">{t("jobSearch.offersLoading")}</p>
      ) : offers.data.length === 0 ? (
        <p>{t("jobSearch.noOpenOffers")}</p>
      ) : (
        <SelectField
          id="job-search-offer"
          label={t("jobSearch.offer")}
          helperText={t("jobSearch.offerHelp")}
          errorText={errors.job_offer_id?.message}
          {...register("job_offer_id", {
            onChange: (event: ChangeEvent<HTMLSelectElement>) => pickOffer(event.target.value),
          })}
        >
          <option value="">{t("jobSearch.noOffer")}</option>
          {offers.data.map((offer) => (
            <option key={offer.id} value={offer.id}>
              {t("jobSearch.offerOption", {
                position: offerTitle(offer, i18n.language),
                employer: offer.employer,
                date: formatDate(offer.respondBy),
              })}
            </option>
          ))}
        </SelectField>
      )}
      <DateInput
        control={control}
        name="applied_on"
        id="job-search-applied-on"
        label={t("jobSearch.appliedOn")}
        required
        {...errorProps(errors.applied_on)}
      />
      <ChoiceSelect
        id="job-search-kind"
        label={t("jobSearch.kind")}
        required
        {...register("kind")}
        choices={APPLICATION_KINDS}
        choiceLabel={(kind) => t(`applicationKind.${kind}`)}
      />
      <TextInput
        id="job-search-employer"
        label={t("jobSearch.employer")}
        required
        {...errorProps(errors.employer)}
        {...register("employer", required)}
      />
      <TextInput
        id="job-search-position"
        label={t("jobSearch.position")}
        required
        {...errorProps(errors.position)}
        {...register("position", required)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={report.isPending}>
          {t("jobSearch.report")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function NeglectForm({
  clientId,
  period,
  onDone,
  onCancel,
}: {
  clientId: string;
  period: PeriodRead;
  onDone: (neglect: NeglectRead) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordNeglect(clientId);
  const [notes, setNotes] = useState("");
  const failures = useFormErrors({ form: "jobSearch" });
  return (
    <form
      className="form"
      noValidate
      aria-labelledby="job-search-neglect-title"
      onSubmit={(event) => {
        event.preventDefault();
        failures.clear();
        record.mutate(
          { period_starts_on: period.starts_on, notes: notes.trim() || null },
          {
            onSuccess: onDone,
            onError: (error) =>
              failures.fail(
                error instanceof ApiError && error.status === 409
                  ? t("jobSearch.alreadyRecorded")
                  : t("errors.unexpected"),
              ),
          },
        );
      }}
    >
      <h3 id="job-search-neglect-title" tabIndex={-1}>
        {t("jobSearch.neglectTitle", { period: periodName(period) })}
      </h3>
      <p>{t("jobSearch.neglectText", { required: period.required, reported: period.reported })}</p>
      <ErrorSummary errors={failures} />
      <TextArea
        id="job-search-neglect-notes"
        label={t("jobSearch.notes")}
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
      />
      <div className="form__actions">
        <Button type="submit" disabled={record.isPending}>
          {t("jobSearch.recordNeglect")}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * The job-search obligation of the plan: review periods with required, reported and the shortfall; applications
 * the client reports; a neglect recorded for a closed period with a shortfall, with the consequence the rule set
 * in force gives (the service decides it: Työttömyysturvalaki 1290/2002, 2 a luku 13–14 §).
 */
export function JobSearchSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const jobSearch = useJobSearch(clientId);
  const [message, setMessage] = useState<string | null>(null);
  const [neglecting, setNeglecting] = useState<PeriodRead | null>(null);
  const report = useFormOnRequest("job-search-report", { onOpen: () => setMessage(null) });
  // A neglect is recorded from its period's row: each row's button opens the one form for its period.
  const neglect = useFormOnRequest("job-search-neglect", { onOpen: () => setMessage(null) });
  const data = jobSearch.data;
  // Reported, the form closes and focus goes to the period the application counts in (its row shows the count).
  const periodOf = (day: string) => data?.periods.find((period) => period.starts_on <= day && day <= period.ends_on);
  return (
    <section id="job-search" aria-labelledby="job-search-title" className="page-section">
      <h2 id="job-search-title" tabIndex={-1}>
        {t("jobSearch.title")}
      </h2>
      {jobSearch.isPending ? <p>{t("app.loading")}</p> : null}
      {jobSearch.isError ? <p role="alert">{loadErrorMessage(t, jobSearch.error)}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      {data && !data.obligation ? <p>{t("jobSearch.noPlan")}</p> : null}
      {data?.obligation ? (
        <>
          <p>
            {t("plan.obligationText", {
              count: data.obligation.applications_per_period,
              period: t("plan.periodText", { count: data.obligation.period_months }),
            })}
          </p>
          {data.periods.length ? (
            <div className="table-wrapper">
              <table className="data-table">
                <caption>{t("jobSearch.periods")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("jobSearch.period")}</th>
                    <th scope="col">{t("jobSearch.required")}</th>
                    <th scope="col">{t("jobSearch.reportedCount")}</th>
                    <th scope="col">{t("jobSearch.shortfall")}</th>
                    <th scope="col">{t("jobSearch.neglect")}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.periods].reverse().map((period) => (
                    <tr key={period.starts_on}>
                      <th scope="row" id={`job-search-period-${period.starts_on}`} tabIndex={-1}>
                        {periodName(period)}
                        {period.closed ? "" : ` (${t("jobSearch.ongoing")})`}
                      </th>
                      <td>{period.required}</td>
                      <td>{period.reported}</td>
                      <td>{period.shortfall}</td>
                      <td>
                        {period.neglect ? (
                          consequenceText(t, period.neglect)
                        ) : period.closed && period.shortfall > 0 ? (
                          <Button
                            variant={ButtonVariant.Secondary}
                            aria-expanded={neglect.isOpen && neglecting?.starts_on === period.starts_on}
                            aria-controls={neglect.regionProps.id}
                            onClick={() => {
                              setNeglecting(period);
                              neglect.open();
                            }}
                          >
                            {t("jobSearch.recordNeglectFor", { period: periodName(period) })}
                          </Button>
                        ) : (
                          "–"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t("jobSearch.noPeriods")}</p>
          )}
          <div {...neglect.regionProps}>
            {neglecting && neglect.isOpen ? (
              <NeglectForm
                key={neglecting.starts_on}
                clientId={clientId}
                period={neglecting}
                onCancel={neglect.cancel}
                onDone={(recorded) => {
                  setMessage(t("jobSearch.neglectRecorded", { consequence: consequenceText(t, recorded) }));
                  // The period's row shows the consequence now; it takes focus.
                  neglect.saved(`job-search-period-${neglecting.starts_on}`);
                }}
              />
            ) : null}
          </div>
          <FormOnRequestRegion form={report} label={t("jobSearch.reportTitle")}>
            <ApplicationForm
              clientId={clientId}
              onDone={(done, appliedOn) => {
                setMessage(done);
                const period = periodOf(appliedOn);
                report.saved(period ? `job-search-period-${period.starts_on}` : null);
              }}
              onCancel={report.cancel}
            />
          </FormOnRequestRegion>
        </>
      ) : null}
    </section>
  );
}
