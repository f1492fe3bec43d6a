"""Kela's count of a client's labour-market subsidy days (*työmarkkinatukipäivät*), one trigger of the
multi-sectoral joint service (TYP). Kela's data cannot be queried from here: the count is imported from a CSV file
Kela delivers, or set by a coach, each with the day it was counted on."""
