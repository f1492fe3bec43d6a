import { Button, ButtonVariant, TextInput } from "hds-react";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { FilterForm } from "../../../components/filter-form";
import { MunicipalitySelect } from "../../../components/municipality-select";
import { PageHeading } from "../../../components/page-heading";
import { useFilterDraft } from "../../../components/use-filter-draft";
import { profileOf, useAuth } from "../../../lib/auth";
import { loadErrorMessage } from "../../../lib/form-errors";
import { LANGUAGE_CODES } from "../../../lib/languages";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { type ServiceSearch, useServiceSearch } from "../api/search-services";
import {
  ORGANISATION_TYPES,
  PRODUCTION_MODELS,
  SERVICE_CHANNELS,
  SERVICE_TARGET_GROUPS,
  type ServiceRead,
} from "../api/types";
import { localized, partyOf } from "../lifecycle";

const KEYS = [
  "q",
  "municipality",
  "target_group",
  "language",
  "age",
  "organisation_type",
  "channel",
  "production_model",
] as const;
type Key = (typeof KEYS)[number];

/** The search the URL names; an age that is not a whole number 0–120 is left out rather than sent. */
export function searchFrom(params: URLSearchParams): ServiceSearch {
  const draft = Object.fromEntries(KEYS.map((key) => [key, params.get(key) ?? ""])) as Record<Key, string>;
  const age = /^\d{1,3}$/.test(draft.age) && Number(draft.age) <= 120 ? Number(draft.age) : undefined;
  return {
    q: draft.q || undefined,
    municipality: draft.municipality || undefined,
    target_group: (draft.target_group || undefined) as ServiceSearch["target_group"],
    language: draft.language || undefined,
    age,
    organisation_type: (draft.organisation_type || undefined) as ServiceSearch["organisation_type"],
    channel: (draft.channel || undefined) as ServiceSearch["channel"],
    production_model: (draft.production_model || undefined) as ServiceSearch["production_model"],
  };
}

function ageRange(t: (key: string, options?: Record<string, unknown>) => string, service: ServiceRead): string {
  const { minimum_age: low, maximum_age: high } = service;
  if (low != null && high != null) return t("directory.ageBetween", { low, high });
  if (low != null) return t("directory.ageFrom", { low });
  if (high != null) return t("directory.ageUntil", { high });
  return t("directory.anyAge");
}

/** One service: who provides it, what it is (in the reader's language, else Finnish), for whom, where, how many. */
export function ServiceDetails({ service }: { service: ServiceRead }) {
  const { t, i18n } = useTranslation();
  const municipalities = useMunicipalityNames();
  const place = [service.street_address, [service.postal_code, service.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
  return (
    <>
      <p className="service-card__organisation">
        {service.organisation_name} ({t(`organisationType.${service.organisation_type}`)})
      </p>
      <p>{localized(service, "description", i18n.language)}</p>
      <dl className="summary-list">
        <dt>{t("directory.eligibility")}</dt>
        <dd>
          {[ageRange(t, service), service.target_groups.map((group) => t(`serviceTargetGroup.${group}`)).join(", ")]
            .filter(Boolean)
            .join("; ")}
        </dd>
        <dt>{t("directory.area")}</dt>
        <dd>{service.municipalities.map((code) => municipalities.name(code)).join(", ")}</dd>
        <dt>{t("directory.languages")}</dt>
        <dd>{service.languages.map((code) => t(`language.${code}`, { defaultValue: code })).join(", ")}</dd>
        <dt>{t("directory.channel")}</dt>
        <dd>
          {t(`serviceChannel.${service.channel}`)}
          {place ? `: ${place}` : ""}
        </dd>
        <dt>{t("directory.capacity")}</dt>
        <dd>
          {service.capacity_seats != null
            ? t(`directory.seatsPer.${service.capacity_period}`, { count: service.capacity_seats })
            : t("directory.noCapacity")}
        </dd>
        <dt>{t("directory.productionModel")}</dt>
        <dd>{t(`productionModel.${service.production_model}`)}</dd>
        <dt>{t("directory.responseDays")}</dt>
        <dd>{t("directory.responseDaysText", { count: service.response_days })}</dd>
      </dl>
    </>
  );
}

/** The network's service directory with its filters (a partner's: its own services); the filters live in the URL. */
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const partner = partyOf(profileOf(user).roles) === "partner";
  const title = partner ? t("directory.ownTitle") : t("directory.title");
  const filters = useFilterDraft(KEYS);
  const search = searchFrom(filters.params);
  const results = useServiceSearch(search);
  const services = results.data?.pages.flatMap((page) => page.items) ?? [];

  const showMore = async () => {
    const shownBefore = services.length;
    await results.fetchNextPage();
    requestAnimationFrame(() => document.querySelectorAll<HTMLElement>("#service-list > li")[shownBefore]?.focus());
  };

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{partner ? t("directory.ownIntro") : t("directory.intro")}</p>
      <FilterForm label={t("directory.filters")} submitLabel={t("directory.submit")} onFilter={filters.apply}>
        <TextInput id="directory-q" label={t("directory.q")} {...filters.field("q")} />
        <MunicipalitySelect
          id="directory-municipality"
          label={t("directory.municipality")}
          noChoice={t("common.all")}
          {...filters.field("municipality")}
        />
        <ChoiceSelect
          id="directory-target-group"
          label={t("directory.targetGroup")}
          noChoice={t("common.all")}
          choices={SERVICE_TARGET_GROUPS}
          choiceLabel={(group) => t(`serviceTargetGroup.${group}`)}
          {...filters.field("target_group")}
        />
        <ChoiceSelect
          id="directory-language"
          label={t("directory.language")}
          noChoice={t("common.all")}
          choices={LANGUAGE_CODES}
          choiceLabel={(code) => t(`language.${code}`)}
          {...filters.field("language")}
        />
        <TextInput
          id="directory-age"
          type="number"
          min={0}
          max={120}
          label={t("directory.age")}
          helperText={t("directory.ageHelp")}
          {...filters.field("age")}
        />
        <ChoiceSelect
          id="directory-organisation-type"
          label={t("directory.organisationType")}
          noChoice={t("common.all")}
          choices={ORGANISATION_TYPES}
          choiceLabel={(type) => t(`organisationType.${type}`)}
          {...filters.field("organisation_type")}
        />
        <ChoiceSelect
          id="directory-channel"
          label={t("directory.channel")}
          noChoice={t("common.all")}
          choices={SERVICE_CHANNELS}
          choiceLabel={(channel) => t(`serviceChannel.${channel}`)}
          {...filters.field("channel")}
        />
        <ChoiceSelect
          id="directory-production-model"
          label={t("directory.productionModel")}
          noChoice={t("common.all")}
          choices={PRODUCTION_MODELS}
          choiceLabel={(model) => t(`productionModel.${model}`)}
          {...filters.field("production_model")}
        />
      </FilterForm>
      <section aria-labelledby="directory-results-title" className="page-section">
        <h2 id="directory-results-title">{t("directory.results")}</h2>
        <p role="status">
          {results.isPending
            ? t("app.loading")
            : results.isError
              ? loadErrorMessage(t, results.error)
              : t("directory.shown", { count: services.length })}
        </p>
        {services.length ? (
          <ul id="service-list" className="plain-list plain-list--bare service-list">
            {services.map((service) => (
              <li key={service.id} className="service-card" tabIndex={-1}>
                <h3>{localized(service, "name", i18n.language)}</h3>
                <ServiceDetails service={service} />
              </li>
            ))}
          </ul>
        ) : null}
        {results.hasNextPage ? (
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => void showMore()}
            disabled={results.isFetchingNextPage}
          >
            {t("directory.loadMore")}
          </Button>
        ) : null}
      </section>
    </>
  );
}
