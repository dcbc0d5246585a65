"""The shared tokenizer: CJK pairs, Latin words, digits, punctuation, astral plane, full width."""

from drafting.search.tokenizer import (
    QueryToken,
    encode,
    fold,
    index_tokens,
    pieces,
    query_phrases,
    scope_tokens,
)


def z(chars: str) -> str:
    return encode(chars)


def test_cjk_run_becomes_overlapping_pairs_and_its_last_character():
    assert index_tokens("淫秽物品") == [z("淫秽"), z("秽物"), z("物品"), z("品")]


def test_single_cjk_character_is_a_token():
    assert index_tokens("罪") == [z("罪")]


def test_latin_words_are_lowercased_and_digits_kept():
    assert index_tokens("Article 9 of the CRC, para. 2(a)") == [
        "article", "9", "of", "the", "crc", "para", "2", "a"
    ]  # fmt: skip


def test_mixed_chinese_latin_and_digits_split_at_script_boundaries():
    assert index_tokens("第364条ISP责任") == [z("第"), "364", z("条"), "isp", z("责任"), z("任")]


def test_punctuation_ends_a_run():
    assert index_tokens("淫秽，物品。") == [z("淫秽"), z("秽"), z("物品"), z("品")]


def test_full_width_forms_are_folded():
    assert fold("ＣＲＣ　１２３") == "crc 123"
    assert index_tokens("ＣＲＣ第１２３条") == ["crc", z("第"), "123", z("条")]


def test_astral_plane_characters_are_cjk():
    assert index_tokens("𠀀𠀁字") == [z("𠀀𠀁"), z("𠀁字"), z("字")]
    assert z("𠀀") == "z20000"


def test_tokens_are_plain_ascii_words():
    for token in index_tokens("中华人民共和国刑法 𠀀 Café naïve ＡＢＣ"):
        assert token.isascii() and token.isalnum(), token


def test_non_ascii_latin_words_are_encoded_not_dropped():
    assert index_tokens("café") == [encode("café")]


def test_query_of_two_characters_is_one_pair():
    assert query_phrases("淫秽", exact=False) == [[QueryToken(z("淫秽"))]]


def test_query_of_one_character_is_a_prefix():
    assert query_phrases("淫", exact=False) == [[QueryToken(z("淫"), prefix=True)]]


def test_query_of_a_long_term_is_a_phrase_of_pairs():
    assert query_phrases("淫秽物品", exact=False) == [
        [QueryToken(z("淫秽")), QueryToken(z("秽物")), QueryToken(z("物品"))]
    ]


def test_query_words_each_become_a_phrase_unless_exact():
    assert len(query_phrases("儿童 色情", exact=False)) == 2
    assert query_phrases("child pornography", exact=True) == [
        [QueryToken("child"), QueryToken("pornography")]
    ]


def test_inner_run_of_a_mixed_term_keeps_its_singleton():
    assert query_phrases("物品abc", exact=False) == [
        [QueryToken(z("物品")), QueryToken(z("品")), QueryToken("abc")]
    ]


def test_punctuation_only_query_has_no_phrase():
    assert query_phrases("，。！ ...", exact=False) == []


def test_pieces_keep_scripts_apart():
    assert [(p.text, p.cjk) for p in pieces("淫秽child色情")] == [
        ("淫秽", True),
        ("child", False),
        ("色情", True),
    ]


def test_words_of_text_never_look_like_scope_tokens():
    # The engine filters kind and bill by tokens starting "qq"; text cannot forge them.
    assert index_tokens("qqbref qqk1 QQb7") == [z("qqbref"), z("qqk1"), z("qqb7")]
    assert query_phrases("qqbref", exact=False) == [[QueryToken(z("qqbref"))]]


def test_scope_tokens_name_the_kind_and_the_bill():
    assert scope_tokens("comment", 12) == "qqkcomment qqb12"
    assert scope_tokens("article", None) == "qqkarticle qqbref"
