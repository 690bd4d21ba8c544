"""Twenty-two organisations for the site-wide pages: the six bundled ones copied under the ids, names and regions of
the organisations the site is growing to (their rotations and terms are the bundled ones', which is all a page's
layout needs)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from timeline.core.names import Names
from timeline.core.organisation import Region
from timeline.core.query import Timeline
from timeline.load import load_many

ORGANISATIONS = (
    # id, region, short, name, Russian short, Russian name, the bundled organisation it copies
    ("unsc", "global", "UNSC", "United Nations Security Council", "СБ ООН", "Совет Безопасности ООН", "unsc"),
    ("g20", "global", "G20", "Group of Twenty", "G20", "Группа двадцати", "eu-council"),
    ("g7", "global", "G7", "Group of Seven", "G7", "Группа семи", "cis"),
    ("brics", "global", "BRICS", "BRICS", "БРИКС", "БРИКС", "csto"),
    ("au", "africa", "AU", "African Union", "АС", "Африканский союз", "eaeu"),
    ("sadc", "africa", "SADC", "Southern African Development Community", "САДК",
     "Сообщество развития Юга Африки", "asean"),
    ("mercosur", "americas", "Mercosur", "Southern Common Market", "МЕРКОСУР", "Общий рынок Южной Америки",
     "eu-council"),
    ("caricom", "americas", "CARICOM", "Caribbean Community", "КАРИКОМ", "Карибское сообщество", "asean"),
    ("asean", "asia-pacific", "ASEAN", "Association of Southeast Asian Nations", "АСЕАН",
     "Ассоциация государств Юго-Восточной Азии", "asean"),
    ("apec", "asia-pacific", "APEC", "Asia-Pacific Economic Cooperation", "АТЭС",
     "Азиатско-Тихоокеанское экономическое сотрудничество", "cis"),
    ("cis", "eurasia", "CIS", "Commonwealth of Independent States", "СНГ", "Содружество Независимых Государств", "cis"),
    ("csto", "eurasia", "CSTO", "Collective Security Treaty Organization", "ОДКБ",
     "Организация Договора о коллективной безопасности", "csto"),
    ("eaeu", "eurasia", "EAEU", "Eurasian Economic Union", "ЕАЭС", "Евразийский экономический союз", "eaeu"),
    ("sco", "eurasia", "SCO", "Shanghai Cooperation Organisation", "ШОС", "Шанхайская организация сотрудничества",
     "csto"),
    ("eu-council", "europe", "Council of the EU", "Council of the European Union", "Совет ЕС",
     "Совет Европейского союза", "eu-council"),
    ("osce", "europe", "OSCE", "Organization for Security and Co-operation in Europe", "ОБСЕ",
     "Организация по безопасности и сотрудничеству в Европе", "eaeu"),
    ("coe", "europe", "CoE", "Council of Europe", "СЕ", "Совет Европы", "eu-council"),
    ("nordic", "europe", "NCM", "Nordic Council of Ministers", "СМСС", "Совет министров северных стран", "cis"),
    ("v4", "europe", "V4", "Visegrad Group", "V4", "Вишеградская группа", "csto"),
    ("cbss", "europe", "CBSS", "Council of the Baltic Sea States", "СГБМ", "Совет государств Балтийского моря", "eaeu"),
    ("arctic", "europe", "Arctic Council", "Arctic Council", "Арктический совет", "Арктический совет", "asean"),
    ("gcc", "middle-east", "GCC", "Gulf Cooperation Council", "ССАГПЗ",
     "Совет сотрудничества арабских государств Персидского залива", "eaeu"),
)  # fmt: skip


def many_timelines() -> list[Timeline]:
    """The 22 organisations, in the order of ORGANISATIONS (not grouped: the pages group them)."""
    bundled = {tl.org.id: tl.org for tl in load_many(None, sorted({row[-1] for row in ORGANISATIONS}))}
    found = []
    for ident, region, short, name, short_ru, name_ru, source in ORGANISATIONS:
        org = replace(bundled[source], id=ident, region=Region(region), short=short, name=name,
                      shorts=Names(ru=short_ru), names=Names(ru=name_ru))  # fmt: skip
        found.append(Timeline(org))
    return found


def many_feeds(timelines: list[Timeline]) -> dict[str, list[SimpleNamespace]]:
    """Each organisation's feeds as the landing page lists them: its chair's and everything."""
    feeds = {}
    for tl in timelines:
        ident, short = tl.org.id, tl.org.short
        feeds[ident] = [
            SimpleNamespace(name=f"{ident}-chairmanship.ics", title=f"{short} — Chair", description="C.", events=20),
            SimpleNamespace(name=f"{ident}-all.ics", title=f"{short} — Everything", description="All.", events=60),
        ]
    return feeds
