import type { components } from "../../../client/generated/clients";

type Schemas = components["schemas"];
export type HandoverRead = Schemas["HandoverRead"];
export type HandoverTask = Schemas["HandoverTask"];
export type HandoverCreate = Schemas["HandoverCreate"];
export type InitialServiceRead = Schemas["InitialServiceRead"];
export type Side = "incoming" | "outgoing";

/** The conflicts of a hand-over the forms explain in the reader's words (the translations test checks each). */
export const HANDOVER_CONFLICTS = [
  "handover-open",
  "handover-done",
  "not-in-initial-service",
  "coach-not-in-team",
  "no-personal-coach",
  "not-your-handover",
] as const;
