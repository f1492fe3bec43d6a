import type { components } from "../../../client/generated/clients";

export type AuditRecordRead = components["schemas"]["AuditRecordRead"];
export type PersonalDataExport = components["schemas"]["PersonalDataExport"];

/** The audit actions the service records, named in the reader's language (the translations test checks each). */
export const AUDIT_ACTIONS = ["read", "create", "update", "delete", "export", "search"] as const;
