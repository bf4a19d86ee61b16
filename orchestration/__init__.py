"""Portrait's Dagster code location."""
