"""rebuild_references and import_amendment: the law's graph and history, stored idempotently."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from proposals.models import Amendment, ArticleChange, CrossReference, Instrument
from tests.conftest import module_transaction
from tests.factories import LawFactory

STATUTES = Path(__file__).resolve().parents[3].parent / "shared/reference/statutes"
LAW = STATUTES / "criminal-law.md"
IX = STATUTES / "criminal-law-amendment-09.md"
XII = STATUTES / "criminal-law-amendment-12.md"

pytestmark = pytest.mark.skipif(not LAW.exists(), reason=f"{LAW} is absent")


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def imported_law(django_db_setup, django_db_blocker) -> int:
    """The Criminal Law imported once for the module (about half a second), rolled back after it."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            instrument = LawFactory(code="PRC-CL")
            run("import_statute", str(LAW), "--instrument", "PRC-CL")
        yield instrument.pk


@pytest.fixture
def law(imported_law, db) -> Instrument:
    return Instrument.objects.get(pk=imported_law)


def graph() -> list[tuple]:
    return sorted(
        CrossReference.objects.values_list(
            "source__number",
            "source__sub",
            "paragraph",
            "start",
            "target__number",
            "target__sub",
            "target_paragraph",
            "target_item",
            "external_title",
        )
    )


def test_importing_the_law_stores_its_graph_and_a_rebuild_changes_nothing(law):
    stored = graph()
    assert len(stored) > 400
    assert CrossReference.objects.filter(problem__gt="").count() == 0
    out = run("rebuild_references", "--instrument", "PRC-CL")
    assert "cross-references stored (0 with a problem)" in out
    assert graph() == stored
    cited = CrossReference.objects.get(source__number=152, paragraph=3, start=3, target_paragraph=1)
    assert (cited.text, cited.target.number, cited.target_label) == (
        "前两款",
        152,
        "第一百五十二条第一款",
    )


def test_external_laws_are_kept_with_their_title(law):
    external = CrossReference.objects.get(source__number=38, external_title__gt="")
    assert external.external_title == "中华人民共和国治安管理处罚法" and external.target is None


def test_unknown_instrument_is_refused(db):
    with pytest.raises(CommandError, match="No instrument"):
        run("rebuild_references", "--instrument", "PRC-XX")


@pytest.mark.skipif(not IX.exists() or not XII.exists(), reason="amendment files absent")
def test_amendments_become_article_history_idempotently(law):
    out = run("import_amendment", str(IX))
    assert ": created; " in out
    assert "slip in the official text: item 23: unclosed quotation" in out
    run("import_amendment", str(XII))
    counts = (Amendment.objects.count(), ArticleChange.objects.count())
    assert "unchanged" in run("import_amendment", str(IX))
    assert (Amendment.objects.count(), ArticleChange.objects.count()) == counts
    ix = Amendment.objects.get(title_zh__endswith="（九）")
    assert (str(ix.adopted_on), str(ix.in_force_on)) == ("2015-08-29", "2015-11-01")
    history = ArticleChange.objects.filter(article__number=37, article__sub=1).for_history()
    assert [(c.amendment.title_zh[-3:], c.item, c.operation) for c in history] == [
        ("（九）", 1, "insert_articles")
    ]
    inserted = ArticleChange.objects.filter(amendment=ix, item=7).order_by("sub")
    assert [c.sub for c in inserted] == [2, 3, 4, 5, 6]
    assert all(c.article is not None and c.text_zh for c in inserted)
    assert not inserted[0].text_zh.startswith("第")


def test_import_amendment_refuses_a_malformed_text_and_stores_nothing(law, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(
        "标题\n\n一、删去刑法第二条。\n\n二、把刑法第三条改成：“甲。”\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="item 2, line 5"):
        run("import_amendment", str(bad))
    assert Amendment.objects.count() == 0
