import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { Button } from "../../../components/button";
import { ErrorSummary, useFormErrors } from "../../../components/form";
import { ErrorAlert, StatusMessage } from "../../../components/status-message";
import { TextField } from "../../../components/text-field";
import { formatDate } from "../../../lib/format";
import { ApiError } from "../../../lib/problem";
import { useDeleteSavedFilter } from "../api/delete-saved-filter";
import { useCaseload } from "../api/get-caseload";
import { useSavedFilters } from "../api/get-saved-filters";
import { useSaveFilter } from "../api/save-filter";
import { type CaseloadItem, MORNING_FILTERS, type MorningFilter } from "../api/types";
import { loadErrorMessage } from "../../../lib/form-errors";

/** The filters in the API's order, whatever order they were chosen or saved in. */
function ordered(filters: readonly MorningFilter[]): MorningFilter[] {
  return MORNING_FILTERS.filter((filter) => filters.includes(filter));
}

interface FilterBarProps {
  active: MorningFilter[];
  counts: Partial<Record<MorningFilter, number>> | undefined;
  onToggle: (filter: MorningFilter) => void;
}

/** One toggle button per morning filter, each with how many of the coach's clients it would show. */
export function FilterBar({ active, counts, onToggle }: FilterBarProps) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-label={t("morning.filters")} className="filter-bar">
      {MORNING_FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          className="filter-bar__toggle"
          aria-pressed={active.includes(filter)}
          onClick={() => onToggle(filter)}
        >
          {/* The state shows by more than colour; the name stays the same for assistive technology (aria-pressed). */}
          {active.includes(filter) ? <span aria-hidden="true">✓ </span> : null}
          {t(`morningFilter.${filter}`)}
          {counts?.[filter] !== undefined ? ` (${counts[filter]})` : ""}
        </button>
      ))}
    </div>
  );
}

function CaseloadTable({ items }: { items: CaseloadItem[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrapper">
      <table className="data-table">
        <caption className="visually-hidden">{t("morning.resultsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("client.name")}</th>
            <th scope="col">{t("client.status")}</th>
            <th scope="col">{t("morning.matches")}</th>
            <th scope="col">{t("morning.nextDeadline")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.client_id}>
              <th scope="row">
                <Link to={`/clients/${item.client_id}`}>{item.client_name}</Link>
              </th>
              <td>{t(`status.${item.status}`)}</td>
              <td>{item.matches.map((filter) => t(`morningFilter.${filter}`)).join(", ")}</td>
              <td>{formatDate(item.next_deadline_on)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SavedFilters({
  active,
  onApply,
}: {
  active: MorningFilter[];
  onApply: (filters: MorningFilter[], name: string) => void;
}) {
  const { t } = useTranslation();
  const saved = useSavedFilters();
  const save = useSaveFilter();
  const remove = useDeleteSavedFilter();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const failures = useFormErrors({ form: "morning" });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setFailure(null);
    failures.clear();
    if (!name.trim()) {
      setNameError(t("morning.nameRequired"));
      document.getElementById("saved-filter-name")?.focus();
      return;
    }
    setNameError(null);
    save.mutate(
      { name: name.trim(), filters: active },
      {
        onSuccess: (created) => {
          setName("");
          setMessage(t("morning.saved", { name: created.name }));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            setNameError(t("morning.nameTaken"));
            document.getElementById("saved-filter-name")?.focus();
          } else if (!failures.showProblem(error)) {
            failures.fail(t("errors.unexpected"));
          }
        },
      },
    );
  };

  return (
    <section aria-labelledby="saved-filters-title">
      <h3 id="saved-filters-title" tabIndex={-1}>
        {t("morning.savedTitle")}
      </h3>
      <StatusMessage>{message}</StatusMessage>
      {failure ? <ErrorAlert title={failure} /> : null}
      {saved.isError ? <p role="alert">{loadErrorMessage(t, saved.error)}</p> : null}
      {saved.data && saved.data.length === 0 ? <p>{t("morning.noSaved")}</p> : null}
      {saved.data?.length ? (
        <ul className="plain-list plain-list--bare" aria-label={t("morning.savedTitle")}>
          {saved.data.map((entry) => (
            <li key={entry.id} className="repeat-row">
              <span>
                {entry.name}:{" "}
                {entry.parameters.filters?.length
                  ? ordered(entry.parameters.filters)
                      .map((filter) => t(`morningFilter.${filter}`))
                      .join(", ")
                  : t("morning.noFilters")}
              </span>
              <Button
                variant="secondary"
                onClick={() => {
                  onApply(ordered(entry.parameters.filters ?? []), entry.name);
                  setMessage(t("morning.applied", { name: entry.name }));
                }}
              >
                {t("morning.apply", { name: entry.name })}
              </Button>
              <Button
                variant="secondary"
                onClick={() =>
                  remove.mutate(entry.id, {
                    onSuccess: () => {
                      setMessage(t("morning.deleted", { name: entry.name }));
                      document.getElementById("saved-filters-title")?.focus();
                    },
                    onError: () => setFailure(t("errors.unexpected")),
                  })
                }
              >
                {t("morning.delete", { name: entry.name })}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="form" onSubmit={submit} noValidate aria-label={t("morning.saveTitle")}>
        <ErrorSummary errors={failures} />
        <TextField
          id="saved-filter-name"
          label={t("morning.name")}
          helperText={t("morning.nameHelp")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          errorText={nameError ?? undefined}
          maxLength={200}
        />
        <Button type="submit" disabled={save.isPending}>
          {t("morning.save")}
        </Button>
      </form>
    </section>
  );
}

/** The coach's morning: the caseload narrowed by the filters chosen, with counts, and the coach's saved filters. */
export function MorningSection() {
  const { t } = useTranslation();
  // The filters live in the address (``?filter=overdue_deadlines``), so that back, reload and a bookmark keep them.
  const [params, setParams] = useSearchParams();
  const active = ordered(params.getAll("filter") as MorningFilter[]);
  const caseload = useCaseload(active);
  const items = caseload.data?.items ?? [];

  const setActive = (filters: MorningFilter[]) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete("filter");
        for (const filter of ordered(filters)) next.append("filter", filter);
        return next;
      },
      { replace: true },
    );
  const toggle = (filter: MorningFilter) =>
    setActive(active.includes(filter) ? active.filter((f) => f !== filter) : [...active, filter]);

  return (
    <section id="morning" aria-labelledby="morning-title" className="page-section">
      <h2 id="morning-title" tabIndex={-1}>
        {t("morning.title")}
      </h2>
      <p className="form-help">{t("morning.help")}</p>
      <FilterBar active={active} counts={caseload.data?.counts} onToggle={toggle} />
      {caseload.isError ? <p role="alert">{loadErrorMessage(t, caseload.error)}</p> : null}
      {caseload.isPending ? <p>{t("app.loading")}</p> : null}
      {caseload.data ? (
        <>
          <p role="status">{t("morning.showing", { count: items.length })}</p>
          {items.length ? <CaseloadTable items={items} /> : null}
        </>
      ) : null}
      <SavedFilters
        active={active}
        onApply={(filters) => {
          setActive(filters);
          requestAnimationFrame(() => document.getElementById("morning-title")?.focus());
        }}
      />
    </section>
  );
}
