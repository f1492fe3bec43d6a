"""What employer-api holds about one person, for the data protection officer's access export (GDPR Art. 15),
asked by clients-api for the officer."""
