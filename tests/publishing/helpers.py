"""Setting up posts the way people do: through the services."""

from __future__ import annotations

from tilstede.publishing import services
from tilstede.publishing.models import Post

TEXT = "Brua over Fjordelva er stengt i helga. Les mer om omkjøringen på nettsiden vår."
LINK = "https://www.testvik.kommune.no/veg/brua"


def compose(world, channels, *, by=None, text=TEXT, **fields) -> Post:
    fields.setdefault("language", "nb")
    fields.setdefault("link", LINK)
    fields.setdefault("information", True)
    return services.post_compose(
        organisation=world.org,
        by=by or world.moderator,
        text=text,
        channels=list(channels),
        **fields,
    )


def approved(world, channels, **fields) -> Post:
    """Written by the moderator, approved by the administrator (four eyes)."""
    post = compose(world, channels, **fields)
    services.post_submit(post=post, by=world.moderator)
    return services.post_approve(post=post, by=world.admin)
