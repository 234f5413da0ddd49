"""Ingest: platform items in, Items out, screened and handed to moderation, nothing lost."""
