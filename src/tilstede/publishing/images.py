"""Uploaded images: decoded, checked and re-encoded before anything is stored.

An upload is never kept as sent. Its bytes are decoded by Pillow, which refuses what is
not an image (an HTML page or a script renamed ``.png`` with ``image/png`` declared);
the pixels are then written anew as PNG, JPEG or WebP, without the metadata the file
carried (EXIF with GPS position and camera serial, XMP, PNG text chunks, comments).
The stored file has a random name and the extension of what was written, and is served
with that type only (``views.post_image``), so nothing a browser could run is ever
served from the desk's origin. Limits: ``TILSTEDE_UPLOAD_MAX_MB`` on the file,
``TILSTEDE_UPLOAD_MAX_PIXELS`` on width times height (a small file can decode into an
enormous image).
"""

from __future__ import annotations

import io
import unicodedata
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# What is accepted, and what it is written as. GIF becomes PNG (its first frame):
# connectors post still images, and PNG keeps GIF's palette and transparency.
_WRITE_AS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WEBP", "GIF": "PNG"}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
_EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


class ImageRefused(ValueError):
    """The upload is not accepted; the message says why, for the person uploading."""


@dataclass(frozen=True)
class CleanImage:
    """An image as it is stored: re-encoded bytes, their type, and a display name."""

    content: bytes
    extension: str
    name: str
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]

    def as_file(self) -> ContentFile:
        """The bytes under a random name (the person's file name is kept apart)."""
        return ContentFile(self.content, name=f"{uuid.uuid4().hex}.{self.extension}")


def image_clean(upload: File, *, name: str = "") -> CleanImage:
    """Decode ``upload``, check it, and re-encode it without metadata; ImageRefused if not.

    Order: the size limit (before reading anything), the decoder's verdict on the
    format, the pixel limit (from the header, before decoding the pixels), then a full
    decode, which refuses a truncated or corrupt file.
    """
    limit_mb = settings.TILSTEDE_UPLOAD_MAX_MB
    size = getattr(upload, "size", None)
    if size is not None and size > limit_mb * 1024 * 1024:
        raise ImageRefused(
            _("The file is too large: at most %(mb)d MB is accepted.") % {"mb": limit_mb}
        )
    not_an_image = _("This file is not an image. Upload a PNG, JPEG, WebP or GIF file.")
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=list(_WRITE_AS))
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ImageRefused(not_an_image) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused(_too_many_pixels()) from None
        with image:
            width, height = image.size
            if width * height > settings.TILSTEDE_UPLOAD_MAX_PIXELS or not width or not height:
                raise ImageRefused(_too_many_pixels())
            try:
                # verify() checks the file's structure (a PNG's chunks and checksums)
                # whatever ImageFile.LOAD_TRUNCATED_IMAGES says: WeasyPrint, imported
                # for the archive's PDFs, sets it for the whole process.
                upload.seek(0)
                with Image.open(upload, formats=[image.format or ""]) as check:
                    check.verify()
                upload.seek(0)
                image.load()
                target = _WRITE_AS[image.format or ""]
                pixels = ImageOps.exif_transpose(image) or image  # keep it upright
            except (OSError, SyntaxError, ValueError, KeyError):
                raise ImageRefused(
                    _("The image could not be read; the file may be damaged.")
                ) from None
            content = _encode(pixels, target)
            width, height = pixels.size
    extension = _EXTENSIONS[target]
    return CleanImage(
        content=content,
        extension=extension,
        name=display_name(name or getattr(upload, "name", "") or "", extension),
        width=width,
        height=height,
    )


def _too_many_pixels() -> str:
    return _("The image is too large: at most %(mp)d megapixels are accepted.") % {
        "mp": max(1, settings.TILSTEDE_UPLOAD_MAX_PIXELS // 1_000_000)
    }


def _encode(image: Image.Image, target: str) -> bytes:
    """Write the pixels only: no EXIF, XMP, text chunks or comments are passed on."""
    out = io.BytesIO()
    if target == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=90, optimize=True)
    elif target == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.save(out, "WEBP", quality=90)
    else:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def display_name(name: str, extension: str) -> str:
    """The person's file name without any folder, control characters or old extension,
    with the extension of what is stored: shown on the desk and offered on download."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    stem = base.rsplit(".", 1)[0].strip(" .") if "." in base else base
    return f"{(stem or 'bilde')[:180]}.{extension}"


def content_type_for(stored_name: str) -> str | None:
    """The type an image stored under ``stored_name`` is served as; None if it is not
    one this module wrote (a file from before, which is then only offered to save)."""
    extension = stored_name.rsplit(".", 1)[-1].lower() if "." in stored_name else ""
    return CONTENT_TYPES.get(extension)
