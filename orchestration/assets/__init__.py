"""Python assets, by layer."""
