"""Job seekers (*työnhakijat*): registration, identity, contact details, status and its history."""
