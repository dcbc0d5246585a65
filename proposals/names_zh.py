"""Chinese names of the bodies that adopted the instruments, so Chinese pages carry no English."""

import re

BODIES_ZH = {
    "National People's Congress": "全国人民代表大会",
    "NPC Standing Committee": "全国人民代表大会常务委员会",
    "Supreme People's Court and Supreme People's Procuratorate": "最高人民法院、最高人民检察院",
    "SPC, SPP, Ministry of Public Security, Ministry of Justice": "最高人民法院、最高人民检察院、公安部、司法部",
    "Supreme People's Procuratorate and eight other agencies": "最高人民检察院等九部门",
    "State Council (Decree No. 292)": "国务院（国务院令第292号）",
    "State Council (Decree No. 766)": "国务院（国务院令第766号）",
    "Committee on the Rights of the Child": "儿童权利委员会",
    "Committee on the Rights of the Child (81st session)": "儿童权利委员会（第八十一届会议）",
    "Council of Europe (Committee of Ministers)": "欧洲委员会（部长委员会）",
    "Council of the European Union": "欧盟理事会",
    "European Parliament and Council of the European Union": "欧洲议会和欧盟理事会",
    "International Labour Conference (87th session)": "国际劳工大会（第八十七届会议）",
    "National Diet of Japan": "日本国会",
    "Parliament of Australia": "澳大利亚议会",
    "Parliament of Canada": "加拿大议会",
    "Parliament of the United Kingdom": "英国议会",
    "United States Congress": "美国国会",
}
UNGA_RE = re.compile(r"^UN General Assembly \(res\. (.+)\)$")


def body_zh(body: str) -> str:
    """The Chinese name of an adopting body; the English one where none is recorded."""
    if body in BODIES_ZH:
        return BODIES_ZH[body]
    match = UNGA_RE.match(body)
    if match:
        return f"联合国大会（第{match.group(1)}号决议）"
    return body
