import { Button } from "hds-react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert } from "../../../components/status-message";
import { formatNumber } from "../../../lib/format";
import { ApiError, type Problem } from "../../../lib/problem";
import { finishSubsidyUpload } from "../api/finish-subsidy-upload";
import { sendSubsidyPart } from "../api/send-subsidy-part";
import { startSubsidyUpload } from "../api/start-subsidy-upload";
import type { ImportError, ImportRead } from "../api/types";
import { csvParts, readUtf8 } from "./csv-parts";

const ROW_FIELD = /^body\.row\[(\d+)\](?:\.(.*))?$/;

/** The errors of a refused import from its 422 (``body.row[N].column``), as the parts' answers list them. */
function errorsOf(problem: Problem | null): ImportError[] {
  return (problem?.errors ?? []).flatMap((error) => {
    const match = ROW_FIELD.exec(error.field);
    return match ? [{ row: Number(match[1]), column: match[2] ?? null, code: error.code, message: error.message }] : [];
  });
}

function Progress({ upload }: { upload: ImportRead }) {
  const { t } = useTranslation();
  const percent = upload.received_percent ?? 0;
  return (
    <div className="form-field">
      <label htmlFor="subsidy-import-progress">{t("kela.import.progress")}</label>
      <progress id="subsidy-import-progress" max={100} value={percent}>
        {percent} %
      </progress>
      <p role="status">
        {t("kela.import.received", {
          received: formatNumber(upload.rows_total),
          expected: formatNumber(upload.rows_expected ?? upload.rows_total),
          percent,
          errors: formatNumber(upload.errors_total),
        })}
      </p>
    </div>
  );
}

/** The refused file's errors by row and column, each in the reader's words; its heading takes focus. */
function Report({ errors, total, fileName }: { errors: ImportError[]; total: number; fileName: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [errors]);
  return (
    <section className="page-section" aria-labelledby="subsidy-report-title">
      <h2 id="subsidy-report-title" ref={heading} tabIndex={-1}>
        {t("kela.import.reportTitle", { count: total })}
      </h2>
      <p>{t("kela.import.nothingImported", { file: fileName })}</p>
      {errors.length < total ? <p>{t("kela.import.firstErrors", { shown: formatNumber(errors.length) })}</p> : null}
      <div className="table-wrapper">
        <table className="data-table">
          <caption>{t("kela.import.reportCaption", { file: fileName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kela.import.row")}</th>
              <th scope="col">{t("kela.import.column")}</th>
              <th scope="col">{t("kela.import.error")}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, index) => (
              <tr key={`${error.row}-${error.column ?? ""}-${index}`}>
                <th scope="row">{error.row}</th>
                <td>{error.column ?? t("kela.import.wholeRow")}</td>
                <td>{t(`kela.import.code.${error.code}`, { defaultValue: error.message })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface Refusal {
  errors: ImportError[];
  total: number;
  fileName: string;
}

/**
 * Kela's file of labour-market subsidy day counts, imported by a manager or an administrator: the file is sent in
 * parts so that the progress shows (rows received of the file's rows, errors so far), then imported whole, or not
 * at all when any row has an error, in which case the report names each error's row and column.
 */
export function SubsidyImportPage() {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [upload, setUpload] = useState<ImportRead | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [imported, setImported] = useState<ImportRead | null>(null);
  const [busy, setBusy] = useState(false);
  const result = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (imported) result.current?.focus();
  }, [imported]);

  const refuseFile = (message: string) => {
    setFileError(message);
    fileInput.current?.focus();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFileError(null);
    setGeneral(null);
    setRefusal(null);
    setImported(null);
    setUpload(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return refuseFile(t("kela.import.fileMissing"));
    const text = await readUtf8(file);
    if (text === null) return refuseFile(t("kela.import.notUtf8"));
    const { rows, parts } = csvParts(text);
    if (!rows) return refuseFile(t("kela.import.noRows"));
    setBusy(true);
    try {
      let progress = await startSubsidyUpload(rows);
      setUpload(progress);
      for (const part of parts) {
        progress = await sendSubsidyPart(progress.id, part.text, part.firstRow);
        setUpload(progress);
        // A header the service cannot read is wrong in every part: one report of it is enough.
        if (progress.errors.some((error) => error.row === 1)) break;
      }
      if (progress.errors_total) {
        setRefusal({ errors: progress.errors, total: progress.errors_total, fileName: file.name });
        return;
      }
      setImported(await finishSubsidyUpload(progress.id));
      if (fileInput.current) fileInput.current.value = "";
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && errorsOf(error.problem).length) {
        const errors = errorsOf(error.problem);
        const total = typeof error.problem?.errors_total === "number" ? error.problem.errors_total : errors.length;
        setRefusal({ errors, total, fileName: file.name });
      } else if (error instanceof ApiError && error.status === 403) setGeneral(t("errors.forbiddenAction"));
      else if (error instanceof ApiError && error.status === 401) setGeneral(t("errors.signedOut"));
      else setGeneral(t("errors.unexpected"));
    } finally {
      setBusy(false);
    }
  };

  const title = t("kela.import.title");
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t("kela.import.intro")}</p>
      <section className="page-section" aria-labelledby="subsidy-columns-title">
        <h2 id="subsidy-columns-title">{t("kela.import.columnsTitle")}</h2>
        <ul>
          <li>
            <code>personal_identity_code</code> – {t("kela.import.columnIdentity")}
          </li>
          <li>
            <code>subsidy_days</code> – {t("kela.import.columnDays")}
          </li>
          <li>
            <code>counted_on</code> – {t("kela.import.columnCountedOn")}
          </li>
        </ul>
        <p>{t("kela.import.format")}</p>
      </section>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="subsidy-form-title">
        <h2 id="subsidy-form-title">{t("kela.import.formTitle")}</h2>
        {general ? (
          <ErrorAlert title={t("kela.import.failed")}>
            <p>{general}</p>
          </ErrorAlert>
        ) : null}
        <div className={`form-field${fileError ? " form-field--invalid" : ""}`}>
          <label htmlFor="subsidy-file" className="form-field__label">
            {t("kela.import.file")}
            <span aria-hidden="true"> *</span>
          </label>
          <p id="subsidy-file-help" className="form-help">
            {t("kela.import.fileHelp")}
          </p>
          <input
            id="subsidy-file"
            ref={fileInput}
            type="file"
            className="form-field__file"
            accept=".csv,text/csv"
            required
            onChange={() => setFileError(null)}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "subsidy-file-help subsidy-file-error" : "subsidy-file-help"}
          />
          {fileError ? (
            <p id="subsidy-file-error" className="form-field__error">
              {fileError}
            </p>
          ) : null}
        </div>
        <div className="form__actions">
          <Button type="submit" disabled={busy}>
            {busy ? t("kela.import.sending") : t("kela.import.submit")}
          </Button>
        </div>
        {upload && !imported ? <Progress upload={upload} /> : null}
      </form>
      {imported ? (
        <p ref={result} tabIndex={-1} className="status-message" role="status">
          {t("kela.import.imported", {
            imported: formatNumber(imported.rows_imported),
            total: formatNumber(imported.rows_total),
          })}
        </p>
      ) : null}
      {refusal ? <Report errors={refusal.errors} total={refusal.total} fileName={refusal.fileName} /> : null}
    </>
  );
}
