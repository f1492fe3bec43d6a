/** The data protection feature's query keys: a client's audit trail with the filters it was asked with. */
export const privacyKeys = {
  auditTrail: (clientId: string, filters: AuditFilters) => ["clients", clientId, "audit-trail", filters] as const,
};

export interface AuditFilters {
  since?: string;
  until?: string;
  actor?: string;
}
