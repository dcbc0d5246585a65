"""The index follows every write that changes indexed text, in the same transaction."""

import pytest
from django.core.management import call_command
from django.db import connection

from drafting import services
from drafting.models import Provision, SearchEntry
from drafting.search.index import rebuild
from drafting.search.query import SearchQuery, search
from drafting.text.anchoring import Anchor
from proposals import services as reference
from tests.factories import ArticleFactory, LawFactory

pytestmark = pytest.mark.django_db

WORD = "甲乙丙丁戊"  # invented: in no statute


def found(user, q: str, **filters) -> dict[str, int]:
    return search(user, SearchQuery(q, **filters)).counts


@pytest.fixture
def drafted(drafter, bill):
    article = ArticleFactory(instrument=bill.target_instrument)
    return services.provision_create(
        actor=drafter,
        bill=bill,
        operation=Provision.Operation.REPLACE_ARTICLE,
        target_article=article,
        title_en="Possession",
        title_zh="持有行为",
        text_zh=f"明知是{WORD}材料而持有的，处三年以下有期徒刑。",
        text_en="Whoever knowingly possesses such material.",
    )


def thread(actor, provision, words, **kwargs):
    revision = provision.current_revision
    return services.comment_create(
        actor=actor,
        provision=provision,
        revision=revision,
        anchor=Anchor.locate(revision.text_zh, words, language="zh"),
        **{"body": "请说明理由", **kwargs},
    )


def test_new_provision_is_found_by_text_and_title(drafter, drafted):
    assert found(drafter, WORD) == {"provision": 1}
    assert found(drafter, "持有行为") == {"provision": 1}
    assert found(drafter, "knowingly possesses", exact=True) == {"provision": 1}


def test_new_revision_replaces_the_old_words(drafter, drafted):
    services.revision_create(
        actor=drafter,
        provision=drafted,
        base_revision=drafted.current_revision,
        text_zh="明知是己庚辛材料而持有的，处五年以下有期徒刑。",
        text_en="",
    )
    assert found(drafter, WORD) == {}
    assert found(drafter, "己庚辛") == {"provision": 1}


def test_title_change_is_found(drafter, drafted):
    services.provision_update(actor=drafter, provision=drafted, title_zh="壬癸子丑")
    assert found(drafter, "壬癸子丑") == {"provision": 1}
    assert found(drafter, "持有行为") == {}


def test_comment_body_and_quoted_words_are_found(drafter, reviewer, drafted):
    comment = thread(reviewer, drafted, WORD, body="建议改为寅卯辰")
    assert found(reviewer, "寅卯辰") == {"comment": 1}
    assert found(reviewer, WORD) == {"provision": 1, "comment": 1}
    reply = services.comment_reply(actor=drafter, parent=comment, body="已采纳巳午未")
    hit = search(drafter, SearchQuery("巳午未")).hits[0]
    assert hit.url.endswith(f"#comment-{reply.pk}")
    assert search(drafter, SearchQuery("寅卯辰")).hits[0].url.endswith(f"#thread-{comment.pk}")


def test_accepted_suggestion_is_found_and_old_words_gone(drafter, reviewer, drafted):
    comment = thread(reviewer, drafted, WORD, suggestion="申酉戌")
    services.suggestion_accept(actor=drafter, comment=comment)
    counts = found(drafter, "申酉戌")
    assert counts == {"provision": 1, "comment": 0} or counts == {"provision": 1}
    assert found(drafter, WORD) == {"comment": 1}  # the comment still quotes the old words


def test_hidden_comment_leaves_the_index_and_comes_back(drafter, reviewer, overseer, drafted):
    comment = thread(reviewer, drafted, WORD, body="亥子丑寅")
    services.comment_set_hidden(actor=overseer, comment=comment, hidden=True, reason="离题。")
    assert found(drafter, "亥子丑寅") == {}
    services.comment_set_hidden(actor=overseer, comment=comment, hidden=False, reason="已核实。")
    assert found(drafter, "亥子丑寅") == {"comment": 1}


def test_reference_writes_through_the_services_are_indexed(drafter):
    law = LawFactory()
    article, _ = reference.article_upsert(
        instrument=law, number=999, paragraphs=[("一二三四五六七八九十。", "")]
    )
    assert found(drafter, "五六七") == {"article": 1}
    reference.article_upsert(instrument=law, number=999, paragraphs=[("另一段文字。", "")])
    assert found(drafter, "五六七") == {}
    assert found(drafter, "另一段") == {"article": 1}


def test_rebuild_writes_what_the_services_wrote(drafter, reviewer, drafted):
    thread(reviewer, drafted, WORD, body="评论文字")
    fields = ("kind", "title", "body", "tokens", "url", "bill_id", "binding")
    before = sorted(SearchEntry.objects.values_list(*fields))
    call_command("rebuild_search_index", verbosity=0)
    after = sorted(SearchEntry.objects.values_list(*fields))
    made_by_services = [e for e in after if e[0] in ("provision", "comment")]
    assert made_by_services == before  # the factories wrote the law without the services
    assert rebuild() == len(after)
    assert found(drafter, WORD) == {"provision": 1, "comment": 1}


def test_engine_index_is_in_place():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                "'drafting_search_%'"
            )
            assert cursor.fetchone()[0] == 3
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'drafting_search_tsv'"
            )
            assert cursor.fetchone()[0] == 1
