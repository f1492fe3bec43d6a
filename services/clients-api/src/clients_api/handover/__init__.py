"""Hand-over of a client from the initial-service team to a personal coach (*omavalmentaja*)."""
