"""Polku's development tooling: the whole product on one machine (``polku-dev``) and the services' OpenAPI
documents. It knows every service by name; the runtime kit (``polku_kit``) and the services never import it."""
