"""Uploaded images are decoded, re-encoded without metadata and served as images only
(issue 16: an HTML or JS file declared as image/png was served inline from the desk)."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.publishing.helpers import LINK
from tilstede.publishing.images import ImageRefused, display_name, image_clean
from tilstede.publishing.models import Post, PostImage

HTML = b"<!doctype html><script>fetch('/admin/').then(r=>r.text()).then(alert)</script>"
JS = b"fetch('/admin/').then(r => r.text()).then(t => new Image().src = '//x/?' + t)"


def picture(fmt: str = "PNG", size=(40, 30), gps: bool = False, **save) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "Kamerafabrikken"  # Make
        exif[0x8825] = {1: "N", 2: (59.0, 54.0, 30.0), 3: "E", 4: (10.0, 45.0, 10.0)}  # GPS
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes() if gps else b"", **save)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def compose(client, channel, image, alt="Kart over stengte veier"):
    return client.post(
        "/publisering/ny/",
        {
            "text": "Brua er stengt i helga.",
            "link": LINK,
            "information": "on",
            "language": "nb",
            "channels": [channel.pk],
            "image_1": image,
            "image_1_alt": alt,
            "action": "save",
        },
    )


@pytest.fixture
def moderator(client, world):
    client.force_login(world.moderator)
    return client


@pytest.mark.parametrize(
    ("name", "content"), [("kart.png", HTML), ("kart.png", JS), ("side.html", HTML)]
)
def test_html_or_script_declared_as_png_is_refused(moderator, world, name, content):
    response = compose(moderator, world.channel, upload(name, content))
    assert response.status_code == 400
    assert "Denne filen er ikke et bilde" in response.content.decode()
    assert not Post.objects.exists() and not PostImage.objects.exists()


def test_the_api_refuses_a_renamed_script_too(client, world):
    from tests.publishing.test_api import BODY, call

    client.force_login(world.moderator)
    post = call(client, world.moderator, "post", "/api/publishing/posts", BODY)
    assert post.status_code == 201, post.content
    response = client.post(
        f"/api/publishing/posts/{post.json()['id']}/images",
        {"file": upload("kart.png", JS), "alt_text": "Kart"},
    )
    assert response.status_code == 400
    assert "ikke et bilde" in response.json()["detail"]
    assert not PostImage.objects.exists()


def test_a_png_with_gps_exif_comes_back_without_it(moderator, world):
    sent = picture("PNG", gps=True)
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(0x8825)  # the GPS is really there
    response = compose(moderator, world.channel, upload("IMG_0042.png", sent))
    assert response.status_code == 302
    stored = PostImage.objects.get()
    served = moderator.get(f"/publisering/{stored.post_id}/bilde/{stored.pk}/")
    body = b"".join(served.streaming_content)
    again = Image.open(io.BytesIO(body))
    assert again.format == "PNG" and again.size == (40, 30)
    assert not again.getexif() and "exif" not in again.info
    assert b"Kamerafabrikken" not in body and b"GPS" not in body
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"] == 'inline; filename="IMG_0042.png"'
    assert "sandbox" in served["Content-Security-Policy"]


def test_a_jpeg_with_gps_exif_is_stored_as_jpeg_without_it(moderator, world):
    compose(moderator, world.channel, upload("foto.jpeg", picture("JPEG", gps=True), "image/jpeg"))
    stored = PostImage.objects.get()
    with stored.file.open("rb") as fh:
        body = fh.read()
    image = Image.open(io.BytesIO(body))
    assert image.format == "JPEG" and not image.getexif()
    assert b"Kamerafabrikken" not in body
    assert stored.name == "foto.jpg"


def test_stored_files_get_random_names(moderator, world):
    compose(moderator, world.channel, upload("../../etc/kart.png", picture()))
    stored = PostImage.objects.get()
    base = os.path.basename(stored.file.name)
    assert "kart" not in base and "etc" not in stored.file.name
    assert len(base) == len("0" * 32 + ".png") and base.endswith(".png")
    assert stored.name == "kart.png"


def test_a_gif_is_stored_as_png(moderator, world):
    compose(moderator, world.channel, upload("anim.gif", picture("GIF"), "image/gif"))
    stored = PostImage.objects.get()
    assert stored.file.name.endswith(".png") and stored.name == "anim.png"


def test_a_file_over_the_size_limit_is_refused(moderator, world, settings):
    assert settings.TILSTEDE_UPLOAD_MAX_MB == 10
    big = picture() + os.urandom(10 * 1024 * 1024)  # a PNG head on 10 MB of noise
    response = compose(moderator, world.channel, upload("stor.png", big))
    assert response.status_code == 400
    assert "for stor: høyst 10 MB" in response.content.decode()
    assert not PostImage.objects.exists()


def test_an_image_over_the_pixel_limit_is_refused_before_decoding(settings):
    settings.TILSTEDE_UPLOAD_MAX_PIXELS = 1_000_000
    with pytest.raises(ImageRefused, match="megapiksler"):
        image_clean(upload("bred.png", picture(size=(2000, 600))))


def test_a_truncated_image_is_refused(monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint sets it
    with pytest.raises(ImageRefused, match="skadet"):
        image_clean(upload("halv.png", picture("PNG", size=(400, 400))[:200]))


def test_svg_is_not_accepted():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ImageRefused):
        image_clean(upload("logo.svg", svg, "image/svg+xml"))


def test_the_alt_text_is_still_required_before_sending(moderator, world):
    compose(moderator, world.channel, upload("kart.png", picture()), alt="")
    post = Post.objects.get()
    response = moderator.post(f"/publisering/{post.pk}/send/")
    post.refresh_from_db()
    assert post.state == "draft"
    assert response.status_code in (302, 400, 409)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("C:\\Bilder\\kart.PNG", "kart.png"),
        ("kart", "kart.png"),
        ("\x00\x1b.png", "bilde.png"),
        ("rapport.tar.gz", "rapport.tar.png"),
    ],
)
def test_display_names_keep_only_the_file_name(name, shown):
    assert display_name(name, "png") == shown
