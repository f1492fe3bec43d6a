"""Consents (*suostumus*): the client allows named data to be shared with a named organisation for a purpose."""
