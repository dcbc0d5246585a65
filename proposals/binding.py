"""One label per legal status of an obligation for China (domain brief section 14.1).

Only the CRC, the OPSC (mainland and Macao, not Hong Kong) and ILO C182 bind China; the UN Cybercrime
Convention is signed, not ratified (VCLT art. 18 applies); CRC Committee guidelines and general
comments interpret treaties that bind China without binding it themselves; Budapest, Lanzarote, EU
law and foreign laws are comparative; the ICMEC model law is a non-binding benchmark.
"""

from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class BindingStatus(models.TextChoices):
    BINDING = "binding", _("binding on China")
    BINDING_NOT_HK = "binding_not_hk", _("binding on China, not in the Hong Kong SAR")
    HORTATORY = "hortatory", _("in a treaty binding China; worded as a recommendation")
    SIGNED = "signed", _("signed by China, not ratified: not yet binding")
    INTERPRETIVE = "interpretive", _("interprets a treaty binding China; not binding itself")
    MODEL_LAW = "model_law", _("model law: not binding")
    COMPARATIVE = "comparative", _("comparative only: not binding on China")


# What the Chinese documents print beside an obligation code: one label per status.
MARKERS_ZH: dict[str, str] = {
    BindingStatus.BINDING: "【对中国有约束力】",
    BindingStatus.BINDING_NOT_HK: "【对中国有约束力，不适用于香港特别行政区】",
    BindingStatus.HORTATORY: "【对中国有约束力的条约中的建议性规定】",
    BindingStatus.SIGNED: "【中国已签署、尚未批准，尚无约束力】",
    BindingStatus.INTERPRETIVE: "【解释对中国有约束力的条约，本身无约束力】",
    BindingStatus.MODEL_LAW: "【示范立法，无约束力】",
    BindingStatus.COMPARATIVE: "【仅供比较】",
}

BINDING_STATUSES = frozenset({BindingStatus.BINDING, BindingStatus.BINDING_NOT_HK})


class _Instrument(Protocol):
    kind: str
    china_status: str
    hong_kong: str
    interprets_id: int | None
    binding_on_china: bool


def binding_status(instrument: _Instrument, strength: str, binding: bool) -> BindingStatus:
    """The status, for China, of an obligation of `strength` in `instrument` (`binding`: stored flag)."""
    if binding:
        if instrument.hong_kong == "does_not_apply":
            return BindingStatus.BINDING_NOT_HK
        return BindingStatus.BINDING
    if instrument.binding_on_china and strength == "recommended":
        return BindingStatus.HORTATORY
    if instrument.china_status == "signatory":
        return BindingStatus.SIGNED
    if instrument.interprets_id is not None:
        return BindingStatus.INTERPRETIVE
    if instrument.kind == "model_law":
        return BindingStatus.MODEL_LAW
    return BindingStatus.COMPARATIVE
