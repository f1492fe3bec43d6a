import { useTranslation } from "react-i18next";

import { formatDate } from "../../../lib/format";
import type { ScorePart } from "../api/types";

/**
 * A match's score in its parts, each with its points out of the part's maximum and the reason in words: the
 * person can check why a candidate or a vacancy is on the list. Availability names the day the client is free
 * from (the job's start, or when their activating service ends).
 */
export function ScoreExplanation({ score, parts }: { score: number; parts: readonly ScorePart[] }) {
  const { t } = useTranslation();
  return (
    <div className="score-explanation">
      <p>
        <strong>{t("employers.match.score", { score })}</strong>
      </p>
      <ul className="plain-list" aria-label={t("employers.match.explanation")}>
        {parts.map((part) => (
          <li key={part.part}>
            <strong>{t(`employers.match.part.${part.part}`, { defaultValue: part.part })}</strong>:{" "}
            {t("employers.match.points", { points: part.points, maximum: part.maximum })} –{" "}
            {t(`employers.match.reason.${part.reason}`, {
              defaultValue: part.reason,
              date: formatDate(part.available_from),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
