import { Button } from "hds-react";
import type { TFunction } from "i18next";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert, StatusMessage } from "../../../components/status-message";
import { formatDateTime, formatNumber } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { savedBy } from "../../../lib/people";
import { ApiError } from "../../../lib/problem";
import { useImports } from "../api/get-imports";
import { mediaTypeOf, useUploadImport, XLSX } from "../api/upload-import";
import { IMPORT_KINDS, type ImportKind, type ImportRead } from "../api/types";
import { IMPORT_SHAPES, templateHref } from "./import-shapes";
import { type ReportLine, reportOf, ValidationReport } from "./validation-report";

export interface Person {
  subject: string;
  name?: string | null;
}

function isKind(value: string | null): value is ImportKind {
  return value !== null && (IMPORT_KINDS as readonly string[]).includes(value);
}

/** The kind of an import as the list names it (``labour_force``), in the reader's words. */
function kindLabel(t: (key: string) => string, stored: string): string {
  const kind = stored.replaceAll("_", "-");
  return isKind(kind) ? t(`metricsData.kind.${kind}`) : stored;
}

/** Who imported a file: their name as their token gave it, or where none was kept, "you" or "another user". */
function importer(t: TFunction, batch: ImportRead, me?: Person): string {
  return (
    batch.imported_by_name ||
    savedBy(t, batch.imported_by, me?.subject, me?.subject === batch.imported_by ? me.name : null)
  );
}

function ExpectedColumns({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const shape = IMPORT_SHAPES[kind];
  return (
    <section className="page-section" aria-labelledby="import-columns-heading">
      <h2 id="import-columns-heading">{t("metricsData.columns.title", { kind: t(`metricsData.kind.${kind}`) })}</h2>
      <p>{t("metricsData.columns.intro")}</p>
      <div className="table-wrapper">
        <table className="data-table">
          <caption>{t("metricsData.columns.caption", { kind: t(`metricsData.kind.${kind}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("metricsData.columns.header")}</th>
              <th scope="col">{t("metricsData.columns.aliases")}</th>
              <th scope="col">{t("metricsData.columns.required")}</th>
              <th scope="col">{t("metricsData.columns.content")}</th>
            </tr>
          </thead>
          <tbody>
            {shape.columns.map((column) => (
              <tr key={column.key}>
                <th scope="row">{column.header}</th>
                <td>{column.aliases.join(", ")}</td>
                <td>{column.required ? t("metricsData.columns.yes") : t("metricsData.columns.no")}</td>
                <td>{t(`metricsData.column.${column.key}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={templateHref(kind)} download={`${kind}-template.csv`}>
          {t("metricsData.columns.template", { kind: t(`metricsData.kind.${kind}`) })}
        </a>
      </p>
    </section>
  );
}

function ImportList({ me }: { me?: Person }) {
  const { t } = useTranslation();
  const imports = useImports();
  return (
    <section className="page-section" aria-labelledby="import-list-heading">
      <h2 id="import-list-heading">{t("metricsData.list.title")}</h2>
      {imports.isPending ? (
        <p role="status">{t("metricsData.list.loading")}</p>
      ) : imports.isError ? (
        <ErrorAlert title={t("metricsData.list.loadFailed")}>
          <p>{loadErrorMessage(t, imports.error)}</p>
        </ErrorAlert>
      ) : imports.data.length === 0 ? (
        <p>{t("metricsData.list.empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table" data-testid="import-list">
            <caption>{t("metricsData.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("metricsData.list.when")}</th>
                <th scope="col">{t("metricsData.list.kind")}</th>
                <th scope="col">{t("metricsData.list.who")}</th>
                <th scope="col">{t("metricsData.list.rows")}</th>
                <th scope="col">{t("metricsData.list.vintage")}</th>
                <th scope="col">{t("metricsData.list.format")}</th>
              </tr>
            </thead>
            <tbody>
              {imports.data.map((batch) => (
                <tr key={batch.id}>
                  <th scope="row">{formatDateTime(batch.imported_at)}</th>
                  <td>{kindLabel(t, batch.kind)}</td>
                  <td>{importer(t, batch, me)}</td>
                  <td>{formatNumber(batch.rows)}</td>
                  <td>{batch.vintage ?? "–"}</td>
                  <td>{batch.file_format.toUpperCase()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SuccessSummary({ batch, me }: { batch: ImportRead; me?: Person }) {
  const { t } = useTranslation();
  return (
    <div className="status-message" data-testid="import-success">
      <p>
        {t("metricsData.success.summary", {
          count: batch.rows,
          rows: formatNumber(batch.rows),
          kind: kindLabel(t, batch.kind),
        })}
      </p>
      <p>
        {t("metricsData.success.by", {
          who: importer(t, batch, me),
          when: formatDateTime(batch.imported_at),
        })}
        {batch.vintage ? ` ${t("metricsData.success.vintage", { vintage: batch.vintage })}` : ""}
      </p>
    </div>
  );
}

interface FieldErrors {
  file?: string;
  vintage?: string;
}

/**
 * The import pages: choose the kind of file (kept in the address, ``?kind=labour-force``), see the columns it needs
 * and download a template, send a CSV or XLSX file with the upload's progress shown, and read either the
 * validation report (row, column, message; nothing was imported) or what was imported. Below, the past imports with
 * who imported each and when.
 */
export function ImportsPage({ me }: { me?: Person }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get("kind");
  const kind: ImportKind = isKind(kindParam) ? kindParam : "labour-force";
  const shape = IMPORT_SHAPES[kind];
  const fileInput = useRef<HTMLInputElement>(null);
  const vintageInput = useRef<HTMLInputElement>(null);
  const [vintage, setVintage] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [report, setReport] = useState<{ lines: ReportLine[]; fileName: string } | null>(null);
  const [imported, setImported] = useState<ImportRead | null>(null);
  const upload = useUploadImport((sent) => setProgress(Math.round(sent * 100)));

  const chooseKind = (next: ImportKind) => {
    setFieldErrors({});
    setReport(null);
    setImported(null);
    setGeneral(null);
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set("kind", next);
        return updated;
      },
      { replace: true },
    );
  };

  const refuse = (errors: FieldErrors) => {
    setFieldErrors(errors);
    if (errors.vintage) vintageInput.current?.focus();
    else if (errors.file) fileInput.current?.focus();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFieldErrors({});
    setReport(null);
    setImported(null);
    setGeneral(null);
    const file = fileInput.current?.files?.[0];
    const errors: FieldErrors = {};
    if (shape.needsVintage && !vintage.trim()) errors.vintage = t("metricsData.form.vintageMissing");
    const mediaType = file ? mediaTypeOf(file.name) : null;
    if (!file) errors.file = t("metricsData.form.fileMissing");
    else if (!mediaType) errors.file = t("metricsData.form.fileType");
    if (errors.file || errors.vintage || !file || !mediaType) {
      refuse(errors);
      return;
    }
    setProgress(0);
    try {
      const batch = await upload.mutateAsync({
        kind,
        file,
        mediaType,
        vintage: shape.needsVintage ? vintage.trim() : undefined,
      });
      setImported(batch);
      if (fileInput.current) fileInput.current.value = "";
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setGeneral(t("errors.unexpected"));
      } else if (error.status === 415) {
        refuse({ file: t("metricsData.form.fileType") });
      } else if (error.status === 422) {
        const lines = reportOf(error.problem);
        const onVintage = error.problem?.errors?.find((problem) => problem.field === "query.vintage");
        if (lines.length) setReport({ lines, fileName: file.name });
        else if (onVintage) refuse({ vintage: t("metricsData.form.vintageMissing") });
        else setGeneral(error.problem?.detail ?? t("errors.unexpected"));
      } else if (error.status === 403) {
        setGeneral(t("errors.forbiddenAction"));
      } else if (error.status === 401) {
        setGeneral(t("errors.signedOut"));
      } else {
        setGeneral(t("errors.unexpected"));
      }
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <PageHeading title={t("metricsData.imports.title")}>{t("metricsData.imports.title")}</PageHeading>
      <p>{t("metricsData.imports.intro")}</p>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="import-form-title">
        <h2 id="import-form-title" className="visually-hidden">
          {t("metricsData.form.title")}
        </h2>
        <fieldset className="form-fieldset">
          <legend>{t("metricsData.form.kind")}</legend>
          {IMPORT_KINDS.map((option) => (
            <div key={option} className="checkbox">
              <input
                type="radio"
                id={`import-kind-${option}`}
                name="kind"
                value={option}
                checked={kind === option}
                onChange={() => chooseKind(option)}
              />{" "}
              <label htmlFor={`import-kind-${option}`}>{t(`metricsData.kind.${option}`)}</label>
            </div>
          ))}
        </fieldset>
        <ExpectedColumns kind={kind} />
        {shape.needsVintage ? (
          <div className={`form-field${fieldErrors.vintage ? " form-field--invalid" : ""}`}>
            <label htmlFor="import-vintage" className="form-field__label">
              {t("metricsData.form.vintage")}
              <span aria-hidden="true"> *</span>
            </label>
            <p id="import-vintage-help" className="form-help">
              {t("metricsData.form.vintageHelp")}
            </p>
            <input
              id="import-vintage"
              ref={vintageInput}
              className="form-field__select"
              type="text"
              maxLength={200}
              required
              value={vintage}
              onChange={(event) => setVintage(event.target.value)}
              aria-invalid={fieldErrors.vintage ? true : undefined}
              aria-describedby={
                fieldErrors.vintage ? "import-vintage-help import-vintage-error" : "import-vintage-help"
              }
            />
            {fieldErrors.vintage ? (
              <p id="import-vintage-error" className="form-field__error">
                {fieldErrors.vintage}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className={`form-field${fieldErrors.file ? " form-field--invalid" : ""}`}>
          <label htmlFor="import-file" className="form-field__label">
            {t("metricsData.form.file")}
            <span aria-hidden="true"> *</span>
          </label>
          <p id="import-file-help" className="form-help">
            {t("metricsData.form.fileHelp")}
          </p>
          <input
            id="import-file"
            ref={fileInput}
            type="file"
            className="form-field__file"
            accept={`.csv,.xlsx,text/csv,${XLSX}`}
            required
            onChange={() => {
              setFieldErrors((current) => ({ ...current, file: undefined }));
              setImported(null);
            }}
            aria-invalid={fieldErrors.file ? true : undefined}
            aria-describedby={fieldErrors.file ? "import-file-help import-file-error" : "import-file-help"}
          />
          {fieldErrors.file ? (
            <p id="import-file-error" className="form-field__error">
              {fieldErrors.file}
            </p>
          ) : null}
        </div>
        <div className="form__actions">
          <Button type="submit" disabled={upload.isPending}>
            {upload.isPending ? t("metricsData.form.sending") : t("metricsData.form.submit")}
          </Button>
          {progress !== null ? (
            <div className="form-field">
              <label htmlFor="import-progress">{t("metricsData.form.progress")}</label>
              <progress id="import-progress" max={100} value={progress}>
                {progress} %
              </progress>
            </div>
          ) : null}
          <StatusMessage>
            {progress !== null
              ? t("metricsData.form.progressText", { percent: progress })
              : imported
                ? t("metricsData.success.announce", { count: imported.rows })
                : null}
          </StatusMessage>
        </div>
      </form>
      {general ? (
        <ErrorAlert title={t("metricsData.form.failed")}>
          <p>{general}</p>
        </ErrorAlert>
      ) : null}
      {report ? <ValidationReport lines={report.lines} fileName={report.fileName} /> : null}
      {imported ? <SuccessSummary batch={imported} me={me} /> : null}
      <ImportList me={me} />
    </>
  );
}
