"""The client's timeline: everything that happened to them, from this service and from the others."""
