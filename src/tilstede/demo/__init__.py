"""Demo data: a made-up municipality with realistic traffic, for trying Tilstede."""
