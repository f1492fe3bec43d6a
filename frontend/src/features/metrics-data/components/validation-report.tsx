import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import type { Problem } from "../../../lib/problem";

export interface ReportLine {
  row: number;
  column: string;
  message: string;
}

function isReportLine(value: unknown): value is ReportLine {
  if (typeof value !== "object" || value === null) return false;
  const line = value as Record<string, unknown>;
  return typeof line.row === "number" && typeof line.column === "string" && typeof line.message === "string";
}

const ROW_FIELD = /^body\.row\[(\d+)\]\.(.*)$/;

/**
 * The lines of an import's validation report: the problem's ``report`` (row, column, message), or where a service
 * sends only field errors, those named ``body.row[N].column``.
 */
export function reportOf(problem: Problem | null): ReportLine[] {
  if (!problem) return [];
  const report = problem.report;
  if (Array.isArray(report) && report.every(isReportLine)) return report;
  return (problem.errors ?? []).flatMap((error) => {
    const match = ROW_FIELD.exec(error.field);
    return match ? [{ row: Number(match[1]), column: match[2] ?? "", message: error.message }] : [];
  });
}

/**
 * The report of a refused file as a table (row, column, message). Its heading takes focus when it appears, so that
 * a keyboard or screen reader user lands on what to fix.
 */
export function ValidationReport({ lines, fileName }: { lines: ReportLine[]; fileName: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [lines]);
  return (
    <section className="page-section metrics-data-report" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading" ref={heading} tabIndex={-1}>
        {t("metricsData.report.title", { count: lines.length })}
      </h2>
      <p>{t("metricsData.report.nothingImported", { file: fileName })}</p>
      <div className="table-wrapper">
        <table className="data-table">
          <caption>{t("metricsData.report.caption", { file: fileName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("metricsData.report.row")}</th>
              <th scope="col">{t("metricsData.report.column")}</th>
              <th scope="col">{t("metricsData.report.message")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr key={`${line.row}-${line.column}-${index}`}>
                <th scope="row">{line.row}</th>
                <td>{line.column || t("metricsData.report.wholeFile")}</td>
                <td>{line.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
