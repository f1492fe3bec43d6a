"""Activating-service episodes (*aktivointipalvelujaksot*): the periods a client spends in pay-subsidised work, a
work trial, labour-market training and the other activating services, recorded by a coach or created from the
events of the service that arranged them."""
