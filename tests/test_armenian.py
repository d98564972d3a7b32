"""Eastern Armenian (hy): the case endings and articles of names (lang/hy/morphology.py),
running text with inflected names, and what is not a place (surnames, organisations,
demonyms, common words). The sentences are written for these tests.

The endings follow Wikipedia "Eastern Armenian" (Morphology > Nouns) and Dum-Tragut,
"Armenian: Modern Eastern Armenian" (2009), §2.1: see lang/hy/case_endings.tsv.
"""

from __future__ import annotations

import pytest

from gazetteer.inflection import lemmas, word_lemmas
from gazetteer.lang.hy import is_common_word
from gazetteer.lang.hy.morphology import analyse, inflect, is_plural
from gazetteer.text.folding import fold

# name, ending, the form in running text
TABLE = [
    ("Ստեփանակերտ", "ի", "Ստեփանակերտի"),
    ("Ստեփանակերտ", "ում", "Ստեփանակերտում"),
    ("Ստեփանակերտ", "ից", "Ստեփանակերտից"),
    ("Ստեփանակերտ", "ով", "Ստեփանակերտով"),
    ("Ստեփանակերտ", "ին", "Ստեփանակերտին"),
    ("Ստեփանակերտ", "ը", "Ստեփանակերտը"),
    ("Ստեփանակերտ", "ն", "Ստեփանակերտն"),
    ("Շուշի", "ի", "Շուշիի"),
    ("Շուշի", "ում", "Շուշիում"),
    ("Շուշի", "ից", "Շուշիից"),
    ("Շուշի", "ն", "Շուշին"),
    ("Շուշա", "ում", "Շուշայում"),
    ("Շուշա", "ի", "Շուշայի"),
    ("Շուշա", "ն", "Շուշան"),
    ("Մարտունի", "ու", "Մարտունու"),
    ("Մարտունի", "ուց", "Մարտունուց"),
    ("Մարտունի", "ուն", "Մարտունուն"),
    ("Մարտունի", "ում", "Մարտունիում"),
    ("Հադրութ", "ից", "Հադրութից"),
    ("Բերձոր", "ով", "Բերձորով"),
    ("Երևան", "ի", "Երևանի"),
    ("Երևան", "ից", "Երևանից"),
    ("Բաքու", "ի", "Բաքվի"),
    ("Բաքու", "ում", "Բաքվում"),
    ("Բաքու", "ից", "Բաքվից"),
    ("Բաքու", "ն", "Բաքուն"),
    ("Մոսկվա", "ում", "Մոսկվայում"),
    ("Աղավնո", "ով", "Աղավնոյով"),
]


def test_u_stem_takes_the_locative_too():
    # Մարտունի, genitive Մարտունու: its stem Մարտուն- takes -ում, -ից in common use
    assert ("մարտունի", "ում") in analyse("Մարտունում")
    assert ("գյումրի", "ից") in analyse("Գյումրից")


@pytest.mark.parametrize("name, ending, form", TABLE, ids=[f for _, _, f in TABLE])
def test_analyse_finds_the_name_and_its_ending(name, ending, form):
    assert (name.lower(), ending) in analyse(form)


@pytest.mark.parametrize("name, ending, form", TABLE, ids=[f for _, _, f in TABLE])
def test_inflect_writes_the_form_of_the_table(name, ending, form):
    assert inflect(name, ending) == form


def test_article_after_a_vowel_is_n_and_after_a_consonant_y():
    assert inflect("Շուշա", "ը") == "Շուշան"
    assert inflect("Ստեփանակերտ", "ը") == "Ստեփանակերտը"
    assert ("ստեփանակերտ", "ն") in analyse("Ստեփանակերտն")  # before a vowel: Ստեփանակերտն ու


def test_inflect_gives_no_invented_form():
    assert inflect("Stepanakert", "ում") is None  # not an Armenian name
    assert inflect("Հադրութ", "ու") is None  # which consonant stems take -ու is the word's
    assert inflect("Շուշի", "ներում") is None  # no plural of a name
    assert inflect("Շուշի", "") == "Շուշի"


def test_classical_spelling_is_read_in_its_reformed_form():
    assert ("մոսկվա", "ում") in analyse("Մոսկուայում")
    assert fold("Երեւանում")[:-2] == fold("Երևան")  # folding reads եւ as և already
    assert ("երեւան", "ում") in analyse("Երեւանում")


def test_reduced_stems_give_the_nominative():
    # the vowel of the last syllable drops before an ending (lang/hy/stem_changes.tsv)
    assert ("կամուրջ", "ով") in analyse("կամրջով")
    assert ("խումբ", "ի") in analyse("խմբի")
    assert ("լիճ", "ում") in analyse("լճում")


def test_plural_cue_words_are_plurals():
    assert is_plural("շրջանները") and is_plural("գյուղերում") and is_plural("կամուրջներ")
    assert not is_plural("շրջանի") and not is_plural("Ստեփանակերտում")


def test_endings_are_only_read_on_armenian_letters():
    assert analyse("Stepanakertum") == []
    assert analyse("Лачинов") == []
    # a Latin or Cyrillic word keeps the lemmas it had
    assert word_lemmas("Füzulidə") == lemmas("fuzulida", russian=False)
    assert word_lemmas("Гадруте") == lemmas("gadrute", russian=True)


def test_word_lemmas_fold_the_armenian_lemma_and_keep_the_run():
    assert ("stepanakert", "um") in word_lemmas("Ստեփանակերտում")
    assert ("lernayin garabag", "its") in word_lemmas("Ղարաբաղից", fold("Լեռնային Ղարաբաղից"))
    assert ("baku", "i") in word_lemmas("Բաքվի")


def test_common_words_and_their_forms():
    assert is_common_word("Տեղի") and is_common_word("տեղում") and is_common_word("Հարավում")
    assert not is_common_word("Տող") and not is_common_word("Ստեփանակերտում")


# ------------------------------------------------------------------ running text
def spans(gz, text):
    return [(r["text"], r["id"]) for r in gz.extract(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Երեկ Ստեփանակերտում և Շուշիում անձրև էր։",
            [("Ստեփանակերտում", "khankendi"), ("Շուշիում", "shusha")],
        ),
        ("Ավտոբուսը Հադրութից մեկնեց Մարտունու ուղղությամբ։", [("Հադրութից", "hadrut"), ("Մարտունու", "khojavend")]),
        ("Պատվիրակությունը Երևանից ժամանեց Ասկերան։", [("Երևանից", "yerevan"), ("Ասկերան", "askeran")]),
        ("Ճանապարհը Քարվաճառից Բերձորով է անցնում։", [("Քարվաճառից", "kalbajar"), ("Բերձորով", "lachin")]),
        ("Բաքվի և Մոսկվայի միջև բանակցությունները շարունակվում են։", [("Բաքվի", "baku"), ("Մոսկվայի", "moscow")]),
        ("Ստեփանակերտն այսօր խաղաղ է, իսկ Շուշան լքված է։", [("Ստեփանակերտն", "khankendi"), ("Շուշան", "shusha")]),
        ("Լեռնային Ղարաբաղից հեռացել են հազարավոր մարդիկ։", [("Լեռնային Ղարաբաղից", "nagorno_karabakh")]),
        ("Նա ապրում է Երեւանում, իսկ եղբայրը՝ Մոսկուայում։", [("Երեւանում", "yerevan"), ("Մոսկուայում", "moscow")]),
        ("Բաքուն պնդում է, որ Ադրբեջանը հաղթել է։", [("Բաքուն", "baku"), ("Ադրբեջանը", "azerbaijan")]),
        ("Գորիսի հիվանդանոցում բուժվում են վիրավորները։", [("Գորիսի", "goris")]),
        ("Հայրս մնացել է Մարտունում, իսկ քույրս՝ Գյումրում։", [("Մարտունում", "khojavend"), ("Գյումրում", "gyumri")]),
    ],
)
def test_inflected_names_in_running_text(gz, text, expected):
    assert spans(gz, text) == expected


def test_plural_cue_after_a_list_gives_each_name_its_district(gz):
    got = spans(gz, "Մարտակերտի և Մարտունու շրջաններում կրակոցներ չեն եղել։")
    assert got == [("Մարտակերտի", "aghdara_district"), ("Մարտունու", "khojavend_district")]


def test_short_name_inflected_in_a_list(gz):
    got = spans(gz, "Գիշերը Աղավնոյի և Սուսի բնակիչները հեռացան։")
    assert ("Սուսի", "sus") in got


def test_republic_of_is_no_surname(gz):
    assert ("Հայաստանի", "armenia") in spans(gz, "Զորքերը հատել են Հայաստանի Հանրապետության սահմանը։")


def test_a_plural_cue_after_a_list_joined_by_armenian_and(gz):
    # և, its classical spelling եւ and colloquial ու join a list as written (folded, և is "ev")
    got = spans(gz, "Աղդամի, Քելբաջարի և Լաչինի շրջանները հանձնվեցին։")
    assert [i for _, i in got] == ["aghdam_district", "kalbajar_district", "lachin_district"]
    got = spans(gz, "Քելբաջարի ու Լաչինի շրջաններում")
    assert [i for _, i in got] == ["kalbajar_district", "lachin_district"]


def test_a_time_in_a_place_is_no_person(gz):
    # a capitalised word after a name in the locative is no surname: Այսօր Մոսկվայում ՀՀ ...
    assert ("Մոսկվայում", "moscow") in spans(gz, "Այսօր Մոսկվայում ՀՀ և Ռուսաստանի նախարարները հանդիպեցին։")


@pytest.mark.parametrize(
    "text",
    [
        "Կարմիր Խաչի միջազգային կոմիտեն հայտարարություն տարածեց։",  # the Red Cross
        "Գորիսյան և Լաչինյան ազգանունները հաճախ են հանդիպում։",  # surnames
        "Արցախյան պատերազմից հետո Շուշանիկը տեղափոխվեց։",  # an adjective, a given name
        "շուշեցի երիտասարդները ղարաբաղյան խոհանոց են պատրաստել։",  # a demonym, an adjective
        "Տեղի բնակիչները դժգոհ են։",  # local, not the village Teghi
        "Գլխավոր դատախազը հայտարարեց։",  # chief, not the village Glkhavor
        "Հարավում մարտերը շարունակվում են։",  # in the south
        "ԵԱՀԿ Մինսկի խմբի համանախագահները հանդիպեցին։",  # the OSCE Minsk Group
        "«Ղարաբաղ» ՖԱ-ն հաղթեց։",  # the football club
        "Բանակցությունները սկսվեցին։ Հոկտեմբերի սկզբին հրադադար հայտարարվեց։",  # a month
        "Պատվիրակության ղեկավար Վարդան Շահումյանը հայտարարեց։",  # a surname after a given name
        "Հանդիպմանը ներկա էր «Շիրակի» մարզիչը, իսկ «Գանձասարը» հաղթեց 2:0 հաշվով։",  # clubs
        "Բակը լի էր մարդկանցով, իսկ Մեղրը վաճառվում էր շուկայում։",  # the article -ը folds like -ի
        "Գիշերը անցավ հանգիստ։",  # the night, no plural of the village Kish
        "Սպիտակ տունը արձագանքեց։",  # the White House
        "Ընթրիքը կազմակերպվեց «Արարատ» հյուրանոցում։",  # a hotel
        "Երեկ խոսնակ Շուշան Ստեփանյանի հաղորդմամբ իրավիճակը հանգիստ է։",  # a given name, a surname in a case
    ],
)
def test_not_places(gz, text):
    assert spans(gz, text) == []


def test_a_town_s_stadium_is_a_venue_not_its_club(gz):
    text = "Երեկ «Ուրարտուն» Գյումրիի քաղաքային մարզադաշտում 1:0 հաշվով հաղթեց «Շիրակին»։"
    assert spans(gz, text) == [("Գյումրիի", "gyumri")]


def test_river_by_its_waters(gz):
    got = gz.extract("Թարթառի ջրերը հասնում են Սարսանգի ջրամբար։")
    assert got[0]["text"] == "Թարթառի" and got[0]["kind"] == "river"


# ------------------------------------------------------------------ lookup
@pytest.mark.parametrize(
    "query, expected",
    [
        ("Հադրութից", "hadrut"),
        ("Բաքվում", "baku"),
        ("Շուշիում", "shusha"),
        ("Երեւանից", "yerevan"),
        ("Ստեփանակերտն", "khankendi"),
        ("Մարտունու", "khojavend"),
        ("Գորիսի", "goris"),
        ("Արաքսի", "araz_river"),
        ("Մարտունու շրջան", "khojavend_district"),
        ("Շուշի քաղաք", "shusha"),
        ("Քարվաճառում", "kalbajar"),
        ("Կովսականի", "zangilan"),  # -ական of a town is no adjective's
        ("Բերձորով", "lachin"),  # no Russian surname in -ov
        ("Լաչինի միջանցքով", "lachin_corridor"),
        ("Խուդափերինի կամրջով", "khudafarin_bridge"),
        ("Սարսանգի ջրամբարում", "sarsang_reservoir"),
        ("Մարտունու շրջանում", "khojavend_district"),
        # Azerbaijani names in Armenian script, inflected, and Latin forms of Armenian names
        ("Խանքենդիում", "khankendi"),
        ("Աղդամից", "aghdam"),
        ("Քելբաջարից", "kalbajar"),
        ("Karvachar", "kalbajar"),
        ("Berdzor", "lachin"),
    ],
)
def test_lookup_reads_inflected_armenian_names(gz, query, expected):
    got = gz.lookup(query)
    assert got is not None and got.id == expected


@pytest.mark.parametrize(
    "query", ["Կարմիր Խաչ", "Գորիսյան", "ջրամբար", "Շուշանիկ", "շուշեցի", "ղարաբաղցի", "Արցախյան", "ղարաբաղյան"]
)
def test_lookup_gives_no_place_for_organisations_surnames_and_words(gz, query):
    assert gz.lookup(query) is None


@pytest.mark.parametrize("name, expected", [("Կիրանց", "kirants"), ("Սադունց", "sadunts"), ("Այգաբաց", "aigabats")])
def test_lookup_reads_a_name_in_ts_in_the_genitive_but_not_its_demonym(gz, name, expected):
    # the genitive -ի of a name ending in -ց ends like the demonym -ցի; the demonym of
    # such a name doubles the letter (Կիրանցցի)
    got = gz.lookup(name + "ի")
    assert got is not None and got.id == expected
    assert gz.lookup(name + "ցի") is None
