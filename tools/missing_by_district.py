#!/usr/bin/env python3
"""Write data/reference/missing_by_district.csv: every settlement of a district's official
or encyclopaedic list, and whether the place table has it (issue 13, "Complete").

What it reads:

- the district lists transcribed below (the ``DistrictList`` constants), each with the page it comes from
  (a page that names every settlement of one district in Azerbaijani); Jabrayil's list is
  the Azerbaijani side of ``tools/district_names.DISTRICT_LISTS`` (yknews.az);
- ``data/places.csv`` and ``data/variants.csv`` (the built table).

A listed name is *found (other spelling)* when ``SPELLINGS`` (checked by hand) names the
record it is; else it is *found* when a settlement (city, town, village) of the table has a name,
Azerbaijani name or variant that folds to it (Roman-numeral and ordinal prefixes
"I/II/III", "Birinci/İkinci/Üçüncü" are tried both ways) and that settlement's parent is the
district, or it lies within 10 km of a settlement whose parent is the district. Else it is
*missing*; a missing name that ``data/curated/missing_places.csv`` now holds is written as
*added* with that row's coordinate source. Nothing is guessed: the list is only compared.

Run:  python tools/missing_by_district.py [--check]   (--check: print the counts, write nothing)
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.geo import km  # noqa: E402
from gazetteer.text.folding import fold  # noqa: E402

OUT = ROOT / "data" / "reference" / "missing_by_district.csv"
ADDED = ROOT / "data" / "curated" / "missing_places.csv"
SETTLEMENT_KINDS = {"city", "town", "village"}
NEAR_KM = 10.0


class DistrictList(NamedTuple):
    """One page's list of all settlements of a district, in Azerbaijani."""

    district: str  # our id
    source: str
    names: tuple[str, ...]


FUZULI = DistrictList(
    "fuzuli_district",
    "preslib.az 'Füzuli rayonu' (Armenian vandalism: 'Rayona Füzuli şəhəri, Horadiz şəhəri, "
    "16 yeni salınmış qəsəbə ... və ... kəndləri daxildir'; the stored copy breaks off after "
    "Murtuzalılar), https://armenianvandalism.preslib.az/az_fizuli.html",
    (
        "Füzuli", "Horadiz",
        "Qayıdış-1", "Qayıdış-2", "Qayıdış-3", "Qayıdış-4", "Qayıdış-5", "Qayıdış-6",
        "Qayıdış-7", "Qayıdış-8", "Qayıdış-9", "Qayıdış-10", "Qayıdış-11",
        "Zobucuq-1", "Zobucuq-2", "Zobucuq-3", "Zobucuq-4", "Zobucuq-5",
        "Əhmədbəyli", "Bala Bəhmənli", "Araz-Zərgar", "Araz Dilağarda", "Birinci Mahmudlu",
        "İkinci Mahmudlu", "Əhmədalılar", "Qazaxlar", "Mirzənağılı", "Aşağı Kürdmahmudlu",
        "Yuxarı Kürdmahmudlu", "Alxanlı", "Böyük Bəhmənli", "Kərimbəyli", "Arayatılı", "Babı",
        "Mollaməhərrəmli", "Aşağı Seyidəhmədli", "Şükürbəyli", "Yuxarı Seyidəhmədli",
        "Qorqan", "Şəkərcik", "Şıxlı", "Gecəgözlü", "Üçüncü Mahmudlu", "Aşağı Veysəlli",
        "Yuxarı Veysəlli", "Saracıq", "Yuxarı Rəfədinli", "Gorazıllı", "Qaradağlı",
        "Yuxarı Güzlək", "Xatınbulaq", "Qacar", "Divanalılar", "Qaraxanbəyli", "Merdinli",
        "Qoçəhmədli", "Arış", "Mollavəli", "Dədəli", "İşıqlı", "Qarğabazar", "Yal Pirəhmədli",
        "Yuxarı Yağlıvənd", "Qaraməmmədli", "Dilağarda", "Qobu Dilağarda", "Qərvənd",
        "Yuxarı Əbdürrəhmanlı", "Kürdlər", "Aşağı Əbdürrəhmanlı", "Dördçinar", "Seyidmahmudlu",
        "Ələsgərli", "Hüseynbəyli", "Pirəhmədli", "Musabəyli", "Mandılı", "Aşağı Güzlək",
        "Aşağı Rəfədinli", "Üçbulaq", "Cuvarlı", "Xələfşə", "Çimən", "Yuxarı Aybasanlı",
        "Dövlətyarlı", "Aşağı Yağlıvənd", "Qarakollu", "Govşadlı", "Hacılı", "Mirzəcamallı",
        "Zərgar", "Qızılqışlaq", "Ağbaşlı", "Murtuzalılar",
    ),
)  # fmt: skip

ZANGILAN = DistrictList(
    "zangilan_district",
    "qocazade.4t.com 'Zengilan' (Qesebeler / Kendler: '1 şəhər tipli qəsəbəsi, 81 kəndi "
    "vardır'), http://qocazade.4t.com/about.html",
    (
        "Zəngilan", "Mincivan", "Akara", "Üzümçülər", "Malatkeşin", "Genlik", "Beşdəli",
        "Keçikli", "Bartaz", "Qarğulu", "Ördəkli", "Qaragöz", "Qaradərə", "Çöpədərə",
        "Baharlı", "Sobu", "Dəlləkli", "Rəzdərə", "Kollu-Qışlaq", "Şatarız", "Məşədi İsmayıllı",
        "İçəri Müşlan", "Məlikli", "Qıraq Müşlan", "Üdgün", "Yenikənd", "Rəbənd", "Alıbəyli",
        "Balabəyli", "Sarıl", "Xumarlı", "Hacallı", "Həkəri", "Şərifan", "Muğanlı", "Xurama",
        "I Ağalı", "II Ağalı", "III Ağalı", "Məmmədbəyli", "Babaylı", "Zərnəli", "Havalı",
        "Aşağı Yeməzli", "Orta Yeməzli", "Yuxarı Yeməzli", "Sarallı Xəştab", "Quyudərə Xəştab",
        "İsgəndərbəyli", "Ağbis", "Ağakişilər", "Vejnəli", "Vənətli", "Aladin", "Dərə Gilətağ",
        "Gilətağ", "Şamlı", "Mirzə Həsənli", "Şərikan", "Bürünlü", "Seyidlər", "Şayıflı",
        "Gəyəli", "Qaragöl", "Qaradağlı", "Şəfibəyli", "Pirveys", "Günqışlaq", "Nəcəflər",
        "Yusiflər", "Tağlı", "Cahangirbəyli", "Tatar", "Turabat", "Tiri", "Vəliqulubəyli",
        "Ağbənd", "Əmirxanlı", "Qazançı", "Canbar", "Dərəli", "Ağkənd",
    ),
)  # fmt: skip


AGHDAM = DistrictList(
    "aghdam_district",
    "preslib.az 'Ağdam rayonu' (Armenian vandalism: 'Rayona Ağdam şəhəri, Quzanlı qəsəbəsi, "
    "17 yeni salınmış qəsəbə (...) və ... kəndləri daxildir'; the 17 new settlements, named "
    "after villages, are not compared; names listed twice are taken once; the stored copy "
    "breaks off after Əlimədədli), https://armenianvandalism.preslib.az/az_aghdam.html",
    (
        "Ağdam", "Quzanlı", "Şotlanlı", "Şurabad", "Umudlu", "Qasımlı", "Qurdlar", "Şelli",
        "Poladlı", "Şıxbabalı", "Muğanlı", "Papravənd", "Qarapirimli", "Qullar", "Qaradağlı",
        "Gülablı", "Abdal", "Novruzlu", "Kəngərli", "Şirvanlı", "Qaraqaşlı", "Yusifcanlı",
        "Göytəpə", "Cəvahirli", "Kosalar", "Abdunlu", "Sırxəvənd", "Qaraşlar", "Bəşirlər",
        "Məlikli", "Baş Güneypəyə", "Yeni Qaralar", "Xatınbəyli", "Sarıcalı", "Dadaşlı",
        "Həsənxanlı", "Kökəltmə Birliyi", "Qazancı", "Açarlı", "Qarazeynallı",
        "Orta Güneypəyə", "Ballıqaya", "İmamqulubəyli", "Çullu", "Eyvazlı", "Üçoğlan",
        "Alıbəyli", "Kiçikli", "Ballar", "Baharlı", "Ortaqışlaq", "Böyükbəyli", "Rzalar",
        "Evoğlu", "Zəngişalı", "Mahrızlı", "Əfətli", "Hacıməmmədli", "İsalar", "Küdürlü",
        "Hacıturanlı", "Qəhrəmanbəyli", "Məmmədbağırlı", "Çəmənli", "Şükürağalı",
        "Xındırıstan", "Sarıçoban", "Paşabəyli", "Bəybabalar", "Baş Qərvənd", "Orta Qərvənd",
        "Ayaq Qərvənd", "Əhmədağalı", "Çıraqlı", "Mirəşəlli", "Kolqışlaq", "Yusifli",
        "Kəlbəhüseyinli", "Birinciyüzbaşılı", "İkinciyüzbaşılı", "Seyidli", "Sarıhacılı",
        "Bozpapaqlar", "Qiyaslı", "Keştazlı", "Ətyeməzli", "Əlimədədli",
    ),
)  # fmt: skip

AGHDAM_YKNEWS = DistrictList(
    "aghdam_district",
    "azerbaycanlilar.com 'Ağdam' ('Ağdam rayonunda 1 şəhər, 2 qəsəbə (Quzanlı, Açarlı) 123 kənd "
    "vardı. Kəndləri bunlardır ...'; the same text as yknews.az 'Ağdam', https://yknews.az/agdam/, "
    "whose stored copy breaks off earlier; names listed twice are taken once), "
    "https://www.azerbaycanlilar.com/a%C4%9Fdam",
    (
        "Ağdam", "Quzanlı", "Açarlı", "Eyvazlı", "Bağbanlar", "İsmayılbəyli", "Muğanlı",
        "Pirzadlı", "Saybalı", "Baş Güneypəyə", "Boyəhmədli", "Qızıl Kəngərli", "Mollalar",
        "Salahlı Kəngərli", "Sofulu", "Çəmənli", "Sarıcalı", "Şükürağalı", "Əfətli",
        "Hacıməmmədli", "Hacıturalı", "Həsənxanlı", "İsalar", "Küdürlü", "Qəhrəmanbəyli",
        "Məmmədbağırlı", "Əhmədağalı", "Çıraxlı", "Kolqışlaq", "Mirəşelli", "Əlimədətli",
        "Cinli", "Əliağalı", "Xaçındərbətli", "Kürdlər", "Qalayçılar", "Göytəpə", "Abdınlı",
        "Cavahirli", "Kosalar", "Gülablı", "Abdal", "Əhmədavar", "Xındırıstan", "Baharlı",
        "Bəybabalar", "Birinci Yüzbaşılı", "Dadaşlı", "İkinci Yüzbaşılı", "Kəlbəhüseynli",
        "Paşabəyli", "Sarıçoban", "İmamqulubəyli", "Çullu", "Kəngərli", "Qaraqaşlı",
        "Şirvanlı", "Qaradağlı", "Evoğlu", "Rzalar", "Qasımlı", "Qurdlar", "Poladlı", "Şelli",
        "Baş Qərvənd", "Ayaq Qərvənd", "Qazançı", "Şıxlar", "Qiyaslı", "Ətyeməzli", "Keştazlı",
        "Maqsudlu", "Eyvazxanbəyli", "Şahbulaq", "Salahsəmədlər", "Şişpapaqlar", "Talışlar",
        "Təpəməhlə", "Tərnöyüt", "Tükəzbanlı", "Məlikli", "Orta Qərvənd", "Güllücə",
        "İlxıçılar", "Suma", "Tağıbəyli", "Xatınbəyli", "Xıdırlı", "Çuxurməhlə", "Mərzili",
        "Nəmirli", "Şoltanlı", "Şuraabad", "Təzəkənd", "Umudlu", "Novruzlu", "Orta Güneypəyə",
        "Papravənd", "Ballar", "Qarazeynallı", "Qullar", "Seyidli", "Bozpapaqlar", "Sarıhacılı",
        "Sırxavənd", "Ballıqaya", "Bəşirlər", "Qaraşlar", "Şıxbabalı", "Üçoğlan", "Alıbəyli",
        "Qarapirimli", "Böyükbəyli", "Kiçikli", "Orta Qışlaq", "Yeni Qaralar", "Mahrızlı",
        "Yusifcanlı", "Zəngişalı", "Yusifli",
    ),
)  # fmt: skip

QUBADLI = DistrictList(
    "qubadli_district",
    "qubadli.sitecity.ru 'Qubadlı' ('Rayonda 1 şəhər (Qubadlı) 93 kənd vardı ... Kəndləri "
    "bunlardır'; 'Məlikəhmədli Qundanlı' and 'Davudlu Eyvazlı', printed without a comma, are "
    "taken as two names each; 'Diləli, Müskənli' and 'Teymur, Müskənli' are the single villages "
    "Diləli Müskənli and Teymur Müskənli of preslib.az 'Qubadlı rayonu', "
    "https://armenianvandalism.preslib.az/az_gubadly.html), "
    "http://qubadli.sitecity.ru/phtml_0309102032.phtml",
    (
        "Qubadlı", "Aşağı Cibikli", "Xallava", "Yuxarı Cibikli", "Balasoltanlı", "Qaramanlı",
        "Padar", "Başarat", "Armudlu", "Deşdahat", "Hat", "Milanlı", "Çardaqlı", "Əyin", "Xələc",
        "Tarovlu", "Çərəli", "Boyunəkər", "Saldaş", "Dəmirçilər", "Poladlı", "Dondarlı",
        "Diləli Müskənli", "Mirlər", "Göyərcik", "Əliquluuşağı", "Fərcan", "Göyyal", "Hərtiz", "Zor",
        "Bəxtiyarlı", "Saray", "Hal", "Ballıqaya", "Qəzyan", "Məmər", "Mollalı", "Həmzəli",
        "Çaytumas", "Əfəndilər", "Yusifbəyli", "Xanlıq", "Xocahan", "Qilican", "Tinli", "Xocik",
        "Mərdanlı", "Qaracallı", "Qarağac", "Qarakişilər", "Qaralar", "Hüseynuşağı", "Kavdadıq",
        "Qayalı", "Abdalanlı", "Ləpəxeyranlı", "Mahmudlu", "Mahruzlu", "Muradxanlı", "Muğanlı",
        "Məlikəhmədli", "Qundanlı", "Alaqurşaq", "Davudlu", "Eyvazlı", "Gürcülü", "Qədili",
        "Məzrə", "Sarıyataq", "Tatar", "Qaraqoyunlu", "Qiyaslı", "Teymur Müskənli", "Balahəsənli",
        "Xıdırlı", "Ulaşlı", "Altınca", "Əbilcə", "Yuxarı Xocamsaqlı", "Aşağı Xocamsaqlı",
        "Mehrili", "Yuxarı Mollu", "Aşağı Mollu", "Mollabürhan", "Zilanlı", "Kürd Mahruzlu",
        "Seləli", "Novlu", "İşıqlı", "Həkəri", "Cılfır", "Seytas", "Göyər Abbas", "Xəndək",
    ),
)  # fmt: skip

KHOJAVEND = DistrictList(
    "khojavend_district",
    "virtualkarabakh.az 'Xocavənd' ('1 şəhər (Xocavənd), 2 iri qəsəbə (Hadrut, Qırmızı Bazar) "
    "və 81 kəndi birləşdirir. Kəndləri bunlardır'; Ağbulaq, listed twice, once), "
    "https://www.virtualkarabakh.az/az/post-item/27/106/khodjavend.html",
    (
        "Xocavənd", "Hadrut", "Qırmızı Bazar", "Şexer", "Şıx Dursun", "Dağdöşü", "Edişə",
        "Qırmızıqaya", "Qoçbəyli", "Tağaser", "Vəng", "Ağkənd", "Axullu", "Arakül", "Bünyadlı",
        "Cilən", "Daşbaşı", "Zərdanaşen", "Müşkapat", "Kiş", "Köhnə Tağlar", "Yemişcan", "Qarqar",
        "Xərxan", "Zavadıx", "Tağaverd", "Çağadüz", "Mülküdərə", "Arpadüzü", "Azıx",
        "Zoğalbulaq", "Binə", "Binədərəsi", "Sor", "Böyük Tağlar", "Bulutan", "Xırmancıq",
        "Məlikcanlı", "Cəmiyyət", "Çaylaqqala", "Arpagədik", "Petrosaşen", "Çiraquz",
        "Məmməddərə", "Tsakuri", "Dərəkənd", "Ağcakənd", "Hakaku", "Qağartsi", "Quzumkənd",
        "Qarazəmi", "Mirikənd", "Avdur", "Tuğ", "Ataqut", "Kuropatkin", "Şahyeri", "Dolanlar",
        "Edilli", "Ağbulaq", "Düdükçü", "Əmiranlar", "Gavahın", "Güneyxırman", "Çörəkli",
        "Quzeyçartar", "Quzeyxırman", "Günəşli", "Quşçular", "Heşan", "Xanoba", "Kəndxurd",
        "Qarıtəpə", "Qaradağlı", "Qarakənd", "Muğanlı", "Salakətin", "Sos", "Cütcü", "Susanlıq",
        "Yenikənd", "Güneyçartar",
    ),
)  # fmt: skip

KALBAJAR = DistrictList(
    "kalbajar_district",
    "az.wikipedia 'Kəlbəcər rayonu' ('Rayonun 1 şəhəri Kəlbəcər şəhəri, 1 qəsəbəsi İstisu "
    "qəsəbəsi və 127 kəndi ...'; the stored copy breaks off at Hacıdüny..., so only the list's "
    "first 54 villages, A to G, are compared), http://az.wikipedia.org/wiki/K%C9%99lb%C9%99c%C9%99r_rayonu",
    (
        "Kəlbəcər", "İstisu", "Abdullauşağı", "Ağbulaq", "Ağcakənd", "Ağdaban", "Ağdaş", "Ağqaya",
        "Ağyataq", "Alaqaya", "Alçalı", "Alıbəyli", "Alırzalar", "Allıkənd", "Almalıq", "Alolar",
        "Armudlu", "Aşağı Ayrım", "Aşağı Qaraçanlı", "Aşağı Şurtan", "Babaşlar", "Bağırlı",
        "Bağırsaq", "Bağlıpəyə", "Barmaqbinə", "Baş Qaraçanlı", "Başkənd", "Başlıbel",
        "Bəzirxana", "Birinci Milli", "Boyaqlı", "Bozlu", "Böyükdüz", "Böyürbinə", "Cəmilli",
        "Comərd", "Çaykənd", "Çayqovuşan", "Çəpli", "Çıraq", "Çobangərəhməz", "Çopurlu", "Çorman",
        "Çovdar", "Dalqılınclı", "Daşbulaq", "Dəmirçidam", "Dərəqışlaq", "Əsrik", "Fətallar",
        "Göydərə", "Güneypəyə", "Günəşqaya", "Günəşli",
    ),
)  # fmt: skip

KHOJALY = DistrictList(
    "khojaly_district",
    "preslib.az 'Xocalı rayonu' (Armenian vandalism: 'Rayona Xocalı şəhəri, Əsgəran qəsəbəsi, "
    "... kəndləri daxildir'), https://armenianvandalism.preslib.az/az_khojaly.html",
    (
        "Xocalı", "Əsgəran", "Cəmilli", "Meşəli", "Dağyurd", "Seyidbəyli", "Ballıca", "Xanbağı",
        "Mehdibəyli", "Harov", "Dağdağan", "Daşbulaq", "Qayabaşı", "Badara", "Xanəzək",
        "Suncinka", "Qarabulaq", "Dəmirçilər", "Mədədkənd", "Quşçubaba", "Qızıloba", "Haçmaç",
        "Aşağı Yemişcan", "Kosalar", "Başkənd", "Cavadlar", "Yaloba", "Canhəsən", "Naxçıvanlı",
        "Pircamal", "Aranzəmin", "Ağbulaq", "Dəhraz", "Təzəbinə", "Sərdarkənd", "Qışlaq",
        "Xanabad", "Ağgədik", "Qılıçbağ", "Almalı", "Qarakötük", "Pirlər", "Fərrux", "Daşbaşı",
        "Çanaqçı", "Sığnaq", "Şuşakənd", "Daşkənd",
    ),
)  # fmt: skip

SHUSHA = DistrictList(
    "shusha_district",
    "shusha.az 'Şuşa rayonunun ərazisi və təbii sərvətləri' ('Şuşa rayonunda 1 şəhər, 1 qəsəbə "
    "(Turşsu), 37 kənd vardı. Kəndləri bunlardır'; Malıbəyli and the two Quşçular went to "
    "Khojaly in 2023), "
    "http://shusha.az/susa-rayonun-%C9%99razisi-v%C9%99-t%C9%99bii-ehtiyatlari/",
    (
        "Şuşa", "Turşsu", "Daşaltı", "Göytala", "Xanalı", "Həsənabad", "İmamqulular", "Xəlfəli",
        "Armudlu", "Dükanlar", "Qarabulaq", "Laçınlar", "Mirzələr", "Şüşülü", "Zamanpəyəsi",
        "Böyük Qaladərəsi", "Kiçik Qaladərəsi", "Qaybalı", "Xudaverdilər", "Nağılar",
        "Yuxarı Quşçular", "Aşağı Quşçular", "Malıbəyli", "Sarıbaba", "Onverst", "Səfixanlar",
        "Allahqulular", "Həsənqulular", "Xanlıqpəyə", "Şırlan", "Ağbulaq", "Cəmillər", "Çaykənd",
        "İmanlar", "Məmişlər", "Paşalar", "Turabxan", "Zarıslı", "Nəbilər",
    ),
)  # fmt: skip

AGHJABADI = DistrictList(
    "aghjabadi_district",
    "qia.az 'Ağcabədi Rayonu' ('1 şəhər, 1 qəsəbə və 39 kənd inzibati ərazi vahidindən və 44 "
    "kənddən (...) ibarətdir'), https://qia.az/agcab%C9%99di-rayonu/",
    (
        "Ağcabədi", "Hindarx", "Avşar", "Aşağı Avşar", "Xocavənd", "Salmanbəyli", "Mehrablı",
        "Aran", "Yeni Qaradolaq", "Qaradolaq", "Kəbirli", "Hacıbədəlli", "Nəcəfqulubəyli",
        "Şənlik", "Şahmalılar", "Şotlanlı", "Bala Kəhrizli", "Böyük Kəhrizli", "Biləğan",
        "Ağabəyli", "Pərioğullar", "Cəfərbəyli", "Hüsülü", "Rəncbərlər", "Qiyaməddinli",
        "Qaravəlli", "Təzəkənd", "Muğanlı", "Şahsevən", "Şahsevən-Təzəkənd", "Köyük", "Boyat",
        "Qaraxanlı", "Hacılar", "Şərəfxanlı", "Arazbar", "Sarvanlar", "Kürdlər", "Minəxorlu",
        "Yuxarı Qiyaməddinli", "Sarıcalı", "Taynaq", "Poladlı", "İmamqulubəyli", "Gələbədin",
    ),
)  # fmt: skip


def jabrayil() -> DistrictList:
    """Jabrayil's Azerbaijani list (yknews.az), as tools/district_names.py holds it."""
    from tools.district_names import DISTRICT_LISTS, JABRAYIL_AZ

    names: list[str] = []
    for dl in DISTRICT_LISTS:
        if dl.district == "jabrayil_district":
            names += [az for az, _ in dl.pairs if az not in names]
    return DistrictList("jabrayil_district", JABRAYIL_AZ, tuple(names))


ORDINALS = {"i": "birinci", "ii": "ikinci", "iii": "uchuncu"}  # as fold() writes them


def keys(name: str) -> set[str]:
    """The folded forms a listed name may take in the table."""
    f = fold(name.replace("-", " "))
    out = {f, f.replace(" ", "")}
    first, _, rest = f.partition(" ")
    if first in ORDINALS and rest:
        out |= {f"{ORDINALS[first]} {rest}", f"{rest} {first}"}
    inverse = {v: k for k, v in ORDINALS.items()}
    if first in inverse and rest:
        out |= {f"{inverse[first]} {rest}", f"{rest} {inverse[first]}"}
    return out


def name_keys(name: str) -> set[str]:
    """A table name's folded form, with and without its spaces and hyphens."""
    f = fold(name.replace("-", " "))
    return {f, f.replace(" ", "")}


# Listed names the table holds under another spelling (checked by hand: same district,
# names at least 0.77 alike letter by letter, no other listed village they could be).
# value: (our id, whether the listed spelling is added as a variant: False where the
# list's spelling is a misprint the district's other lists do not share; None where the
# record has the name already and lies just beyond the 10 km of a neighbouring district).
SPELLINGS: dict[tuple[str, str], tuple[str, bool | None]] = {
    ("aghdam_district", "Hacıturanlı"): ("hajiturali", False),  # Hacıturalı (yknews.az)
    ("aghdam_district", "Mirəşəlli"): ("mirashelli", True),
    ("aghdam_district", "Şoltanlı"): ("sotlanli", False),  # Şotlanlı (preslib.az); no other
    # Şotlanlı in the azerbaycanlilar.com list
    ("aghdam_district", "Kəlbəhüseyinli"): ("kalbahuseinli_aghdam", True),
    ("fuzuli_district", "Arayatılı"): ("arayatli", True),
    ("fuzuli_district", "Yuxarı Yağlıvənd"): ("yukhari_yaglavand", True),
    ("fuzuli_district", "Aşağı Yağlıvənd"): ("ashagi_yaglavand", True),
    ("fuzuli_district", "Aşağı Güzlək"): ("ashagi_kuzlak", True),
    ("jabrayil_district", "Keçəl Məmmədli"): ("kechalmamedli", True),
    ("zangilan_district", "Kollu-Qışlaq"): ("kollugislag", True),
    ("zangilan_district", "Üdgün"): ("udkun", True),
    ("zangilan_district", "Sarallı Xəştab"): ("sarili_khashtab", True),
    ("zangilan_district", "Cahangirbəyli"): ("jahankirbaili", True),
    ("zangilan_district", "Vəliqulubəyli"): ("velikulubeili", True),
    ("fuzuli_district", "Govşadlı"): ("govshatli", False),  # Qovşatlı (parent Khojavend
    # since the 2023 laws); the list's d is a misprint
    ("khojavend_district", "Kuropatkin"): ("kuropatkino", True),
    # already named so, but 10.5 km from Shusha's nearest record; parent Khojaly since 2023
    ("shusha_district", "Yuxarı Quşçular"): ("yukhari_kushchular", None),
    ("khojaly_district", "Qayabaşı"): ("dahrav", True),  # the WOF record's own az variant
    # is "Qayabası"
    ("khojaly_district", "Xanəzək"): ("khanyurdu", True),  # the record's Russian name is
    # Ханадзах; anl.az lists Xanyurdu where this list has Xanəzək
    ("aghjabadi_district", "Şahmalılar"): ("shahmallar", True),
    ("aghjabadi_district", "Pərioğullar"): ("perioglular", True),
    ("aghjabadi_district", "Cəfərbəyli"): ("dzhafarbeili", True),
    ("aghjabadi_district", "Köyük"): ("goyuk", False),  # Göyük (de.wikipedia list)
}


class Settlement(NamedTuple):
    id: str
    parent: str
    lat: float
    lon: float


def load_table() -> tuple[dict[str, list[Settlement]], dict[str, list[Settlement]]]:
    """Index the table's settlements by folded name, and list them by parent."""
    places: dict[str, Settlement] = {}
    by_name: dict[str, list[Settlement]] = defaultdict(list)
    by_parent: dict[str, list[Settlement]] = defaultdict(list)
    with (ROOT / "data" / "places.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] not in SETTLEMENT_KINDS or not row["lat"]:
                continue
            s = Settlement(row["id"], row["parent"], float(row["lat"]), float(row["lon"]))
            places[s.id] = s
            by_parent[s.parent].append(s)
            for n in (row["name"], row["name_az"]):
                if n:
                    for k in name_keys(n):
                        by_name[k].append(s)
    with (ROOT / "data" / "variants.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            s = places.get(row["id"])
            if s is not None:
                for k in name_keys(row["variant"]):
                    by_name[k].append(s)
    return by_name, by_parent


def added_rows() -> dict[tuple[str, str], dict[str, str]]:
    """Rows of missing_places.csv, by (parent, folded Azerbaijani name)."""
    with ADDED.open(encoding="utf-8", newline="") as f:
        return {(r["parent"], fold(r["name_az"] or r["name"])): r for r in csv.DictReader(f)}


def compare(dl: DistrictList, by_name, by_parent, added) -> list[dict[str, str]]:
    """One output row per listed name."""
    rows = []
    own = by_parent.get(dl.district, [])
    for name in dl.names:
        hits: list[Settlement] = []
        for k in keys(name):
            hits += by_name.get(k, [])
        found = [s for s in dict.fromkeys(hits) if s.parent == dl.district]
        if not found:
            found = [
                s for s in dict.fromkeys(hits)
                if any(km(s.lat, s.lon, o.lat, o.lon) <= NEAR_KM for o in own)
            ]  # fmt: skip
        row = {"district": dl.district, "name": name, "list_source": dl.source}
        add = added.get((dl.district, fold(name)))
        spelled = SPELLINGS.get((dl.district, name))
        if add is not None:
            row |= {"status": "added", "found_as": add["id"], "coordinate_source": add["source"]}
        elif spelled is not None:
            note = {
                True: "the list's spelling is now a variant",
                False: "a misprint, not made a variant",
                None: "same name, in a neighbouring district",
            }[spelled[1]]
            row |= {"status": "found (other spelling)", "found_as": f"{spelled[0]} ({note})", "coordinate_source": ""}
        elif found:
            ids = " ".join(s.id + ("" if s.parent == dl.district else f" (parent {s.parent})") for s in found)
            row |= {"status": "found", "found_as": ids, "coordinate_source": ""}
        else:
            row |= {"status": "missing", "found_as": "", "coordinate_source": ""}
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="print the counts, write nothing")
    args = ap.parse_args(argv)
    by_name, by_parent = load_table()
    added = added_rows()
    rows: list[dict[str, str]] = []
    for dl in (
        AGHDAM,
        AGHDAM_YKNEWS,
        FUZULI,
        jabrayil(),
        ZANGILAN,
        QUBADLI,
        KHOJAVEND,
        KHOJALY,
        SHUSHA,
        KALBAJAR,
        AGHJABADI,
    ):
        part = compare(dl, by_name, by_parent, added)
        n = {s: sum(r["status"].startswith(s) for r in part) for s in ("found", "added", "missing")}
        print(f"{dl.district}: listed {len(part)}, found {n['found']}, added {n['added']}, missing {n['missing']}")
        for r in part:
            if r["status"] == "missing":
                print("   missing:", r["name"])
        rows += part
    if not args.check:
        fields = ("district", "name", "status", "found_as", "coordinate_source", "list_source")
        with OUT.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
