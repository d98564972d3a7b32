"""gazetteer.lang: the language data files and the Lexicon built from them.

The lists were moved out of scanner.py and cues.py into data files (issue 15); the
expected values below are those lists as the scanner held them before the move, so
that the move is shown to change no word. A word added to a list later belongs in
its data file and in the expectation here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import cues
from gazetteer.lang import CUE_GROUPS, LANGUAGES, LEXICON, Lexicon, read_list
from gazetteer.scan import word_facts
from gazetteer.text.folding import fold

LANG = Path(__file__).resolve().parent.parent / "gazetteer" / "lang"
FILES = sorted(LANG.glob("*/*.txt"))


def _f(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


def test_there_are_files_for_every_language_but_armenian_structure():
    assert {p.parent.name for p in FILES} == set(LANGUAGES)
    for lang in ("en", "az", "tr", "ru"):
        assert (LANG / lang / "function_words.txt").is_file()


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_says_where_it_came_from(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].startswith("# Source: ") and len(lines[0]) > 30
    assert read_list(path), "an empty list"
    for line in lines:
        assert line == line.strip() and line, f"{path}: blank or padded line {line!r}"
        assert "\t" not in line


def test_file_names_are_lexicon_lists():
    known = {f"cues_after_{g}" for g in CUE_GROUPS} | {f"cues_before_{g}" for g in CUE_GROUPS}
    known |= set(
        "org_words org_words_any_case org_words_as_written person_titles artist_titles work_words function_words conjunctions "
        "serial_conjunctions list_words sports_words venue_prepositions locative_prepositions "
        "parent_prepositions family_endings surname_endings plural_words plural_endings prose_markers "
        "articles work_prepositions foreign_name_heads special_letters place_cases place_case_prefixes dative_endings prepositions".split()
    )
    known |= {"quoted_name_words", "name_words"}  # issue 12: the club "Qarabağ"; tartar (sauce)
    known |= {
        "given_names",
        "name_titles_after",
        "origin_prepositions",
    }  # Kemal Aras, Şuşa xanım: people named after places
    known |= set("org_names common_words common_noun_endings derived_endings venue_nouns".split())  # lang/hy
    # same-name places: a cue of a village or a town, a word of belonging, a team's home;
    # a name in the genitive owns what follows it
    known |= set("village_cue_stems town_cue_stems parent_links team_of_place_words genitive_endings".split())
    known |= {"language_adjectives"}  # "Tugh (Armenian Togh)": the name in that language
    known |= {"adjective_stems"}  # Karabakhi, Nakhchivani: an English adjective, no Turkic case
    # a text of an individual sport (chess, güləş) and no team game is no football copy
    known |= {"individual_sport_words", "team_sport_words"}
    known |= {"apposition_articles", "apposition_followers"}  # Tugh, a village near Hadrut: an apposition is a cue
    assert {p.stem for p in FILES} <= known


def test_built_once_and_reloads_alike():
    again = Lexicon.load()
    assert again.cues == LEXICON.cues
    assert again.function_words == LEXICON.function_words
    assert word_facts.FUNCTION_WORDS is LEXICON.function_words
    assert cues.SUFFIX_CUES is LEXICON.cues.suffix


def test_a_word_added_to_one_file_is_in_the_field(tmp_path):
    (tmp_path / "az").mkdir()
    (tmp_path / "az" / "org_words.txt").write_text("# Source: test.\nHoldinqi\n", encoding="utf-8")
    (tmp_path / "az" / "cues_after_river.txt").write_text("# Source: test.\nçayı\n", encoding="utf-8")
    lex = Lexicon.load(tmp_path)
    assert lex.org_words == {"holdingi"}
    assert lex.cues.suffix == {"chayi": "river"}


# ------------------------------------------------------------ the lists before the move
def test_org_and_title_words_as_before():
    assert LEXICON.org_words == _f(
        "group process format agreement agreements declaration declarations committee council "
        "commission university institute airlines airline bank club fc football team league "
        "street avenue prospekt prize award festival company corporation times post "
        "news press tv radio conference summit talks treaty protocol memorial foundation brand "
        "hotel restaurant cafe bar party movement front army brigade battalion regiment division "
        "operation tech kargo cargo holding yollari yolları railways railway museum fund "
        "fond fondu fon fonu vakfı"
    ) | _f("logistics medical ii sofrası pedaqoji") | _f(  # session 10: firms, clinics, a second team
        "llc ltd inc plc jsc salonu emlak danışmanlık lig ligi liqa liqası"
    ) | _f("spor") | _f(  # session 11: company forms, businesses and leagues named after a place; 13: clubs
        "union association society federation alliance coalition network academy dernek derneği birliği "
        "federasyonu cemiyeti sendikası akademisi birliyi ittifaqı cəmiyyəti assosiasiyası federasiyası "
        "akademiyası"
    ) | _f("insurance sigorta sigortası sığorta sığortası demiryolları demiryolu kızılay kızılayı express") | _f(
        "havayolları havayolu lojistik müşavirliği müşavirlik palace"
    )  # session 19: unions, associations and societies; 20: insurers, railways, a train; 21: airlines, firms
    assert LEXICON.org_words_any_case == _f(
        "fk pfk qrup qrupu grup grubu gruppa beyanname beyannamesi bəyannamə bəyannaməsi deklaratsiya "
        "universiteti üniversitesi universitet dil dili dilində dilinde dilinə diline türkçesi türkçesiyle "
        "türkcəsi minority minorities klub klubu kulüp kulübü"
    ) | _f("atı atları xanım xanımın hanım hanımın инфо info") | _f(
        "խումբ խմբ խմբի խմբին խմբից խմբում խմբով ՖԱ ՖԱԿ ակումբ հիմնադրամ"
    ) | _f(  # session 11: brandies and streets named after a place
        "brandy cognac konyak konyağı konyakı küçəsi prospekti döngəsi caddesi sokağı bulvarı "
        "grape grapes sparkling bottled"  # session 21: a grape variety, a bottled water
    ) | _f("կոմբինատ կոմբինատի կոմբինատը միություն միության միությունը") | _f("սորտ սորտը սորտի ՓԲԸ ԲԲԸ ՍՊԸ") | _f(
        "carpet carpets rug rugs horse horses xalçası xalçaları xalçasının halısı halıları halısının"
    )  # session 19: a combine, a union; 21: a grape variety, company forms; 22: carpets
    # named after (an eponym), as written only: անվանում ("calls") would read as its locative
    assert LEXICON.org_words_as_written == _f("անվան")
    assert LEXICON.org_names == {fold("Կարմիր Խաչ")}
    assert LEXICON.person_titles == _f(
        "mr mrs ms dr president minister premier general colonel major captain sergeant lieutenant "
        "ambassador envoy mayor governor senator gospodin prezident ministr general"
    ) | _f(
        "նախագահ վարչապետ նախարար պարոն տիկին գեներալ գնդապետ իշխան մելիք արքեպիսկոպոս եպիսկոպոս քահանա դեսպան "
        "խոսնակ տնօրեն ղեկավար ներկայացուցիչ դատախազ պատգամավոր հրամանատար զորավար"
    ) | _f(  # session 10: kin, streets and monuments, a player's position before a given name
        "сын сына дочь дочери внук внучка улица улице улицы улицу ул памятник памятника памятнику имени "
        "полузащитник нападающий вратарь защитник oğlu qızı yarımmüdafiəçi yarımmüdafiəçisi hücumçu "
        "hücumçusu müdafiəçi müdafiəçisi qapıçı qapıçısı dostum midfielder striker goalkeeper defender "
        "forvet forveti kaleci kalecisi"
    ) | _f("melik") | _f(  # session 11: the title of Armenian princes (Melik Avan)
        "полковник подполковник майор капитан лейтенант сержант посол губернатор депутат премьер академик профессор "
        "yüzbaşı binbaşı albay yarbay teğmen üsteğmen kapitan mayor polkovnik leytenant"
    ) | _f("named nicknamed кличке кличкой прозвищу") | _f(
        "brother sister daughter uncle aunt nephew niece grandson granddaughter "
        "брат сестра дядя тётя тетя племянник племянница сосед соседка kızı"
    )  # session 20: Russian, Turkish and Azerbaijani ranks and offices; 21: a person's or a pet's name; 22: kin
    assert LEXICON.artist_titles == _f(
        "singer actor poet writer composer saint st "
        "şair şairi yazıçı yazar bəstəkar besteci müğənni şarkıcı poet poeta pisatel kompozitor şairimiz"
    ) | _f("բանաստեղծ գրող առաքյալ սուրբ")


def test_works_and_function_words_as_before():
    assert LEXICON.work_words == _f(
        "ghazal ghazals gazel gazelleri gazellerini qəzəl qəzəlləri qəzəllərinə qəzəllərini gazeli "
        "rubai rubailəri divan divanı divani poem poems poetry verses "
        "şeir şeiri şeirləri şeirlərindən şiir şiiri şiirleri poema poeması poemaları poemalarına "
        "stikhi stikhov poemy poemu khamsa xəmsə hamse "
        "mausoleum tomb statue bust məqbərə məqbərəsi türbe türbesi heykəl heykəli büst büstü "
        "mavzolei mavzoleya grobnitsa mogila byust"
    ) | _f(  # session 21: a ghazal, a poem, verses in more cases
        "qəzəli qəzəlini qəzəlinə qəzəlində qəzəlindən şeirini beyti beytləri beytlərini "
        "gazelini gazelinde şiirini beyit beyitler beyitleri beyitlerini"
    )
    assert LEXICON.function_words == _f(
        "a an the in on at near to from of for by with without into onto over under after before "
        "since during between among around across along towards toward through via and or but "
        "nor so yet if when while as than then there here this that these those its their his her "
        "our your my we they he she it i you also only even both all some many most several "
        "north south east west northern southern eastern western central upper lower greater "
        "outside inside beyond behind within about against despite until like unlike per "
        "ve və ile ilə bu şu o da də ki ama fakat ancak hem ya ve "
        "i a no v vo na s so k ko u iz ot do po za pod nad pri o ob ili eto tot ta te"
    ) | _f("okolo bliz vozle vblizi mezhdu cherez pered posle vdol sredi vokrug")  # session 12: Около Суговушана
    assert LEXICON.conjunctions == _f("and və ve и or ilə ile")
    assert set(LEXICON.list_conjunctions) == set("and və ve ilə ile и և եւ ու or".split())
    assert set(LEXICON.serial_conjunctions) == set("and və ve и".split())


def test_sports_and_prepositions_as_before():
    lower = (
        "football uefa league match coach stadium striker midfielder goalkeeper scored fans derby penalty "
        "club drew kulüp klub season sezon sezonun sezonu "
        "futbol matç qol qolu qolla liqa liqanın çempionat məşqçi azarkeşlər azarkeşləri stadion "
        "hücumçu yarımmüdafiəçi qapıçı "
        "maç maçta maçı gol golle golleri lig ligi ligde ligi'nde teknik direktör taraftar taraftarlar "
        "stadı stadyum deplasman şampiyonlar forvet kaleci "
        # lang/tr: inflected forms and more words of Turkish match reports
        "maçlar maçları maçlarını maçın maçında maçını golü golünü goller gole puan puanla puanı puanlık oyuncu oyuncusu oyuncular "
        "futbolcu futbolcular futbolcusu antrenör hakem penaltı galibiyet galibiyeti mağlubiyet beraberlik stadyumun stadyumu taraftarı taraftarları kulübü kulübün "
        "футбол матч матче матча гол голы лига лиги тренер болельщики стадион стадионе нападающий "
        "вратарь чемпионат"
    ).split()
    lower += (  # session 10: words of match reports and league tables
        "pts goalless oyunu oyununa oyununda heç-heçə gollerini turnuva turnuvası turnuvasına turnuvada turnuvasının golsüz berabere won qalib karşılaşma karşılaşmada karşılaşmanın karşılaşacak karşılaştı "
        "сыграл сыграли вничью обыграл обыграли разгромил разгромили футбольный футбольного футбольному "
        "клуб клуба клубе счётом счетом"
    ).split()
    lower += "болельщик болельщика болельщиков фанаты фанатов".split()  # session 21: a club's fans
    lower += (  # Armenian (lang/hy)
        "ֆուտբոլ ֆուտբոլային ֆուտբոլի մարզադաշտ մարզադաշտում մարզադաշտի մարզիչ մարզիչը գոլ գոլը գոլով գոլեր "
        "դարպասապահ դարպասապահին դարպասապահը հարձակվող կիսապաշտպան լիգա լիգայի լիգայում առաջնություն "
        "առաջնության առաջնությունում ակումբ ակումբը ակումբի հավաքական հավաքականի հաղթեց պարտվեց ոքի հաշվով "
        "մրցաշրջան մրցաշրջանում"
    ).split()
    assert LEXICON.sports_words == {f for w in lower for f in (w, w[:1].upper() + w[1:], w.upper())}
    assert LEXICON.venue_prepositions == _f("in at from near outside to of в во на из под")
    assert LEXICON.locative_prepositions == frozenset(
        "in from to near at into towards toward around outside".split()
    ) | _f("в во на из под у около близ возле через до от к ко")
    assert set(LEXICON.parent_prepositions) == {"in", "in the", "of", "of the", "в", "во"}
    assert LEXICON.prepositions == _f("v vo na pod iz ot do k ko u okolo bliz mezhdu za so po cherez pri nad pered")


def test_endings_and_markers_as_before():
    assert set(LEXICON.family_endings) == _f("yan ian yants ov ova ev eva yev yeva zade zada ovich evich ovna evna")
    assert set(LEXICON.surname_endings) == _f(
        "ov ova ev eva yev yeva iyev iyeva yan ian yants ants vi zade zada ovich evich ovna evna li lu ly ski sky"
    ) | _f("եան եանց")  # Armenian, classical (Շահումեան)
    assert LEXICON.plural_words == {"syol", "sel", "syola", "sela"}
    assert LEXICON.plural_endings["en"] == ("s",)
    assert set(word_facts._PLURAL_TURKIC) == _f("lar lər ları ləri ler leri")
    assert set(LEXICON.plural_endings["ru"]) == _f("ов ах ы")
    assert LEXICON.place_cases == {"da", "de", "ta", "te", "dan", "den", "tan", "ten"} | _f("ում ից ուց ով")
    assert set(LEXICON.place_case_prefixes) == {"da", "de", "ta", "te", "nda", "nde"} | _f("ում ից ուց")
    assert LEXICON.dative_endings == {"a", "e", "ya", "ye", "na", "ne"}
    assert LEXICON.prose_markers == frozenset(
        "the The of and was were said for that with from has have is are this which will would been "
        "by its their it at to in".split()
    )
    assert LEXICON.foreign_name_heads == {"New", "NEW"}
    assert LEXICON.articles == {"the"}
    assert LEXICON.work_prepositions == {"of", "by"}
    assert set(LEXICON.special_letters) == set("əƏıİğĞşŞçÇöÖüÜ")


def test_cue_tables_as_before():
    suffix = {
        "admin": "district districts province provinces region regions rayon rayonu raion rajon rayonlar "
        "rayonlari bolgalari bolgeleri ilceleri raiony raionov raionakh oblasti marzer "
        "bolgesi bolge bolgasi ilcesi ilchesi rayona rayone rayonom rayonakh oblast oblasti marz marzi "
        "shrjan shrjani municipality munitsipaliteti "
        "obl r "  # the postal abbreviations обл. and р-н (cut at its hyphen)
        "uyezd uezd uyezds уезд qəza qəzası qəzasının qəzasında",  # session 20: the Russian Empire's district
        "settlement": "city cities towns town village villages settlement settlements sheheri shahari shaharlari "
        "merkez merkezi merkezinde merkezine merkezinden mərkəz mərkəzi mərkəzində mərkəzinə mərkəzindən "
        "direction directions istiqamət istiqaməti istiqamətində istiqamətlərində yönünde yönü "
        "istikametinde napravlenie napravlenii napravleniyakh "
        "shehri kenti kentleri kandi kandlar koyler "
        "kandlari koyu koyleri qasabasi kasabasi gorod goroda selo sela poselok derevnya qyugh gyugh "
        "kaghak kaghaki "
        "şehir şəhər",  # session 11: "city" as the first word of a compound (Nahçıvan şehir stadı)
        "river": "river rivers chayi chay nehri reka reki getr geti "
        "sahili sahilinde sahilində kiyisi kiyisinda kıyısı kıyısında qolu qollari "
        "havzasi havzasinda havzasindaki hovzasi hovzasinda hovzasindaki basin",  # a river's basin
        "place": "güneyinde güneyinden güneyindeki kuzeyinde kuzeyinden kuzeyindeki doğusunda doğusundan "
        "batısında batısından cənubunda cənubundan şimalında şimalından şərqində şərqindən qərbində qərbindən "
        "yakınında yakınındaki yakınlarında yakınlarındaki yaxınlığında yaxınlığındakı ətrafında ətrafındakı "
        "çevresinde çevresindeki civarında civarındaki "
        "anklavı anklavları anklavında",  # session 12: an enclave (Kərki anklavı)
        "origin": "doğumlu doğumludur asıllı kökenli əsilli",  # a birthplace (session 20: a group of its own)
        "mountain": "mount mountain mountains range ridge hill height heights dagi dagh silsilasi tepe tepesi "
        "gora khrebet lernashghta ler leran pass ashirimi pereval yuksaklik yuksakliyi tapasi gechit gechidi",
        "water": "lake reservoir dam golu gol gulu su anbari baraji vodokhranilishche vodokhranilishch ozero lich jrambar",
        "landmark": "bridge bridges korpusu korpulari koprusu kopruleri most mosty corridor dahlizi "
        "koridor koridoru monastery cathedral mosque fortress cave airport",
    }
    armenian = {  # lang/hy, in Armenian script
        "settlement": "գյուղ քաղաք ավան համայնք բնակավայր մայրաքաղաք ուղղություն ուղղությամբ ուղղության",
        "admin": "շրջան մարզ տարածաշրջան նահանգ գավառ",
        "river": "գետ ջրեր հովտ ափ ափի ափին ափը ափով ափից ափեր ափերի ափերին ափերով ափերից ավազան",
        "mountain": "լեռ լեռան լեռներ լեռնաշղթա լեռնանցք բարձունք սար գագաթ",
        "water": "ջրամբար լիճ լճ",
        "landmark": "միջանցք կամուրջ կամրջ վանք եկեղեցի բերդ քարանձավ ճոպանուղի սարավանդ անցակետ",
    }
    for g, ws in armenian.items():
        suffix[g] += " " + ws
    assert LEXICON.cues.suffix == {fold(w): g for g, ws in suffix.items() for w in ws.split()}
    prefix = {
        "admin": "district of|region of|province of|districts of|regions of|rayon of",
        "settlement": "city of|town of|village of|villages of|settlement of|gorod|g|selo|sele|sela|syola|selakh|"
        "syolakh|sel|syol|posyolok|poselke|posyolke|gorode|goroda|gorodakh|derevne|derevni|s|pos|poselok|"
        "derevnya|towns of|cities of|centre of|center of|tsentre|tsentr",
        "river": "river|reka|the river|pritoki|pritok|bereg|berega|beregu|tributary of|tributaries of|banks of|"
        "dolina|doline|dolinu|dolini|dolinoi|"  # в долине Аракса
        "bassein|basseina|basseine|basseinu|basseinom",  # в бассейне Тертера
        "place": "south of|north of|east of|west of|southeast of|southwest of|northeast of|northwest of|"
        "outskirts of|yuzhnee|severnee|vostochnee|zapadnee|"
        "enclave of|enclaves of|exclave of|"  # session 12: an enclave (Анклавы Бархударлы и Софулу)
        "anklav|anklava|anklave|anklavom|anklavy|anklavov|anklavam|anklavakh",
        # a birthplace (session 20: a group of its own, a settlement or area: not a river)
        "origin": "born in|native of|urozhenets|urozhenka|urozhentsi|rodom iz",
        "mountain": "mount|mt|gora|visota",
        "water": "lake|ozero",
    }
    assert LEXICON.cues.prefix == {fold(p): g for g, ps in prefix.items() for p in ps.split("|")}


# ------------------------------------------------------------ the cached lists
def _lists_folder(tmp_path):
    root = tmp_path / "lang"
    (root / "az").mkdir(parents=True)
    (root / "az" / "org_words.txt").write_text("# Source: test.\nHoldinqi\n", encoding="utf-8")
    return root


def _private_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("GAZETTEER_CACHE", str(cache))
    return cache


def test_cached_lists_equal_the_lists_read_from_the_files(tmp_path, monkeypatch):
    from gazetteer import lang

    _private_cache(tmp_path, monkeypatch)
    first = lang._cached()  # read from the files, then written
    again = lang._cached()  # read from the cache
    assert again == first == lang._built()
    assert vars(LEXICON) == vars(Lexicon.load())
    assert lang.GENERIC_WORDS == lang.load_generic_words()
    assert lang.TRANSCRIPTIONS == lang.load_transcriptions()


def test_a_list_edited_after_caching_is_read_afresh(tmp_path, monkeypatch):
    from gazetteer import lang

    cache = _private_cache(tmp_path, monkeypatch)
    root = _lists_folder(tmp_path)
    assert lang._cached(str(root))["lexicon"]["org_words"] == {"holdingi"}
    assert list(cache.glob("lexicon-*.marshal"))
    (root / "az" / "org_words.txt").write_text("# Source: test.\nHoldinqi\nBirliyi\n", encoding="utf-8")
    assert lang._cached(str(root))["lexicon"]["org_words"] == {"holdingi", "birliyi"}
    (root / "az" / "given_names.txt").write_text("# Source: test.\nKamal\n", encoding="utf-8")  # a new file
    assert lang._cached(str(root))["lexicon"]["given_names"] == {"kamal"}


def test_a_damaged_cache_is_rebuilt_from_the_files(tmp_path, monkeypatch):
    from gazetteer import lang

    cache = _private_cache(tmp_path, monkeypatch)
    root = _lists_folder(tmp_path)
    lang._cached(str(root))
    (path,) = cache.glob("lexicon-*.marshal")
    path.write_bytes(path.read_bytes()[:100])
    assert lang._cached(str(root))["lexicon"]["org_words"] == {"holdingi"}


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    from gazetteer import lang

    cache = _private_cache(tmp_path, monkeypatch)
    cache.chmod(0o777)
    root = _lists_folder(tmp_path)
    assert lang._cached(str(root))["lexicon"]["org_words"] == {"holdingi"}
    assert not list(cache.glob("lexicon-*"))
