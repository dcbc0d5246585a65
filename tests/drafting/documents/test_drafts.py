"""Documents as of an issued draft, the three-column table and the change summary."""

import io

import pytest
from docx import Document

from drafting import services
from drafting.documents.draft_changes import compare_states, summary_en, summary_zh
from drafting.documents.export import export, export_three_column, state_data
from drafting.models import DraftKind, Provision
from tests.drafting.documents.builders import add_provision
from tests.factories import ArticleFactory

Op = Provision.Operation
LAW_X = "违反国家规定，实施本条规定行为的，处三年以下有期徒刑、拘役或者管制。"
LAW_Y = "以营利为目的，传播本条所列物品的，处二年以下有期徒刑。"
LAW_Z = "单位犯本条罪的，对单位判处罚金。"


def revise(provision, drafter, text_zh):
    return services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=text_zh,
        text_en="",
    )


@pytest.fixture
def two_drafts(bill, drafter):
    """X changed in draft 1 and again in draft 2; Y added only in draft 2; Z dropped in draft 2."""
    law = bill.target_instrument
    x = ArticleFactory(instrument=law, number=301, paragraphs=[LAW_X])
    y = ArticleFactory(instrument=law, number=302, paragraphs=[LAW_Y])
    z = ArticleFactory(instrument=law, number=303, paragraphs=[LAW_Z])
    px = add_provision(bill, Op.REPLACE_ARTICLE, x, LAW_X.replace("三年", "五年"))
    pz = add_provision(bill, Op.REPLACE_ARTICLE, z, LAW_Z.replace("罚金", "罚金或者没收财产"))
    first = services.draft_issue(actor=drafter, bill=bill, kind=DraftKind.FIRST_READING)
    revise(px, drafter, LAW_X.replace("三年", "七年"))
    add_provision(bill, Op.REPLACE_ARTICLE, y, LAW_Y.replace("以营利为目的，", ""))
    services.provision_transition(actor=drafter, provision=pz, to_status=Provision.Status.WITHDRAWN)
    second = services.draft_issue(actor=drafter, bill=bill, kind=DraftKind.SECOND_READING)
    return first, second


def inserted(lines):
    return [t for line in lines for t, k in line if k == "insert"]


def deleted(lines):
    return [t for line in lines for t, k in line if k == "delete"]


def test_three_column_table_on_a_hand_built_case(bill, two_drafts):
    from drafting.documents.three_column import build_three_column

    first, second = two_drafts
    table = build_three_column(
        state_data(bill, first), state_data(bill, second), "草案一审稿", "草案二审稿"
    )
    rows = {row.label: row for row in table.rows}
    assert list(rows) == ["第三百零一条", "第三百零二条", "第三百零三条"]
    x, y, z = rows.values()
    assert x.changed_by == ["first", "second"]
    assert inserted(x.first) == ["五"] and deleted(x.second) == ["五"]
    assert inserted(x.second) == ["七"]
    assert y.changed_by == ["second"] and not inserted(y.first)
    assert deleted(y.second) == ["以营利为目的，"]
    assert "新增" in y.notes[0]
    assert z.changed_by == ["first", "second"]
    assert inserted(z.first) == ["或者没收财产"] and deleted(z.second) == ["或者没收财产"]
    assert "删去了草案一审稿" in z.notes[0]


def test_three_column_docx_and_html_name_both_drafts(bill, two_drafts):
    first, second = two_drafts
    html = export_three_column(bill, first, second, "html").content.decode()
    assert "草案一审稿" in html and "草案二审稿" in html and "<ins>七</ins>" in html
    docx = Document(io.BytesIO(export_three_column(bill, first, second, "docx").content))
    header = [c.text for c in docx.tables[0].rows[0].cells]
    assert header[2:] == ["草案一审稿", "草案二审稿"]
    assert len(docx.tables[0].rows) == 4
    working = export_three_column(bill, second, None, "html").content.decode()
    assert "工作稿" in working


def test_a_drafts_documents_are_identical_twice_and_ignore_later_edits(bill, drafter, two_drafts):
    first, _ = two_drafts
    before = {
        (kind, fmt): export(bill, kind, fmt, draft=first).content
        for kind in ("amendment", "comparison")
        for fmt in ("html", "docx")
    }
    px = bill.provisions.get(position=1)
    revise(px, drafter, LAW_X.replace("三年", "十年"))
    for (kind, fmt), content in before.items():
        again = export(bill, kind, fmt, draft=first).content
        if fmt == "html":
            assert again == content
        else:  # python-docx stamps the ZIP entries; the document's text must not move
            assert Document(io.BytesIO(again)).paragraphs[0].text == (
                Document(io.BytesIO(content)).paragraphs[0].text
            )
    html = before[("amendment", "html")].decode()
    assert "（一审稿）" in html and "五年" in html and "十年" not in html


def test_change_summary_lines(bill, two_drafts):
    first, second = two_drafts
    changes = compare_states(state_data(bill, first), state_data(bill, second))
    assert [c.kind for c in changes] == ["changed", "added", "removed"]
    # Items of an amendment are its articles: 草案第一条, never 第1项 (issue 11 item 30)
    assert summary_zh(changes[0]) == "草案第一条（第三百零一条）：修改了条文表述。"
    assert summary_zh(changes[1]).startswith("增加一条，作为草案第二条（第三百零二条）")
    assert summary_en(changes[1]).startswith("Item 2 added (第三百零二条)")
    assert summary_zh(changes[2]).startswith("删去草案原第二条（第三百零三条）")


def test_three_column_statement_and_report_print_as_pdf(bill, two_drafts):
    from drafting.documents.papers import export_comments_report, export_statement

    first, second = two_drafts
    for result in (
        export_three_column(bill, first, second, "pdf"),
        export_statement(bill, "pdf", second),
        export_comments_report(bill, "pdf", second),
    ):
        assert result.content.startswith(b"%PDF") and result.content_type == "application/pdf"


def test_statement_sections_from_a_hand_built_bill(bill, drafter, reviewer, two_drafts):
    from drafting.documents.papers import build_statement
    from tests.drafting.documents.builders import link
    from tests.drafting.services.conftest import open_thread
    from tests.factories import InstrumentFactory, ObligationFactory, ProposalFactory

    first, _ = two_drafts
    px = bill.provisions.get(position=1)
    px.proposals.add(ProposalFactory(code="p-age", title_zh="提高年龄"))
    binding = ObligationFactory(code="OPSC-3", binding_on_china=True)
    compared = ObligationFactory(
        code="LZ-20", instrument=InstrumentFactory(china_status="not_party"), binding_on_china=False
    )
    link(px, compared)
    link(px, binding)
    thread = open_thread(reviewer, px.current_revision, "七年")
    services.disposition_set(
        actor=drafter,
        comment=thread,
        kind="not_adopted",
        reason="量刑已经平衡。",
        major_disagreement=True,
    )
    statement = build_statement(bill)
    sections = {s.key: s for s in statement.sections}
    assert list(sections) == [
        "necessity",
        "feasibility",
        "content",
        "constitutionality",
        "disagreements",
    ]
    content = sections["content"].zh
    assert content.startswith("草案共2项")
    assert "p-age 提高年龄" in content
    assert content.index("OPSC-3") < content.index("LZ-20")  # binding obligations first
    assert (
        "不采纳" in sections["disagreements"].zh
        and "量刑已经平衡。" in sections["disagreements"].zh
    )
    assert "七年" in sections["disagreements"].zh
    assert "宪法第四十九条" in sections["constitutionality"].zh
    assert statement.title_zh.startswith("关于《")
    old = build_statement(bill, first)
    assert "未出现" in old.sections[4].zh  # the thread came after draft 1
