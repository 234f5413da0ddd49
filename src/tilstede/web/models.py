"""The web desk has no tables of its own: it reads through ``core.readmodel``."""
