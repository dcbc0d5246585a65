"""The invented legal prose of the synthetic seeder: fragments of articles, obligations and comments.

Invented wording only, in the Criminal Law's manner; no statute or treaty text is quoted.
"""

import random
from dataclasses import dataclass

SUBJECTS = [
    ("网络服务提供者", "a network service provider"),
    (
        "对未成年人负有监护、教育、看护职责的人员",
        "a person with duties of guardianship, education or care towards minors",
    ),
    ("网络直播平台的经营者", "an operator of a live-streaming platform"),
    ("个人信息处理者", "a personal information handler"),
    ("任何单位或者个人", "any entity or individual"),
    ("学校、幼儿园的工作人员", "a member of staff of a school or kindergarten"),
]
CONDUCTS = [
    (
        "违反国家规定，向他人出售或者提供未成年人个人信息",
        "sells or provides the personal information of minors to others in violation of State provisions",
    ),
    (
        "不履行法律、行政法规规定的未成年人网络保护义务，经监管部门责令改正而拒不改正",
        "fails to perform the duties of protecting minors online prescribed by laws and administrative regulations and refuses to make corrections after being ordered to do so",
    ),
    (
        "明知他人利用信息网络实施侵害未成年人的犯罪，仍为其提供技术支持或者帮助",
        "knowingly provides technical support or assistance to another who uses an information network to commit a crime against minors",
    ),
    (
        "以牟利为目的，利用信息网络传播涉及未成年人的淫秽电子信息",
        "for the purpose of profit, uses an information network to disseminate obscene electronic information involving minors",
    ),
    (
        "通过信息网络诱骗、胁迫未成年人提供其私密信息",
        "entices or coerces a minor through an information network into providing private information",
    ),
    (
        "发现未成年人遭受或者疑似遭受侵害而不依法报告",
        "discovers that a minor has suffered or is suspected of having suffered harm and fails to report it as required by law",
    ),
]
CIRCUMSTANCES = [
    ("情节严重", "and the circumstances are serious"),
    ("致使违法信息大量传播", "thereby causing the wide dissemination of unlawful information"),
    ("造成严重后果", "thereby causing serious consequences"),
    ("违法所得数额较大", "and the illegal gains are relatively large"),
]
PENALTIES = [
    (
        "处三年以下有期徒刑、拘役或者管制，并处或者单处罚金",
        "fixed-term imprisonment of not more than three years, criminal detention or public surveillance, and shall also, or shall only, be fined",
    ),
    (
        "处五年以下有期徒刑或者拘役，并处罚金",
        "fixed-term imprisonment of not more than five years or criminal detention, and shall also be fined",
    ),
    (
        "处三年以上七年以下有期徒刑，并处罚金",
        "fixed-term imprisonment of not less than three years but not more than seven years, and shall also be fined",
    ),
]
AGGRAVATIONS = [
    ("情节特别严重", "where the circumstances are especially serious"),
    ("被害人为不满十四周岁的未成年人", "where the victim is a minor under the age of fourteen"),
    (
        "造成被害人自杀、精神失常等严重后果",
        "where this causes serious consequences such as the victim's suicide or mental disorder",
    ),
]
HEAVY_PENALTIES = [
    (
        "处七年以上有期徒刑，并处罚金或者没收财产",
        "fixed-term imprisonment of not less than seven years, and shall also be fined or have property confiscated",
    ),
    (
        "处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产",
        "fixed-term imprisonment of not less than ten years or life imprisonment, and shall also be fined or have property confiscated",
    ),
]
CODA = [
    (
        "单位犯前款罪的，对单位判处罚金，并对其直接负责的主管人员和其他直接责任人员，依照前款的规定处罚。",
        "Where an entity commits the crime in the preceding paragraph, it shall be fined, and the persons directly in charge and other directly responsible persons shall be punished under the preceding paragraph.",
    ),
    (
        "有前款行为，同时构成其他犯罪的，依照处罚较重的规定定罪处罚。",
        "Whoever commits the conduct in the preceding paragraph which also constitutes another crime shall be convicted and punished under the provision prescribing the heavier punishment.",
    ),
    (
        "本条所称未成年人，是指不满十八周岁的自然人。",
        "For the purposes of this Article, a minor means a natural person under the age of eighteen.",
    ),
    (
        "对未成年人负有特殊职责的人员犯前款罪的，从重处罚。",
        "A person with special duties towards minors who commits the crime in the preceding paragraph shall be given a heavier punishment.",
    ),
]
OBLIGATION_VERBS = [
    ("将下列行为规定为犯罪", "establish as criminal offences"),
    ("确保法人对下列行为承担责任", "ensure that legal persons can be held liable for"),
    ("采取必要措施，预防", "take the necessary measures to prevent"),
    ("就下列行为确立管辖权", "establish jurisdiction over"),
    ("在调查和起诉中相互合作，打击", "cooperate in the investigation and prosecution of"),
]
OBLIGATION_OBJECTS = [
    (
        "通过信息网络获取涉及儿童的淫秽材料",
        "knowingly obtaining access to child sexual abuse material through information and communication technologies",
    ),
    ("为性目的在线诱骗儿童", "the online solicitation of children for sexual purposes"),
    ("非法处理儿童个人数据", "the unlawful processing of children's personal data"),
    ("为上述犯罪提供网络服务", "the provision of online services for the offences above"),
]
COMMENT_BODIES = [
    "建议明确“{exact}”的认定标准，并与司法解释衔接。",
    "“{exact}”的表述与条约用语不完全一致，请核对。",
    "Is “{exact}” consistent with the wording of the Optional Protocol?",
    "The threshold in “{exact}” may be too narrow; consider the treaty's definition.",
    "请说明“{exact}”与现行刑法第三百六十三条的关系。",
]
RATIONALES = [
    "The provision criminalizes the conduct the obligation describes.",
    "Covers the conduct, but the threshold leaves some cases outside.",
    "Extends liability to entities, as the obligation requires.",
]


@dataclass
class Draft:
    """A synthetic article text as indices into the fragment lists, so revisions can vary it."""

    subject: int
    conduct: int
    circumstance: int
    penalty: int
    aggravation: int
    heavy: int
    coda: list[int]

    def fragments(self) -> list[tuple[str, str]]:
        return [
            SUBJECTS[self.subject],
            CONDUCTS[self.conduct],
            CIRCUMSTANCES[self.circumstance],
            PENALTIES[self.penalty],
            AGGRAVATIONS[self.aggravation],
            HEAVY_PENALTIES[self.heavy],
            *(CODA[i] for i in self.coda),
        ]

    def text_zh(self) -> str:
        first = (
            f"{SUBJECTS[self.subject][0]}{CONDUCTS[self.conduct][0]}，"
            f"{CIRCUMSTANCES[self.circumstance][0]}的，{PENALTIES[self.penalty][0]}；"
            f"{AGGRAVATIONS[self.aggravation][0]}的，{HEAVY_PENALTIES[self.heavy][0]}。"
        )
        return "\n".join([first, *(CODA[i][0] for i in self.coda)])

    def text_en(self) -> str:
        first = (
            f"Where {SUBJECTS[self.subject][1]} {CONDUCTS[self.conduct][1]}, "
            f"{CIRCUMSTANCES[self.circumstance][1]}, the offender shall be sentenced to "
            f"{PENALTIES[self.penalty][1]}; {AGGRAVATIONS[self.aggravation][1]}, the offender "
            f"shall be sentenced to {HEAVY_PENALTIES[self.heavy][1]}."
        )
        return "\n".join([first, *(CODA[i][1] for i in self.coda)])


def random_draft(rng: random.Random) -> Draft:
    """A fresh sentence with up to two closing paragraphs."""
    return Draft(
        subject=rng.randrange(len(SUBJECTS)),
        conduct=rng.randrange(len(CONDUCTS)),
        circumstance=rng.randrange(len(CIRCUMSTANCES)),
        penalty=rng.randrange(len(PENALTIES)),
        aggravation=rng.randrange(len(AGGRAVATIONS)),
        heavy=rng.randrange(len(HEAVY_PENALTIES)),
        coda=sorted(rng.sample(range(len(CODA)), rng.randint(0, 2))),
    )


def revised(draft: Draft, rng: random.Random) -> Draft:
    """The next revision: one element changed, as a drafter tightening the text would."""
    sizes = {"circumstance": CIRCUMSTANCES, "penalty": PENALTIES, "heavy": HEAVY_PENALTIES}
    slot = rng.choice([*sizes, "coda"])
    if slot == "coda":
        coda = sorted(set(draft.coda) ^ {rng.randrange(len(CODA))})
        return Draft(**{**draft.__dict__, "coda": coda})
    current = getattr(draft, slot)
    other = (current + rng.randrange(1, len(sizes[slot]))) % len(sizes[slot])
    return Draft(**{**draft.__dict__, slot: other})
