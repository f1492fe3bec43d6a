"""A national platform simulator for development and tests: it sends signed events to Polku and answers the
national interfaces' calls, and can be told to fail (development only, never in production)."""
