"""Employment plans (*työllistymissuunnitelma*; also activation and integration plans), versioned."""
