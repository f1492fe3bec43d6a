"""The data protection officer's tools: the audit trail of one client, and the GDPR access export."""
