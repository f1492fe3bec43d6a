"""Polku's shared mechanisms. Nothing here knows a domain word: services hold the rules."""
