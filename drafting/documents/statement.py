"""草案说明: the five parts Legislation Law 2023 art. 58 asks for, generated from the bill.

Pure builders over plain data (the bill's items, their proposals and obligations, the coverage
summary, the threads marked 重大分歧). Each section exists in Chinese and in an English working
version; a drafter's edit replaces a section (see drafting.documents.statement_load).
"""

import hashlib
from dataclasses import dataclass, field

from drafting.documents.loading import BillData, ProvisionData

SECTIONS = ("necessity", "feasibility", "content", "constitutionality", "disagreements")
HEADINGS_ZH = {
    "necessity": "一、制定修正案的必要性",
    "feasibility": "二、修正案的可行性",
    "content": "三、修正案草案的主要内容",
    "constitutionality": "四、涉及合宪性问题的相关意见",
    "disagreements": "五、起草过程中对重大分歧意见的协调处理情况",
}
HEADINGS_EN = {
    "necessity": "1. Why the amendment is needed",
    "feasibility": "2. Feasibility",
    "content": "3. Main content of the draft",
    "constitutionality": "4. Questions of constitutionality",
    "disagreements": "5. Major disagreements during drafting and how they were handled",
}
NUMBERS_ZH = "一二三四五六七八九十"


@dataclass(frozen=True)
class Coverage:
    """The figures of the coverage analysis the 必要性 section cites."""

    binding_total: int
    gaps_before: int
    gaps_after: int
    closed: tuple[str, ...] = ()
    still_open: tuple[str, ...] = ()
    icmec_before: int = 0
    icmec_after: int = 0
    icmec_total: int = 0


@dataclass(frozen=True)
class Disagreement:
    """A thread marked 重大分歧, with what was decided."""

    item: int
    scope: str
    author: str
    quote: str
    body: str
    kind_zh: str
    kind_en: str
    reason: str


@dataclass
class StatementSource:
    data: BillData
    proposals: dict[int, list[tuple[str, str, str]]]  # provision id -> (code, title zh, title en)
    coverage: Coverage | None
    disagreements: list[Disagreement] = field(default_factory=list)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _ordinal_zh(n: int) -> str:
    if n <= 10:
        return NUMBERS_ZH[n - 1]
    tens, ones = divmod(n, 10)
    return (
        (NUMBERS_ZH[tens - 1] if tens > 1 else "") + "十" + (NUMBERS_ZH[ones - 1] if ones else "")
    )


def necessity(source: StatementSource) -> tuple[str, str]:
    cov = source.coverage
    if cov is None:
        return (
            "尚未进行国际义务覆盖分析。",
            "No analysis of treaty obligations has been made yet.",
        )
    zh = (
        "儿童是国家和社会特别保护的对象。我国已批准《儿童权利公约》及其关于买卖儿童、儿童卖淫和儿童色情制品问题的"
        "任择议定书等国际文书，负有在刑法中规定相应犯罪并予以有效惩治的义务。经对现行刑法逐项比对，"
        f"在对我国有约束力的{cov.binding_total}项义务中，现行法尚未完全满足的有{cov.gaps_before}项；"
        f"本草案通过后，尚未完全满足的减少为{cov.gaps_after}项。"
    )
    en = (
        "Children are owed special protection by the State and society. China has ratified the "
        "Convention on the Rights of the Child and its Optional Protocol on the sale of children, "
        "child prostitution and child pornography, and must make the conduct they describe "
        "criminal and punish it effectively. Measured obligation by obligation, current law does "
        f"not fully meet {cov.gaps_before} of the {cov.binding_total} obligations binding on "
        f"China; with this draft, {cov.gaps_after} would remain not fully met."
    )
    if cov.closed:
        zh += f"草案弥补的差距包括：{'、'.join(cov.closed)}。"
        en += f" The draft closes: {', '.join(cov.closed)}."
    if cov.still_open:
        zh += f"仍待研究的差距：{'、'.join(cov.still_open)}。"
        en += f" Still open: {', '.join(cov.still_open)}."
    if cov.icmec_total:
        zh += (
            f"对照国际失踪与受剥削儿童中心（ICMEC）示范立法的{cov.icmec_total}项标准，现行法完全满足"
            f"{cov.icmec_before}项，草案通过后为{cov.icmec_after}项。"
        )
        en += (
            f" Against the {cov.icmec_total} criteria of the ICMEC model legislation, current law "
            f"fully meets {cov.icmec_before} and the law as amended would meet {cov.icmec_after}."
        )
    return zh, en


def feasibility(source: StatementSource) -> tuple[str, str]:
    rows = source.data.provisions
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.item.operation] = counts.get(row.item.operation, 0) + 1
    zh = (
        f"草案共{len(rows)}项，均在现行刑法的体系和罪名结构之内作出修改，沿用刑法分则已有的罪状表述和法定刑"
        "幅度，不另立单行刑法，便于司法机关适用，也便于与刑事诉讼法、未成年人保护法等法律相衔接。"
    )
    en = (
        f"The draft has {len(rows)} items. Each works within the existing structure and offences "
        "of the Criminal Law, in the wording and sentencing ranges its specific provisions already "
        "use, without a separate criminal statute, so that courts can apply it and it fits the "
        "Criminal Procedure Law and the Law on the Protection of Minors."
    )
    return zh, en


def what_it_does(provision) -> tuple[str, str]:
    """What an item does to the law, as a 说明 says it: 在第三百六十三条后增加一条，作为…."""
    citation = provision.target_article.citation
    scope = provision.scope_zh
    op = provision.operation
    if op == "insert_articles":
        labels = "、".join(provision.new_article_labels)
        count = len(provision.new_article_labels)
        zh = f"在{citation}后增加{'一' if count == 1 else count}条，作为{labels}"
        return zh, f"inserts {labels} after {citation}"
    if op == "insert_paragraph":
        return f"在{citation}中增加一款（{scope}）", f"adds a paragraph to {citation} ({scope})"
    if op in ("repeal_article", "repeal_paragraphs"):
        return f"删去{scope}", f"repeals {scope}"
    return f"修改{scope}", f"rewrites {scope}"


def _obligation_line(row: ProvisionData) -> tuple[str, str]:
    notes = sorted(row.obligations, key=lambda o: not o.binding)
    zh = "；".join(f"{o.code}{o.marker_zh}（{o.extent_zh}）" for o in notes)
    en = "; ".join(
        f"{o.code} ({'binding on China' if o.binding else 'comparative only'}, {o.extent_en})"
        for o in notes
    )
    return zh, en


def content(source: StatementSource) -> tuple[str, str]:
    zh_parts = [f"草案共{len(source.data.provisions)}项，按修正案的顺序，主要内容如下："]
    en_parts = [
        f"The draft has {len(source.data.provisions)} items, in the order of the amendment:"
    ]
    for n, row in enumerate(source.data.provisions, start=1):
        provision = row.provision
        title = provision.title_zh or provision.title_en
        does_zh, does_en = what_it_does(provision)
        zh = f"（{_ordinal_zh(n)}）{title}。第{n}项{does_zh}。"
        en = f"({n}) {provision.title_en}. Item {n} {does_en}."
        proposals = source.proposals.get(provision.pk, [])
        if proposals:
            zh += f"落实改革建议：{'；'.join(f'{c} {t}' for c, t, _ in proposals)}。"
            en += f" Carries out proposals: {'; '.join(f'{c} {t}' for c, _, t in proposals)}."
        if row.obligations:
            ob_zh, ob_en = _obligation_line(row)
            zh += f"履行的国际义务：{ob_zh}。"
            en += f" Obligations implemented: {ob_en}."
        zh_parts.append(zh)
        en_parts.append(en)
    return "\n".join(zh_parts), "\n".join(en_parts)


def constitutionality(source: StatementSource) -> tuple[str, str]:
    zh = (
        "宪法第四十九条规定，婚姻、家庭、母亲和儿童受国家的保护。草案加强对儿童免受性剥削的刑法保护，是落实这一"
        "宪法要求的具体措施。依照宪法第六十七条的规定，全国人民代表大会常务委员会在全国人民代表大会闭会期间，"
        "可以对全国人民代表大会制定的法律进行部分补充和修改，但不得同该法律的基本原则相抵触；草案坚持罪刑法定、"
        "罪责刑相适应原则，对新增犯罪的构成要件作了明确规定。起草中未发现与宪法相抵触的问题。"
    )
    en = (
        "Article 49 of the Constitution places marriage, the family, mothers and children under "
        "the protection of the State; the draft gives that protection effect in criminal law. "
        "Under Article 67, the NPC Standing Committee may partially supplement and amend laws "
        "enacted by the NPC when it is not in session, without contravening their basic "
        "principles; the draft keeps to legality and to proportionality of punishment and "
        "defines each new offence precisely. No conflict with the Constitution was found."
    )
    return zh, en


def disagreements(source: StatementSource) -> tuple[str, str]:
    if not source.disagreements:
        return "起草过程中未出现重大分歧意见。", "No major disagreement arose during drafting."
    zh_parts, en_parts = (
        ["起草过程中的重大分歧意见及其处理情况如下："],
        ["The major disagreements:"],
    )
    for d in source.disagreements:
        quote = f"关于“{d.quote}”，" if d.quote else ""
        body = d.body.strip()
        body_zh = body if body.endswith(("。", "！", "？", ".")) else body + "。"
        zh_parts.append(
            f"第{d.item}项（{d.scope}）：{quote}{d.author}提出：{body_zh}\n处理情况：{d.kind_zh}。{d.reason}"
        )
        en_parts.append(
            f"Item {d.item} ({d.scope}): {d.author} objected: {d.body}\nDisposition: {d.kind_en}. {d.reason}"
        )
    return "\n".join(zh_parts), "\n".join(en_parts)


GENERATORS = {
    "necessity": necessity,
    "feasibility": feasibility,
    "content": content,
    "constitutionality": constitutionality,
    "disagreements": disagreements,
}


def generate(source: StatementSource) -> dict[tuple[str, str], str]:
    """(section, language) -> generated text, for every section in both languages."""
    texts = {}
    for section, generator in GENERATORS.items():
        zh, en = generator(source)
        texts[(section, "zh")] = zh
        texts[(section, "en")] = en
    return texts
