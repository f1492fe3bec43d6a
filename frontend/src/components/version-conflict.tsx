import { Button, ButtonVariant } from "hds-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import { ApiError } from "../lib/problem";
import { ErrorAlert } from "./status-message";

/** A save that lost to someone else's: the version saved meanwhile, when the service named it. */
export interface VersionConflict {
  version: number | null;
}

/**
 * The conflict in a failed If-Match save: 412 when someone saved a newer version (the problem names it in
 * ``current_version``), 428 when both started a first one. Null for any other failure.
 */
export function versionConflictOf(error: unknown): VersionConflict | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 412) {
    const version = error.problem?.current_version;
    return { version: typeof version === "number" && version > 0 ? version : null };
  }
  if (error.status === 428) return { version: null };
  return null;
}

/** Nothing was overwritten: says so, and puts the newer version one click away. */
export function VersionConflictAlert({
  conflict,
  text,
  onLoadNewer,
}: {
  conflict: VersionConflict;
  /** What was saved meanwhile, in the section's words; ``version`` is null when the service did not name it. */
  text: (version: number | null) => string;
  onLoadNewer: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ErrorAlert title={t("plan.conflictTitle")}>
      <p>{text(conflict.version)}</p>
      <Button variant={ButtonVariant.Primary} onClick={onLoadNewer}>
        {t("plan.loadNewer")}
      </Button>
    </ErrorAlert>
  );
}

/**
 * A save that lost to someone else's, said where the person is: the alert takes focus when it appears, so that
 * keyboard and screen reader users land on it, with the newer version one click away.
 */
export function VersionConflictNotice(props: {
  conflict: VersionConflict;
  text: (version: number | null) => string;
  onLoadNewer: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [props.conflict]);
  return (
    <div ref={ref} tabIndex={-1} className="error-summary">
      <VersionConflictAlert {...props} />
    </div>
  );
}
