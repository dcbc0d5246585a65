"""Build the derived bold CJK face for PDFs now rather than on the first PDF request."""

from django.core.management.base import BaseCommand

from drafting.documents.fonts import CJK_FONT_PATH, bold_font_dir


class Command(BaseCommand):
    help = "Derive the bold CJK face used by PDF exports (kept in PDF_FONT_CACHE)."

    def handle(self, *args, **options) -> None:
        if not CJK_FONT_PATH.exists():
            self.stderr.write(f"{CJK_FONT_PATH} is absent: PDFs will lack Chinese glyphs.")
            return
        self.stdout.write(f"Bold face ready in {bold_font_dir()}")
