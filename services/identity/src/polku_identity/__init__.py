"""A local OpenID Connect issuer for development and the demo.

It issues the same tokens a municipality's real provider would (see docs/contract.md), for seeded demo
people and partner systems. It is deliberately small: no database, one signing key in a file, authorization
codes in process memory. It refuses to start when ``POLKU_ENV=production``.
"""
