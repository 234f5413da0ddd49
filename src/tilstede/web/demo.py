"""The demo platform's own page: what Tilstede "published" on a sandbox channel.

Posts, replies and notices sent to a channel of the demo platform stay inside Tilstede;
this page shows them as the platform would, each under the address the connector gave.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tilstede.core.models import Direction, Item, Platform
from tilstede.moderation.models import Notice
from tilstede.web.selectors import channels_for

SHOWN = 200


@login_required
@require_GET
def sandbox(request: HttpRequest, slug: str) -> HttpResponse:
    channel = channels_for(request.user).filter(slug=slug, platform=Platform.DEMO).first()
    if channel is None:
        raise Http404
    messages = list(
        Item.objects.filter(
            channel=channel, direction=Direction.OUT, external_id__startswith="demo-"
        )
        .select_related("parent")
        .order_by("-created_at", "-id")[:SHOWN]
    )
    notices = list(
        Notice.objects.filter(decision__item__channel=channel, external_id__startswith="demo-")
        .select_related("decision__item")
        .order_by("-sent_at", "-id")[:SHOWN]
    )
    return render(
        request,
        "web/demo_platform.html",
        {"channel": channel, "messages": messages, "notices": notices},
    )
