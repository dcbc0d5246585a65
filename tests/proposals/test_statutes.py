"""The statute parser and `manage.py import_statute`."""

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from proposals.models import Article, Instrument, Paragraph
from proposals.statutes import StatuteFormatError, parse_statute
from tests.conftest import module_transaction

STATUTES = Path(__file__).resolve().parents[2].parent / "shared/reference/statutes"
CRIMINAL_LAW = STATUTES / "criminal-law.md"
needs_criminal_law = pytest.mark.skipif(
    not CRIMINAL_LAW.is_file(), reason=f"reference text {CRIMINAL_LAW} is not present"
)

HEADER = "# 某法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n"

SMALL = HEADER + (
    "## 第一编 总则\n\n"
    "### 第一章 任务\n\n"
    "第一条 为了保护儿童，制定本法。\n\n"
    "第二条 有下列情形之一的，从重处罚：\n\n"
    "（一）对象为儿童的；\n\n"
    "（二）多次实施的。\n\n"
    "有前款行为的，依照规定处罚。\n\n"
    "#### 第一节 犯罪\n\n"
    "第二条之一 “网络”，是指信息网络。\n\n"
    "## 附则\n\n"
    "第三条 本法自公布之日起施行。\n\n"
    "① 注释不是条文。\n\n"
    "## 附件一\n\n"
    "1．关于某事的决定\n"
)


def parse_error(body: str) -> StatuteFormatError:
    with pytest.raises(StatuteFormatError) as caught:
        parse_statute(HEADER + body, source="bad.md")
    return caught.value


def test_parse_articles_paragraphs_items_and_headings():
    statute = parse_statute(SMALL, source="small.md")
    assert statute.title == "某法"
    assert statute.info == ["2020年1月1日 通过"]
    assert [a.key for a in statute.articles] == [(1, 0), (2, 0), (2, 1), (3, 0)]
    second = statute.articles[1]
    assert second.paragraphs == [
        "有下列情形之一的，从重处罚：\n（一）对象为儿童的；\n（二）多次实施的。",
        "有前款行为的，依照规定处罚。",
    ]
    assert second.heading_zh == "第一编 总则 / 第一章 任务"
    assert statute.articles[2].heading_zh == "第一编 总则 / 第一章 任务 / 第一节 犯罪"
    assert statute.articles[2].paragraphs == ["“网络”，是指信息网络。"]
    assert statute.articles[3].heading_zh == "附则"
    assert statute.articles[3].paragraphs == ["本法自公布之日起施行。"]
    assert statute.articles[3].notes == ["① 注释不是条文。"]
    assert statute.annexes == {"附件一": ["1．关于某事的决定"]}
    assert statute.paragraph_count == 5


def test_parse_preamble_of_an_interpretation():
    statute = parse_statute(HEADER + "为依法惩治犯罪，现解释如下：\n\n第一条 某某。\n")
    assert statute.preamble == ["为依法惩治犯罪，现解释如下："]
    assert statute.articles[0].paragraphs == ["某某。"]


def test_parse_infers_a_lost_chapter_title_after_an_invisible_line():
    body = "## 第一章 总 则\n\n第一条 甲。\n\n\u200b\n\n网络素养促进\n\n第二条 乙。\n"
    statute = parse_statute(HEADER + body)
    assert statute.articles[1].heading_zh == "第二章 网络素养促进"
    assert statute.articles[0].paragraphs == ["甲。"]


def test_error_without_info_end_names_file_and_line():
    with pytest.raises(StatuteFormatError) as caught:
        parse_statute("# 某法\n\n第一条 甲。\n", source="bad.md")
    assert str(caught.value).startswith("bad.md:3: ")
    assert "INFO END" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("第一条 甲。\n\n第三条 丙。\n\n第二条 乙。\n", 11, "after a later article"),
        ("第一条 甲。\n\n第一条之一 乙。\n\n第一条之一 丙。\n", 11, "repeats"),
        ("第一条 甲。\n\n第二条 乙。\n\n第一条之一 丙。\n", 11, "after a later article"),
        ("## 第一章 总则\n\n没有条文的段落。\n\n第一条 甲。\n", 9, "paragraph before any article"),
        ("第一条 甲。\n\n第二十十条 乙。\n", 9, "unreadable article number"),
        ("第一条 甲。\n\n第三百零零三条 乙。\n", 9, "unreadable article number"),
        ("第一条 甲。\n\n第二条之〇 乙。\n", 9, "unreadable article number"),
        ("第一条 甲。\n\n第2条 乙。\n", 9, "unreadable article number"),
        ("第一条\n\n甲。\n", 7, "has no text"),
        (
            "第一条 甲。\n\n## 第二章 其他\n\n乙。\n\n第二条 丙。\n",
            11,
            "paragraph before any article",
        ),
        ("一、将刑法第一条修改为：\n", 7, "amending instrument"),
    ],
)
def test_errors_name_file_and_line(body, line, words):
    error = parse_error(body)
    assert error.line == line
    assert str(error).startswith(f"bad.md:{line}: ")
    assert words in error.message


# --- the real Criminal Law -----------------------------------------------------------------

CL_ARTICLES = 505
CL_SUB_ARTICLES = 53
CL_PARAGRAPHS = 898


def make_criminal_law() -> Instrument:
    return Instrument.objects.create(
        code="PRC-CL",
        kind=Instrument.Kind.PRC_LAW,
        china_status=Instrument.ChinaStatus.DOMESTIC,
        title_en="Criminal Law of the People's Republic of China",
        short_title_en="Criminal Law",
    )


@pytest.fixture
def criminal_law(db) -> Instrument:
    return make_criminal_law()


def import_criminal_law(*extra: str) -> str:
    out = StringIO()
    call_command("import_statute", str(CRIMINAL_LAW), "--instrument", "PRC-CL", *extra, stdout=out)
    return out.getvalue()


def paragraph(number: int, sub: int, paragraph: int) -> str:
    return Paragraph.objects.get(
        article__instrument__code="PRC-CL",
        article__number=number,
        article__sub=sub,
        number=paragraph,
    ).text_zh


@pytest.fixture(scope="class")
def first_import(django_db_setup, django_db_blocker) -> tuple[int, str, float]:
    """The Criminal Law imported once into an empty instrument for a class of tests (an import
    takes about a second), rolled back when the class ends: its pk, the output, the seconds."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            law = make_criminal_law()
            started = time.perf_counter()
            output = import_criminal_law()
            seconds = time.perf_counter() - started
        yield law.pk, output, seconds


@needs_criminal_law
class TestImportedCriminalLaw:
    """The real Criminal Law after a first import; each test's changes roll back."""

    @pytest.fixture
    def criminal_law(self, first_import, db) -> Instrument:
        return Instrument.objects.get(pk=first_import[0])

    def test_import_criminal_law(self, criminal_law, first_import):
        _pk, output, seconds = first_import
        assert seconds < 10
        assert output.splitlines()[0] == (
            f"PRC-CL: {CL_ARTICLES} articles created, 0 updated, 0 unchanged; "
            f"{CL_PARAGRAPHS} paragraphs ({CL_PARAGRAPHS} written, 0 deleted)"
        )
        articles = Article.objects.filter(instrument=criminal_law)
        assert articles.count() == CL_ARTICLES
        assert articles.filter(sub__gt=0).count() == CL_SUB_ARTICLES
        assert articles.filter(sub=0).count() == 452
        assert Paragraph.objects.filter(article__instrument=criminal_law).count() == CL_PARAGRAPHS

        assert paragraph(287, 2, 1) == (
            "明知他人利用信息网络实施犯罪，为其犯罪提供互联网接入、服务器托管、网络存储、通讯传输等"
            "技术支持，或者提供广告推广、支付结算等帮助，情节严重的，处三年以下有期徒刑或者拘役，"
            "并处或者单处罚金。"
        )
        assert paragraph(367, 0, 3) == "包含有色情内容的有艺术价值的文学、艺术作品不视为淫秽物品。"
        assert paragraph(33, 0, 1) == (
            "主刑的种类如下：\n（一）管制；\n（二）拘役；\n（三）有期徒刑；\n（四）无期徒刑；\n（五）死刑。"
        )
        assert paragraph(199, 0, 1) == "（删去）"
        assert articles.get(number=363, sub=0).heading_zh == (
            "第二编 分则 / 第六章 妨害社会管理秩序罪 / 第九节 制作、贩卖、传播淫秽物品罪"
        )
        last = articles.get(number=452, sub=0)
        assert last.heading_zh == "附则"
        # The footnote and the annexes are not paragraphs of the last article.
        assert last.paragraphs.count() == 3

    def test_second_import_changes_nothing(self, criminal_law):
        before = list(Paragraph.objects.order_by("pk").values_list("pk", "text_zh"))
        output = import_criminal_law()
        assert output.splitlines()[0] == (
            f"PRC-CL: 0 articles created, 0 updated, {CL_ARTICLES} unchanged; "
            f"{CL_PARAGRAPHS} paragraphs (0 written, 0 deleted)"
        )
        assert list(Paragraph.objects.order_by("pk").values_list("pk", "text_zh")) == before

    def test_reimport_repairs_changed_article_and_keeps_translations(self, criminal_law):
        article = Article.objects.get(instrument=criminal_law, number=17, sub=0)
        kept = article.paragraphs.get(number=1)
        kept.text_en = "A person who has reached 16 ..."
        kept.save()
        article.paragraphs.filter(number=2).update(text_zh="改动过的文字")
        article.paragraphs.create(number=9, text_zh="多余的款")
        Article.objects.filter(pk=article.pk).update(heading_zh="别处")

        output = import_criminal_law()

        assert f"0 articles created, 1 updated, {CL_ARTICLES - 1} unchanged" in output
        assert "(1 written, 1 deleted)" in output
        article.refresh_from_db()
        assert article.heading_zh == "第一编 总则 / 第二章 犯罪 / 第一节 犯罪和刑事责任"
        assert article.paragraphs.count() == 5
        assert article.paragraphs.get(number=1).text_en == "A person who has reached 16 ..."
        assert article.paragraphs.get(number=2).text_zh.startswith("已满十四周岁不满十六周岁的人")

    def test_prune_only_with_flag_and_only_articles_without_dependents(self, criminal_law):
        from proposals.models import Obligation

        lonely = Article.objects.create(instrument=criminal_law, number=999)
        cited = Article.objects.create(instrument=criminal_law, number=998)
        Obligation.objects.create(
            code="X-1",
            instrument=criminal_law,
            article=cited,
            article_ref="998",
            statement_en="Something.",
            kind=Obligation.Kind.CRIMINALIZE,
            strength=Obligation.Strength.MANDATORY,
        )

        assert "2 articles not in the file kept (use --prune)" in import_criminal_law()
        assert Article.objects.filter(pk__in=[lonely.pk, cited.pk]).count() == 2

        output = import_criminal_law("--prune")
        assert "1 articles pruned, 1 kept with dependents: 998" in output
        assert not Article.objects.filter(pk=lonely.pk).exists()
        assert Article.objects.filter(pk=cited.pk).exists()


@needs_criminal_law
def test_unknown_instrument_fails_cleanly(db):
    with pytest.raises(CommandError, match="No instrument with code 'PRC-XX'"):
        call_command("import_statute", str(CRIMINAL_LAW), "--instrument", "PRC-XX")
    assert not Article.objects.exists()


def test_malformed_file_writes_nothing(criminal_law, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(HEADER + "第一条 甲。\n\n第二条 乙。\n\n第二条 丙。\n", encoding="utf-8")
    with pytest.raises(CommandError, match=rf"^{bad}:11: 第二条 repeats the article at line 9$"):
        call_command("import_statute", str(bad), "--instrument", "PRC-CL")
    assert not Article.objects.exists()


def test_non_utf8_file_names_the_line(criminal_law, tmp_path):
    bad = tmp_path / "gbk.md"
    bad.write_bytes((HEADER + "第一条 甲。\n").encode("utf-8") + "第二条 乙。\n".encode("gbk"))
    with pytest.raises(CommandError, match=rf"^{bad}:8: not UTF-8 text$"):
        call_command("import_statute", str(bad), "--instrument", "PRC-CL")


def test_missing_file_fails_cleanly(criminal_law, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_statute", str(tmp_path / "none.md"), "--instrument", "PRC-CL")


@pytest.mark.parametrize(
    "name",
    [
        "interpretation-2004-11.md",
        "interpretation-2010-03.md",
        "minors-protection-law-2024.md",
        "minors-online-regulations-2023.md",
    ],
)
def test_other_reference_statutes_parse(name):
    path = STATUTES / name
    if not path.is_file():
        pytest.skip(f"reference text {path} is not present")
    statute = parse_statute(path.read_text(encoding="utf-8"), source=name)
    numbers = [a.number for a in statute.articles]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(a.paragraphs and all(a.paragraphs) for a in statute.articles)
