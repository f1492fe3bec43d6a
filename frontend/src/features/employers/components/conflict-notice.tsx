import { useEffect, useRef } from "react";

import { type VersionConflict, VersionConflictAlert } from "../../../components/version-conflict";

/**
 * A save that lost to someone else's (412), said where the person is: the alert takes focus when it appears, so that
 * keyboard and screen reader users land on it, with the newer version one click away.
 */
export function ConflictNotice(props: {
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
