"""The desk: queue, routing, replies, saved replies and response-time promises."""
