"""Caseloads: teams of coaches, assignment of clients with history, caseload sizes and the morning filters."""
