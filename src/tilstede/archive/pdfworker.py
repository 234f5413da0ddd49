"""Rendering one PDF/A-2b document from HTML, in a worker process of the export's pool.

Imports no Django: a worker started with ``spawn`` needs only WeasyPrint. The HTML is
made in the exporting process (templates, screening); here it becomes a file, written
under a temporary name and renamed, so an interrupted export leaves only whole files.
"""

from __future__ import annotations

import hashlib
import logging
import os

PDF_VARIANT = "pdf/a-2b"


def html_to_pdfa(html: str) -> bytes:
    """PDF/A-2b from HTML; WeasyPrint embeds (subsets) every font it uses."""
    from weasyprint import HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    return HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)


def render_file(path: str, html: str) -> tuple[str, int]:
    """Write the document for ``html`` at ``path``; its SHA-256 and size."""
    data = html_to_pdfa(html)
    tmp = path + ".part"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return hashlib.sha256(data).hexdigest(), len(data)
