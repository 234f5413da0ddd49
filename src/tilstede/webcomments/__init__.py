"""Our own comment field: an embeddable snippet and the endpoint that receives comments."""
