import type { TFunction } from "i18next";

import { ApiError } from "../../../lib/problem";
import { HANDOVER_CONFLICTS } from "../api/types";

/** A refused hand-over in the reader's words: the conflicts the service names, else the service's detail. */
export function refusal(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const slug = error.slug as (typeof HANDOVER_CONFLICTS)[number] | null;
    if (slug && HANDOVER_CONFLICTS.includes(slug)) return t(`handover.conflict.${slug}`);
    if (error.status === 403) return t("errors.forbidden");
  }
  return t("errors.unexpected");
}
