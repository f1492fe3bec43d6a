"""A local OpenID Connect issuer for development and the demo.

It issues the tokens a municipality's real provider would (docs/contract.md) to seeded demo people and
machine clients. It is deliberately small: no database, one signing key in a file, authorization codes and
refresh tokens in process memory. It refuses to start when ``POLKU_ENV=production``.
"""
