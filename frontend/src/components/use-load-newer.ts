import { useState } from "react";

import { type VersionConflict, versionConflictOf } from "./version-conflict";

/**
 * "Load the newer version" after a save that lost to someone else's (412, or 428 when both started a first one),
 * once for every form saved with If-Match. ``lost(error)`` keeps the conflict of a failed save to be shown;
 * ``loadNewer()`` reads the version saved meanwhile, clears the conflict, hands the version to ``onLoaded`` (to fill
 * the form again and be the next save's If-Match) and moves focus to the element ``focus`` names, so that the person
 * starts again from the top of the form. A read that fails goes to ``onFailed``; the conflict stays.
 */
export function useLoadNewer<Saved, Args extends unknown[] = []>({
  load,
  onLoaded,
  onFailed,
  focus,
}: {
  /** Reads the version saved now (of the record ``loadNewer``'s arguments name, if the form edits one of many). */
  load: (...args: Args) => Promise<Saved>;
  onLoaded: (newer: Saved) => void;
  onFailed: (error: unknown) => void;
  focus?: string;
}) {
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  return {
    conflict,
    clear: () => setConflict(null),
    /** Whether the failed save lost to a newer version; if it did, the conflict is kept to be shown. */
    lost: (error: unknown): boolean => {
      const found = versionConflictOf(error);
      setConflict(found);
      return found !== null;
    },
    loadNewer: async (...args: Args) => {
      let newer: Saved;
      try {
        newer = await load(...args);
      } catch (error) {
        onFailed(error);
        return;
      }
      setConflict(null);
      onLoaded(newer);
      if (focus) document.getElementById(focus)?.focus();
    },
  };
}
