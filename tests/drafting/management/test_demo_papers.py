"""The demo bill's papers: two drafts with real differences, every kind of disposition, a 说明."""

import pytest

from drafting.documents.draft_changes import compare_states
from drafting.documents.export import export_three_column, state_data
from drafting.documents.papers import build_statement, comments_report
from drafting.models import CommentDisposition

pytestmark = pytest.mark.django_db


def test_two_drafts_with_real_differences(demo_bill):
    first, second = demo_bill.drafts.order_by("number")
    assert (first.kind, second.kind) == ("consultation", "first_reading")
    changes = compare_states(state_data(demo_bill, first), state_data(demo_bill, second))
    # Two accepted suggestions between the drafts: 提供 in the production offence, 访问 for 浏览
    assert len(changes) == 2 and all(c.text_changed for c in changes)
    html = export_three_column(demo_bill, first, second, "html").content.decode()
    assert "草案征求意见稿" in html and "草案一审稿" in html and "提供</ins>" in html


def test_every_kind_of_disposition_and_one_major_disagreement(demo_bill):
    kinds = set(CommentDisposition.objects.values_list("kind", flat=True))
    assert kinds == {"adopted", "partly", "not_adopted", "later"}
    assert CommentDisposition.objects.filter(major_disagreement=True).count() == 1
    report = comments_report(demo_bill)
    # The suggestion on art. 366 para. 2 (units providing network services) was made after the
    # first reading draft and is still open; every other thread is disposed of.
    assert report.open_threads == 1
    assert report.threads == CommentDisposition.objects.count() + 1


def test_the_statement_reads_as_written(demo_bill):
    statement = build_statement(demo_bill, demo_bill.drafts.get(number=2))
    sections = {s.key: s for s in statement.sections}
    assert "feasibility" in {k for k, s in sections.items() if s.edits}
    assert "第六章第九节" in sections["feasibility"].zh
    assert "在第三百六十三条后增加一条，作为第三百六十三条之一" in sections["content"].zh
    assert "不采纳" in sections["disagreements"].zh
    assert "ICMEC" in sections["necessity"].zh
