"""Registration data a coach keeps up to date after registration: citizenship (*kansalaisuus*) and mother tongue
(*äidinkieli*), both optional, both validated codes (:mod:`clients_api.client.codes`)."""
