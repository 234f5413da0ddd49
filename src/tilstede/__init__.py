"""Tilstede: a self-hosted social media desk for public bodies."""
