"""The site admin shows the code an agency pastes into its page."""

from __future__ import annotations

from django.contrib.auth.models import User


def test_the_site_page_shows_the_snippet(client, site):
    admin = User.objects.create_superuser("root", password="pw-root")
    client.force_login(admin)
    response = client.get(f"/admin/webcomments/site/{site.pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "http://testserver/c/widget.js" in body
    assert f"data-site=&quot;{site.key}&quot;" in body  # escaped inside <pre>


def test_sites_cannot_be_deleted_and_comments_are_read_only(client, site):
    admin = User.objects.create_superuser("root", password="pw-root")
    client.force_login(admin)
    assert client.get(f"/admin/webcomments/site/{site.pk}/delete/").status_code == 403
    assert client.get("/admin/webcomments/comment/add/").status_code == 403
