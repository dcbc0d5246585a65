"""The reference and demo data files say what the domain brief says, and the loader keeps them so."""

import re
from pathlib import Path

import pytest
import yaml

from drafting.management.commands.load_demo import BILL_FILE
from proposals.loading import DATA_DIR
from proposals.models import Article, Assessment, Instrument, Jurisdiction, Obligation, Proposal
from proposals.numerals import article_label_zh, parse_article_label

CRIMINAL_LAW = (
    Path(__file__).resolve().parents[2].parent / "shared/reference/statutes/criminal-law.md"
)

# Domain brief table (i): code -> binding on China.
TABLE_I = {
    "CRC-1": True,
    "CRC-19-1": True,
    # Table (i) says "Yes" for the treaty; art. 19(2) itself is hortatory ("should, as appropriate"),
    # so the obligation is a recommendation in a binding treaty (issue 11 item 10).
    "CRC-19-2": False,
    "CRC-34-c": True,
    "CRC-35/36": True,
    "CRC-39": True,
    "OPSC-1": True,
    "OPSC-2-c": True,
    "OPSC-3-1-c": True,
    "OPSC-3-2": True,
    "OPSC-3-3": True,
    "OPSC-3-4": True,
    "OPSC-4": True,
    "OPSC-5": True,
    "OPSC-6": True,
    "OPSC-7": True,
    "OPSC-8-1": True,
    "OPSC-8-1-g": True,
    "OPSC-8-2": True,
    "OPSC-9-1-2": True,
    "OPSC-9-3-4": True,
    "OPSC-9-5": True,
    "OPSC-10": True,
    "CRC156-DEF": False,
    "GC25": False,
    "ILO182-2": True,
    "ILO182-3-b": True,
    "ILO182-7": True,
    "BUD-9-1": False,
    "BUD-9-1-e": False,
    "BUD-9-2-3": False,
    "BUD-12": False,
    "LAN-20-1": False,
    "LAN-20-1-f": False,
    "LAN-26": False,
    "LAN-30-3": False,
    "LAN-9-12-13": False,
    "EU-2-c": False,
    "EU-5": False,
    "EU-12-13": False,
    "EU-25": False,
    "UNCC-14-1": False,
    "UNCC-14-2": False,
    "UNCC-18": False,
}
ICMEC = {f"ICMEC-{n}": False for n in range(1, 6)}


def read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def parse_criminal_law(path: Path) -> dict[tuple[int, int], list[str]]:
    """Article (number, sub) -> paragraphs; items （一）… stay in their paragraph, one per line."""
    articles: dict[tuple[int, int], list[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            current = None
            continue
        key = parse_article_label(line)
        label = article_label_zh(*key) if key else ""
        if key and line.startswith(label + " "):
            current = articles[key] = [line[len(label) + 1 :]]
        elif current is not None and line.startswith("（"):
            current[-1] += "\n" + line
        elif current is not None:
            current.append(line)
    return articles


@pytest.fixture
def criminal_law():
    if not CRIMINAL_LAW.exists():
        pytest.skip("the official Criminal Law text is not available")
    return parse_criminal_law(CRIMINAL_LAW)


def test_obligation_codes_are_table_i_plus_the_icmec_criteria():
    codes = [row["code"] for row in read(DATA_DIR / "obligations.yaml")]

    assert len(codes) == len(set(codes)) == 49
    assert set(codes) == set(TABLE_I) | set(ICMEC)


def test_binding_flags_are_exactly_those_of_table_i(reference):
    flags = dict(Obligation.objects.values_list("code", "binding_on_china"))

    assert flags == {**TABLE_I, **ICMEC}


def test_only_crc_opsc_and_ilo182_bind_china(reference):
    binding = {o.instrument.code for o in Obligation.objects.binding().select_related("instrument")}

    assert binding == {"CRC", "OPSC", "ILO182"}
    assert Instrument.objects.get(code="UNCC").china_status == "signatory"


def test_opsc_does_not_apply_to_hong_kong_but_ilo182_does(reference):
    opsc = Instrument.objects.get(code="OPSC")

    assert opsc.hong_kong == Instrument.HongKong.DOES_NOT_APPLY
    assert "Hong Kong" in opsc.declarations and "Macao" in opsc.declarations
    assert Instrument.objects.get(code="ILO182").hong_kong == Instrument.HongKong.APPLIES


def test_required_instruments_are_present_with_their_jurisdictions(reference):
    required = {
        "CRC": None, "OPSC": None, "ILO182": None, "BUDAPEST": None, "LANZAROTE": None,
        "EU-2011-93": None, "EU-FD-2004-68": None, "UNCC": None, "ICMEC": None,
        "CRC-C-156": None, "GC25": None, "PRC-CL": "CN", "PRC-INTERP-2004": "CN",
        "PRC-INTERP-2010": "CN", "PRC-INTERP-2019": "CN", "PRC-INTERP-2023": "CN",
        "PRC-MPL": "CN", "PRC-MINORS-ONLINE": "CN", "PRC-CSL": "CN", "PRC-PSAPL": "CN",
        "PRC-CPL": "CN", "US-18-USC-2251-2260": "US", "US-2258A": "US", "US-CIPA": "US",
        "US-COPA": "US", "UK-PCA-1978": "GB", "UK-CJA-1988-160": "GB", "UK-OSA-2023": "GB",
        "AU-CRIM-CODE": "AU", "AU-OSA-2021": "AU", "CA-CC-163-1": "CA", "CA-SC-2011-C4": "CA",
        "JP-ACT-52-1999": "JP",
    }  # fmt: skip
    found = dict(Instrument.objects.values_list("code", "jurisdiction__code"))

    assert {code: found.get(code, "missing") for code in required} == required
    assert Instrument.objects.get(code="ICMEC").kind == "model_law"
    assert "Not a CSAM criminal statute" in Instrument.objects.get(code="US-CIPA").summary_en
    assert "Not a CSAM criminal statute" in Instrument.objects.get(code="US-COPA").summary_en


def test_criminal_law_articles_carry_the_official_text(reference, criminal_law):
    articles = Article.objects.filter(instrument__code="PRC-CL").prefetch_related("paragraphs")
    required = {(7, 0), (9, 0), (64, 0), (237, 0), (286, 1), (287, 1), (287, 2)}
    required |= {(n, 0) for n in range(363, 368)}

    assert required <= {(a.number, a.sub) for a in articles}
    for article in articles:
        stored = [p.text_zh for p in article.paragraphs.all()]
        assert stored == criminal_law[(article.number, article.sub)], article.citation
        assert all(p.text_en for p in article.paragraphs.all()), article.citation
        assert article.heading_zh.startswith("第")


def test_section_nine_articles_sit_under_their_division(reference):
    article = Article.objects.get(instrument__code="PRC-CL", number=363, sub=0)

    assert article.heading_zh == (
        "第二编 分则 / 第六章 妨害社会管理秩序罪 / 第九节 制作、贩卖、传播淫秽物品罪"
    )


def test_china_is_assessed_against_every_obligation(reference):
    china = Jurisdiction.objects.get(code="CN")
    assessed = set(china.assessments.values_list("obligation__code", flat=True))

    assert assessed == set(Obligation.objects.values_list("code", flat=True))


def test_china_baseline_follows_the_brief(reference):
    rows = {
        a.obligation.code: a
        for a in Assessment.objects.filter(jurisdiction__code="CN").select_related("obligation")
    }

    assert rows["ICMEC-1"].level in {"none", "partial"}
    assert rows["ICMEC-2"].level == "none"
    assert rows["ICMEC-3"].level == "full"
    assert rows["ICMEC-4"].level == "none"
    assert rows["ICMEC-5"].level in {"partial", "full"}
    assert {rows[f"ICMEC-{n}"].confidence for n in range(1, 6)} == {"L"}
    assert rows["OPSC-2-c"].level == "none"
    assert list(rows["OPSC-2-c"].relies_on.values_list("number", flat=True)) == [367]


def test_comparative_jurisdictions_are_assessed_on_the_key_obligations(reference):
    key = {f"ICMEC-{n}" for n in range(1, 6)} | {
        "CRC-1", "OPSC-2-c", "OPSC-3-1-c", "OPSC-3-4", "ILO182-2", "BUD-9-1-e", "LAN-20-1",
    }  # fmt: skip
    for code in ("US", "GB", "AU", "CA", "JP"):
        assessed = set(
            Assessment.objects.filter(jurisdiction__code=code).values_list(
                "obligation__code", flat=True
            )
        )
        assert key <= assessed, code


def test_proposals_aim_primarily_at_binding_obligations_only(reference):
    proposals = Proposal.objects.with_obligations()

    assert [p.code for p in proposals] == list("abcdef")
    for proposal in proposals:
        targets = list(proposal.targets.all())
        assert any(t.primary for t in targets), proposal.code
        for target in targets:
            assert target.primary == target.obligation.binding_on_china, target


# --- the demo bill file -----------------------------------------------------------------------


def bill_texts(bill: dict) -> list[str]:
    return [r["text_zh"] for p in bill["provisions"] for r in p["revisions"]]


def test_demo_bill_covers_proposals_a_to_e_with_two_revisions_each():
    bill = read(BILL_FILE)
    provisions = bill["provisions"]

    assert len(provisions) >= 5
    assert set("abcde") <= {code for p in provisions for code in p["proposals"]}
    for provision in provisions:
        first, second, *_ = provision["revisions"]
        assert first["text_zh"] != second["text_zh"]
        assert all(r["note"] and r["text_en"] for r in provision["revisions"])


def test_demo_bill_inserts_only_articles_that_do_not_exist(criminal_law):
    bill = read(BILL_FILE)
    inserts = [p for p in bill["provisions"] if p["operation"] == "insert_articles"]
    after = [str(p["target_article"]) for p in inserts]

    assert len(after) == len(set(after))
    for ref in after:
        number, _, sub = ref.partition("-")
        base = (int(number), int(sub or 0))
        assert base in criminal_law, ref
        assert (base[0], base[1] + 1) not in criminal_law, ref


def test_demo_bill_keeps_the_drafting_cautions():
    bill = read(BILL_FILE)
    texts = bill_texts(bill)

    # One CSAM-specific term for the protected person; art. 237's 儿童 left alone.
    assert all("儿童" not in text for text in texts)
    assert all(str(p["target_article"]) != "237" for p in bill["provisions"])
    # Art. 364(4) is about recipients: never amended or relied on as a depiction provision.
    assert all("第三百六十四条第四款" not in text for text in texts)
    assert not any(
        str(p["target_article"]) == "364" and p["operation"] != "insert_articles"
        for p in bill["provisions"]
    )
    # The artistic-value exception of art. 367(3) does not shield child material.
    definition = next(p for p in bill["provisions"] if p["operation"] == "insert_paragraph")
    # The Code cites its own paragraphs as 第三款, never 本条第三款 (issue 11 item 26).
    assert "。第三款的规定不适用于未成年人性剥削物品" in definition["revisions"][-1]["text_zh"]
    assert re.search(r"不满十八周岁的人", definition["revisions"][-1]["text_zh"])


def test_possession_provision_links_the_possession_obligations():
    bill = read(BILL_FILE)
    possession = next(p for p in bill["provisions"] if "d" in p["proposals"])
    links = {link["obligation"]: link["extent"] for link in possession["links"]}

    assert links["ICMEC-4"] == "full"
    assert {"OPSC-3-1-c", "BUD-9-1-e", "LAN-20-1"} <= set(links)
