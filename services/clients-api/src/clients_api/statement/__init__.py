"""Labour-policy statements (*työvoimapoliittinen lausunto*) to Kela or the client's unemployment fund."""
