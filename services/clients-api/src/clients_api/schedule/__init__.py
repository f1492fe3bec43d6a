"""The statutory interview schedule (*lakisääteiset haastattelut*): dated rule sets and the deadlines they give."""
