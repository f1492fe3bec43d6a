"""The initial assessment (*alkukartoitus*): education, work history, competences, languages, service needs,
work ability, the integration period, and (kept apart) health and social notes."""
