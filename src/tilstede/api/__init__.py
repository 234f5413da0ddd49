"""The JSON API (django-ninja, OpenAPI at /api/openapi.json): the desk's work for machines."""
