import collections

R = []
RR = R


def a(cls, lang, items):
    for q, k, *d in items:
        R.append((q, k, f"{cls}: {lang}" + (f", {d[0]}" if d else "")))


# ---- plain
a(
    "plain",
    "en",
    [
        ("Shusha", "shusha"),
        ("Lachin", "lachin"),
        ("Kalbajar", "kalbajar"),
        ("Jabrayil", "jabrayil"),
        ("Qubadli", "qubadli"),
        ("Khojaly", "khojaly"),
        ("Hadrut", "hadrut"),
        ("Horadiz", "horadiz"),
        ("Naftalan", "naftalan"),
        ("Tatev", "tatev"),
        ("Kornidzor", "kornidzor"),
        ("Yeraskh", "yeraskh"),
    ],
)
a(
    "plain",
    "az",
    [
        ("Zəngilan", "zangilan"),
        ("Xocavənd", "khojavend"),
        ("Ağdərə", "aghdara"),
        ("Tərtər", "tartar"),
        ("Mingəçevir", "mingachevir"),
        ("Gədəbəy", "gadabay"),
        ("Ağcabədi", "aghjabadi"),
        ("Süleymanlı", "suleymanli"),
        ("Şəfibəyli", "shafibeyli"),
        ("Boyəhmədli", "boyahmedli"),
        ("Zardaxaç", "zardaxac"),
        ("Şükürbəyli", "shukurbeyli"),
        ("Quzanlı", "guzanli"),
        ("Lələtəpə", "lalatapa"),
        ("Dondar Quşçu", "dondar_qushchu"),
        ("Xankəndi", "khankendi"),
    ],
)
a(
    "plain",
    "tr",
    [
        ("Kelbecer", "kalbajar"),
        ("Cebrail", "jabrayil"),
        ("Hocalı", "khojaly"),
        ("Ağdere", "aghdara"),
        ("Gence", "ganja"),
        ("Bakü", "baku"),
        ("Tiflis", "tbilisi"),
        ("Nahçıvan", "nakhchivan"),
    ],
)
a(
    "plain",
    "ru",
    [
        ("Кельбаджар", "kalbajar"),
        ("Джебраил", "jabrayil"),
        ("Зангелан", "zangilan"),
        ("Губадлы", "qubadli"),
        ("Ходжалы", "khojaly"),
        ("Физули", "fuzuli"),
        ("Ханкенди", "khankendi"),
        ("Горис", "goris"),
        ("Евлах", "yevlakh"),
        ("Агджабеди", "aghjabadi"),
        ("Бейлаган", "beylagan"),
        ("Дадиванк", "dadivank"),
    ],
)
a(
    "plain",
    "hy",
    [
        ("Շուշի", "shusha"),
        ("Հադրութ", "hadrut"),
        ("Ասկերան", "askeran"),
        ("Գորիս", "goris"),
        ("Սիսիան", "sisian"),
        ("Ջերմուկ", "jermuk"),
        ("Խնձորեսկ", "khndzoresk"),
        ("Արցախ", "nagorno_karabakh"),
        ("Լեռնային Ղարաբաղ", "nagorno_karabakh"),
        ("Երևան", "yerevan"),
    ],
)
a(
    "plain",
    "hy_lat",
    [("Shushi", "shusha"), ("Khndzoresk", "khndzoresk"), ("Artsakh", "nagorno_karabakh"), ("Davit Bek", "davit_bek")],
)
# ---- renamed (Armenian-era / Soviet)
a(
    "renamed",
    "hy_lat",
    [
        ("Stepanakert", "khankendi"),
        ("Martakert", "aghdara"),
        ("Karvachar", "kalbajar"),
        ("Berdzor", "lachin"),
        ("Kovsakan", "zangilan"),
        ("Jrakan", "jabrayil"),
        ("Madaghis", "sugovushan"),
        ("Karin Tak", "dashalti"),
        ("Karmir Shuka", "qirmizi_bazar"),
        ("Mokhrenes", "susanliq"),
        ("Aghavno", "zabux"),
        ("Azokh", "azykh"),
        ("Martuni", "khojavend", "Artsakh-era name of Khojavend"),
    ],
)
a(
    "renamed",
    "hy",
    [
        ("Ստեփանակերտ", "khankendi"),
        ("Քարվաճառ", "kalbajar"),
        ("Բերձոր", "lachin"),
        ("Ջրական", "jabrayil"),
        ("Մատաղիս", "sugovushan"),
        ("Մարտակերտ", "aghdara"),
    ],
)
a(
    "renamed",
    "ru",
    [
        ("Степанакерт", "khankendi"),
        ("Мартакерт", "aghdara"),
        ("Кировабад", "ganja", "Soviet name 1935-1989"),
        ("Карягино", "fuzuli", "Soviet name until 1959"),
        ("Шамхор", "shamkir", "pre-1991 name"),
    ],
)
a(
    "renamed",
    "en",
    [
        ("Kirovabad", "ganja", "Soviet name"),
        ("Karyagino", "fuzuli", "Soviet name"),
        ("Mardakert", "aghdara", "Russian-style spelling of Martakert"),
        ("Basargechar", "vardenis", "name until 1969"),
        ("Khutavank", "dadivank", "alternative name"),
    ],
)
a("renamed", "az", [("Vəngli", "vank", "az name of Vank"), ("Zod", "sotk", "az name of Sotk")])
# ---- typo
a(
    "typo",
    "en",
    [
        ("Stepanakret", "khankendi", "swapped letters"),
        ("Laachin", "lachin", "doubled letter"),
        ("Kelbajarr", "kalbajar", "doubled letter"),
        ("Qubadlli", "qubadli", "doubled letter"),
        ("Aghdma", "aghdam", "swapped letters"),
        ("Hadurt", "hadrut", "swapped letters"),
        ("Jabrayl", "jabrayil", "dropped letter"),
        ("Khankndi", "khankendi", "dropped letter"),
        ("Zangilian", "zangilan", "inserted letter"),
        ("Tbilsi", "tbilisi", "dropped letter"),
        ("Yerevna", "yerevan", "swapped letters"),
        ("Nagorno-Karabkh", "nagorno_karabakh", "dropped letter"),
        ("Mingachevr", "mingachevir", "dropped letter"),
        ("Dadivnak", "dadivank", "swapped letters"),
        ("Sarsnag", "sarsang_reservoir", "swapped letters"),
        ("Khojavned", "khojavend", "swapped letters"),
    ],
)
a(
    "typo",
    "az",
    [
        ("Kəlbəcar", "kalbajar", "wrong diacritic"),
        ("Füzüli", "fuzuli", "wrong diacritic"),
        ("Laçin", "lachin", "dotted i for ı"),
        ("Zəngılan", "zangilan", "dotless ı for i"),
        ("Xocalli", "khojaly", "doubled letter, missing ı"),
        ("Şuşşa", "shusha", "doubled letter"),
        ("Cəbrayil", "jabrayil", "dotted i for ı"),
    ],
)
a(
    "typo",
    "ru",
    [
        ("Шушша", "shusha", "doubled letter"),
        ("Кельбаджр", "kalbajar", "dropped letter"),
        ("Лачинн", "lachin", "doubled letter"),
    ],
)
a("typo", "hy", [("Ստեփանակերդ", "khankendi", "տ→դ, colloquial"), ("Մարտակետ", "aghdara", "dropped letter")])
# ---- generic
a(
    "generic",
    "az",
    [
        ("Fuzuli seheri", "fuzuli", "no diacritics"),
        ("Füzuli şəhəri", "fuzuli"),
        ("Laçın rayonu", "lachin_district"),
        ("Lacin rayonu", "lachin_district", "no diacritics"),
        ("Sus kəndi", "sus"),
        ("Susanliq kendi", "susanliq", "no diacritics"),
        ("Araz çayı", "araz_river"),
        ("Sərsəng su anbarı", "sarsang_reservoir"),
        ("Laçın dəhlizi", "lachin_corridor"),
        ("Xudafərin körpüsü", "khudafarin_bridge", "singular"),
        ("Murov dağı", "murovdag"),
        ("Kelbecer rayonu", "kalbajar_district", "no diacritics"),
    ],
)
a(
    "generic",
    "tr",
    [
        ("Kelbecer ilçesi", "kalbajar_district"),
        ("Şuşa şehri", "shusha"),
        ("Talış köyü", "talish"),
        ("Aras Nehri", "araz_river"),
    ],
)
a(
    "generic",
    "ru",
    [
        ("село Сус", "sus"),
        ("город Шуша", "shusha"),
        ("Агдамский район", "aghdam_district"),
        ("Лачинский коридор", "lachin_corridor"),
        ("река Аракс", "araz_river"),
        ("пгт Горадиз", "horadiz"),
    ],
)
a(
    "generic",
    "hy",
    [
        ("Ջաբրայիլ քաղաք", "jabrayil"),
        ("Տեղ գյուղ", "tegh"),
        ("Սարսանգի ջրամբար", "sarsang_reservoir"),
        ("Մարտունու շրջան", "khojavend_district"),
    ],
)
a(
    "generic",
    "en",
    [
        ("Lachin district", "lachin_district"),
        ("Aghdam city", "aghdam"),
        ("Hakari river", "hakari_river"),
        ("Khudaferin bridge", "khudafarin_bridge"),
        ("Dadivank monastery", "dadivank"),
        ("Fuzuli region", "fuzuli_district"),
    ],
)
# ---- german / french transcription
a(
    "german_french",
    "de",
    [
        ("Dschabrail", "jabrayil"),
        ("Latschin", "lachin"),
        ("Choschali", "khojaly"),
        ("Schuscha", "shusha"),
        ("Kelbadschar", "kalbajar"),
        ("Gandscha", "ganja"),
        ("Aghdschabedi", "aghjabadi"),
        ("Chankendi", "khankendi"),
    ],
)
a(
    "german_french",
    "fr",
    [
        ("Djabraïl", "jabrayil"),
        ("Latchine", "lachin"),
        ("Choucha", "shusha"),
        ("Khodjaly", "khojaly"),
        ("Fizouli", "fuzuli"),
        ("Zanguilan", "zangilan"),
        ("Bakou", "baku"),
    ],
)
# ---- qualified
a(
    "qualified",
    "en",
    [
        ("Martuni (Khojavend)", "khojavend"),
        ("Martuni, Nagorno-Karabakh", "khojavend"),
        ("Sofulu, Jabrayil", "sofulu_jabrayil"),
        ("Chiragli (Aghdam)", "ciraqli_aghdam"),
        ("Vank, Kalbajar", "vank"),
        ("Talish, Tartar district", "talish"),
        ("Goris, Armenia", "goris"),
        ("Agarak (Meghri)", "agarak"),
        ("Tegh, Syunik", "tegh"),
        ("Sus (Lachin)", "sus"),
        ("Armenia's Goris", "goris"),
        ("Azerbaijan's Aghdam", "aghdam"),
        ("Georgia (country)", "georgia"),
        ("Tbilisi, Georgia", "tbilisi"),
    ],
)
a("qualified", "az", [("Çıraqlı, Ağdam", "ciraqli_aghdam"), ("Sofulu (Cəbrayıl)", "sofulu_jabrayil")])
a("qualified", "ru", [("Мартуни (Ходжавенд)", "khojavend")])
# ---- inflection
a(
    "infl_az",
    "az",
    [
        ("Şuşada", "shusha", "locative"),
        ("Laçından", "lachin", "ablative"),
        ("Ağdamın", "aghdam", "genitive"),
        ("Kəlbəcərə", "kalbajar", "dative"),
        ("Xankəndinə", "khankendi", "dative with n"),
    ],
)
a(
    "infl_tr",
    "tr",
    [
        ("Şuşa'da", "shusha", "locative"),
        ("Ağdam'dan", "aghdam", "ablative"),
        ("Karabağ'ın", "nagorno_karabakh", "genitive"),
        ("Hadrut'ta", "hadrut", "locative"),
    ],
)
a(
    "infl_ru",
    "ru",
    [
        ("Шуше", "shusha", "prepositional"),
        ("Лачина", "lachin", "genitive"),
        ("Агдаме", "aghdam", "prepositional"),
        ("Степанакерте", "khankendi", "prepositional"),
        ("Карабахе", "nagorno_karabakh", "prepositional"),
        ("Кельбаджаром", "kalbajar", "instrumental"),
        ("Еревана", "yerevan", "genitive"),
    ],
)
a(
    "infl_hy",
    "hy",
    [
        ("Ստեփանակերտում", "khankendi", "locative"),
        ("Շուշիից", "shusha", "ablative"),
        ("Մարտունու", "khojavend", "genitive"),
        ("Բաքվի", "baku", "genitive"),
        ("Գորիսում", "goris", "locative"),
    ],
)
a("infl_en", "en", [("Shusha's", "shusha", "possessive")])
# ---- casing
a(
    "casing",
    "en",
    [
        ("SHUSHA", "shusha"),
        ("LACHIN", "lachin"),
        ("kalbajar", "kalbajar"),
        ("stepanakert", "khankendi"),
        ("NAGORNO-KARABAKH", "nagorno_karabakh"),
        ("zangilan", "zangilan"),
    ],
)
a("casing", "az", [("ŞUŞA", "shusha"), ("AĞDAM", "aghdam"), ("XANKƏNDİ", "khankendi"), ("füzuli", "fuzuli")])
a("casing", "ru", [("лачин", "lachin"), ("ШУША", "shusha")])
a("casing", "hy", [("ՔԱՐՎԱՃԱՌ", "kalbajar")])
# ---- punctuation / spacing
a(
    "punct",
    "en",
    [
        ("  Lachin  ", "lachin", "leading/trailing spaces"),
        ("Shusha.", "shusha", "trailing period"),
        ("Agdam,", "aghdam", "trailing comma"),
        ("(Jabrayil)", "jabrayil", "brackets"),
        ("Nagorno Karabakh", "nagorno_karabakh", "space for hyphen"),
        ("Nagorno–Karabakh", "nagorno_karabakh", "en dash"),
        ("Khan kendi", "khankendi", "split word"),
        ("Qubadli;", "qubadli", "trailing semicolon"),
    ],
)
a(
    "punct",
    "az",
    [("Dağlıq  Qarabağ", "nagorno_karabakh", "double space"), ("Füzuli !", "fuzuli", "space and exclamation")],
)
a("punct", "ru", [("«Шуша»", "shusha", "guillemets"), ("Нагорный-Карабах", "nagorno_karabakh", "hyphen for space")])
# ---- hashtag
a(
    "hashtag",
    "en",
    [
        ("#Shusha", "shusha"),
        ("#Lachin", "lachin"),
        ("#Artsakh", "nagorno_karabakh"),
        ("#LachinCorridor", "lachin_corridor"),
        ("#Khankendi", "khankendi"),
    ],
)
a("hashtag", "az", [("#Şuşa", "shusha"), ("#Füzuli", "fuzuli")])
a("hashtag", "ru", [("#Карабах", "nagorno_karabakh")])
a("hashtag", "hy", [("#Ստեփանակերտ", "khankendi")])
# ---- negatives
a(
    "neg_person",
    "en",
    [
        ("Ilham Aliyev", ""),
        ("Nikol Pashinyan", ""),
        ("Ruben Vardanyan", ""),
        ("Nizami Ganjavi", "", "poet named after Ganja"),
        ("Gurban Gurbanov", "", "Qarabag FK coach"),
        ("Hikmet Hajiyev", ""),
    ],
)
a("neg_person", "az", [("Zakir Həsənov", ""), ("Xurşidbanu Natəvan", "", "poet from Shusha")])
a("neg_person", "ru", [("Ильхам Алиев", ""), ("Никол Пашинян", "")])
a(
    "neg_person",
    "hy",
    [("Լաչինյան", "", "surname"), ("Շուշանիկ", "", "given name"), ("Vazgen Sargsyan", "", "vs Vazgenashen")],
)
a(
    "neg_org",
    "en",
    [
        ("Qarabağ FK", "", "football club"),
        ("OSCE Minsk Group", ""),
        ("Red Cross", ""),
        ("SOCAR", ""),
        ("Azercell", ""),
        ("Armenpress", ""),
    ],
)
a("neg_org", "az", [("Qarabağ futbol klubu", ""), ("ANAMA", "", "mine action agency")])
a("neg_org", "ru", [("Красный Крест", ""), ("Газпром", "")])
a("neg_org", "hy", [("Կարմիր Խաչ", "", "Red Cross, vs Karmir Shuka")])
a("neg_word", "en", [("village", ""), ("ceasefire", ""), ("bridge", "")])
a("neg_word", "az", [("kənd", ""), ("şəhər", ""), ("sülh", "", "peace")])
a("neg_word", "tr", [("köy", ""), ("ateşkes", "")])
a("neg_word", "ru", [("село", ""), ("перемирие", ""), ("беженцы", "")])
a("neg_word", "hy", [("գյուղ", ""), ("խաղաղություն", "")])
a("neg_outside", "en", [("Paris", ""), ("Los Angeles", ""), ("Brussels", ""), ("Kazan", "")])
a("neg_outside", "tr", [("İzmir", "")])
a("neg_outside", "ru", [("Новосибирск", "")])
a("neg_outside", "hy", [("Փարիզ", "")])
a("neg_outside", "fr", [("Marseille", "")])

DROP = set(
    [
        "Horadiz",
        "Naftalan",
        "Tatev",
        "Yeraskh",
        "Mingəçevir",
        "Gədəbəy",
        "Süleymanlı",
        "Boyəhmədli",
        "Zardaxaç",
        "Quzanlı",
        "Lələtəpə",
        "Ağdərə",
        "Gence",
        "Tiflis",
        "Nahçıvan",
        "Губадлы",
        "Евлах",
        "Агджабеди",
        "Бейлаган",
        "Физули",
        "Горис",
        "Ասկերան",
        "Սիսիան",
        "Ջերմուկ",
        "Խնձորեսկ",
        "Երևան",
        "Khndzoresk",
        "Davit Bek",
        "Ходжалы",
        "Hocalı",
        "Madaghis",
        "Azokh",
        "Kovsakan",
        "Мартакерт",
        "Шамхор",
        "Khutavank",
        "Zod",
        "Մարտակերտ",
        "Ջրական",
        "Susanliq kendi",
        "Murov dağı",
        "Kelbecer rayonu",
        "пгт Горадиз",
        "Fuzuli region",
        "Aghdam city",
        "Aras Nehri",
        "Xudafərin körpüsü",
        "Mingachevr",
        "Sarsnag",
        "Tbilsi",
        "Zangilian",
        "Xocalli",
        "Лачинн",
        "Georgia (country)",
        "Tbilisi, Georgia",
        "Azerbaijan's Aghdam",
        "Sofulu (Cəbrayıl)",
        "Aghdschabedi",
        "Bakou",
        "Zanguilan",
        "zangilan",
        "füzuli",
        "ШУША",
        "Qubadli;",
        "Agdam,",
        "Газпром",
    ]
)
R = [r for r in R if r[0] not in DROP]
assert not DROP - set(x[0] for x in RR), DROP - set(x[0] for x in RR)
qs = [r[0] for r in R]
d = [q for q, c in collections.Counter(qs).items() if c > 1]
assert not d, d
places = {line.split("\t")[0] for line in open("/work/shared/eval/places_gold.tsv", encoding="utf-8")}
for q, k, _n in R:
    assert k == "" or k in places, (q, k)
    assert '"' not in q and "\t" not in q
with open("/work/main/eval/set_m/lookup.tsv", "w", encoding="utf-8", newline="") as f:
    f.write("query\tgold_key\tnote\n")
    for r in R:
        f.write("\t".join(r) + "\n")
neg = sum(1 for r in R if not r[1])
print(len(R), neg, neg / len(R))
print(collections.Counter(r[2].split(":")[0] for r in R))
print(collections.Counter(r[2].split(":")[1].split(",")[0].strip() for r in R))
