"""Job-search reports (*työnhaun raportointi*): applications per review period against the job-search obligation
of the plan, and neglects with the consequence of the rule set in force."""
