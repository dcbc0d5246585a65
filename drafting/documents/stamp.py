"""Byte-identical exports: the same state of a bill gives the same file, so that a hash of an
export proves which text was sent.

Word and Excel files are ZIP packages: python-docx and openpyxl stamp every member with the
current time and openpyxl writes now() into the core properties. ooxml() rewrites the package
with every member dated by the bill's own moment (when its text last changed, or when the draft
was issued) and the core properties' created/modified set to that moment. PDFs get the same
moment through Typst's document date (typeset.render_pdf); Typst's font subsets are already a
function of the glyphs used.
"""

import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

from lxml import etree

BEIJING = ZoneInfo("Asia/Shanghai")
ZIP_EARLIEST = datetime.datetime(1980, 1, 1, tzinfo=BEIJING)  # a ZIP date cannot be earlier
CORE = "docProps/core.xml"
DCTERMS = "{http://purl.org/dc/terms/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def zip_time(moment: datetime.datetime) -> tuple[int, int, int, int, int, int]:
    """A ZIP member's date and time: the moment in Beijing time, to the even second below (a ZIP
    entry counts time in steps of two seconds)."""
    local = max(moment.astimezone(BEIJING), ZIP_EARLIEST)
    return (local.year, local.month, local.day, local.hour, local.minute, local.second // 2 * 2)


def w3c_time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_properties(xml: bytes, moment: datetime.datetime, title: str | None) -> bytes:
    """The package's created and modified dates (and its title, when given) set from the bill."""
    root = etree.fromstring(xml)
    for name in ("created", "modified"):
        element = root.find(DCTERMS + name)
        if element is not None:
            element.text = w3c_time(moment)
    element = root.find(DC + "title")
    if title is not None and element is not None:
        element.text = title
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def ooxml(content: bytes, moment: datetime.datetime, title: str | None = None) -> bytes:
    """The same Word or Excel package, its members and core properties dated by moment."""
    stamp = zip_time(moment)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == CORE:
                data = core_properties(data, moment, title)
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, data)
    return out.getvalue()
