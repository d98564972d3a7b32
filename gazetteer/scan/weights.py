"""Every threshold and score the text scanner uses, named, with why.

Units: characters of a folded key (``len(fold(word))``) unless said otherwise;
"rank" is the matcher's candidate rank (:func:`gazetteer.matcher.prior`: match score
+ 2 x importance + cue and variant adjustments); "importance" is the place table's.
Changing one changes output: run the identity check and the eval sets (eval/run.sh).
"""

from __future__ import annotations

# ---------------------------------------------------------------- match scores and ranks
# How sure each way of matching a name is (a mention's score); lookup tries them in this order.
METHOD_SCORE = {"exact": 100.0, "folded": 97.0, "inflection": 93.0, "skeleton": 88.0, "fuzzy": 85.0}
# rank = score + IMPORTANCE_FACTOR * importance: among same-name places the weightier first.
IMPORTANCE_FACTOR = 2
# A cue that fits the place's kind ("Fuzuli district") settles it; one that does not, refuses it.
CUE_FITS = 15
# An alias that needs context ("Gabriel") loses to names that do not, unless a cue gives it.
NEEDS_CONTEXT_PENALTY = 6
# A bare name is rather the village than the river or mountain of that name (near Yeraskh).
BARE_FEATURE_PENALTY = 4
# The place's own name (canonical, or its official az/ru/hy form) beats another place's alias.
OWN_NAME_BONUS = 4
# A known machine-translation error ("mt_error" variant) is the weakest reading without a cue.
MT_ERROR_PENALTY = 2
# Same-name places kept per mention for disambiguation (the best by rank).
MAX_CANDIDATES = 8
# (No weight, decided in issue 13, lk22: early.prefer_region raises the region's village over
# far villages only, not over a far town. In the seven same-name pairs (by English name) of a
# region village and a far town, the towns carry sourced populations (3,166 to 24,596: Berd of
# Tavush, Göytəpə, Bina) and the villages none, so population cannot decide between them, and
# a region preference over such towns would read Berd as Syunik's village. The village that
# asked for it, Əhmədbəyli of Fuzuli, lies east of table.CONFLICT_BOX besides, against a town
# of 17,242 people.)

# ---------------------------------------------------------------- words and spans
# The longest name, in words, a run of words is tried as (longer names are not keys).
MAX_WORDS = 5
# An inflected word is looked up only from this folded length: shorter words cut into a
# stem and an ending are mostly other words (and an exact hit of 5+ letters may still be
# a declined form: "Гориса" is Goris, not the village Gorisa).
MIN_INFLECTED_KEY = 5
# The same for an Armenian word, whose endings are read on its letters, not guessed from
# the folded key: Սուսի (of Sus), Տողում (in Togh).
MIN_INFLECTED_KEY_ARMENIAN = 4
# The same for a Cyrillic word read through a Russian name of its place: "Туга", "Туге",
# "Тугу" (Туг, Tugh), "Тога" (Тог); a Russian ending is read off a declinable noun, and a
# three-letter stem names a place only as a name Russian writes so.
MIN_INFLECTED_KEY_CYRILLIC = 4
# A declined reading replaces an exact one only when its place outweighs the exact one's
# by more than this much importance (a town's genitive over a village of the same letters).
INFLECTED_OVER_EXACT = 3
# A variant written in capitals up to this length is an abbreviation (BƏƏ, ABŞ): a word
# of running text not in capitals is not it ("Baa", a credit rating, is not the Emirates).
ABBREVIATION_MAX = 4
# A short word in capitals with no cue (UN, OF, SUS) is an abbreviation, not a name.
CAPITALS_MAX = 3
# A word matching only transliterations (Bank = Банк, Omar = Օմար) is a place only with a
# cue up to this length (without its ending).
TRANSLITERATED_MAX = 4
# A lowercase word is a name only from this length (shorter ones are words: "bak", "ağa").
LOWERCASE_MIN = 4
# A text is lower-case (machine translation, phone typing) when at least this share of its
# sentences that open with a word other than a place name open in lower case: real prose
# capitalises nearly all, a lower-cased text nearly none.
LOWER_TEXT_SHARE = 0.5
# In a lower-case text a town named like a word ("баку") is the place when another place the
# text names lies within this many km: the region and the capitals around it, not Togo.
LOWER_NEAR_KM = 350
# A village that opens a sentence without a cue ("3. Khandzadzor: a church", a line of a list
# of villages) waits for corroboration; it is the village when another place the text
# names lies within this many km: a district's width, so a list of one area's villages.
VILLAGE_NEAR_KM = 40
# A quoted name is a thing's (club, firm, ensemble) when one of its words stands this many
# words after the closing quote at most ("Ağdam" muğam ansamblı).
QUOTED_TAIL_WORDS = 2
# A title before a person's name may end in a period only when it is this short, an
# abbreviation (Dr. Aras, Prof. Demir): a whole word with a period (a transcript's
# "Պատգամավոր." or "Deputy.") ends its sentence, and the name after it is no person's.
TITLE_ABBREVIATION_MAX = 5
# A one-word cue before a name counts from this folded length: a lone letter is never a
# cue by itself, though the cue table lists г and с (город, село) and s, g are initials.
PREFIX_CUE_MIN = 2
# How far back a sentence start is looked for before a word: a break and its spaces.
SENTENCE_LOOKBACK = 4

# ---------------------------------------------------------------- context
# How many items back a plural cue after a list (or before it) reaches: "the Jabrayil,
# Fuzuli, ... and Zangilan districts".
LIST_ITEMS = 8
# How many capitalised words after the name an organisation word may follow ("Baku State
# University", "Azerbaijan National Carpet Museum").
ORG_REACH = 2
# Football copy: a text with this many sports words (or one and a score) has sports
# sentences; with HEADLINE_SPORTS_WORDS, its short lines (headlines) are sports copy too.
SPORTS_WORDS_MIN = 2
HEADLINE_SPORTS_WORDS = 3
# A line shorter than this that does not end in a full stop is a headline.
HEADLINE_MAX = 100
# English prose: at least ENGLISH_MIN markers (the, of, said...) and one word in ENGLISH_ONE_IN;
# Turkic endings on plain ASCII words of English prose are English letters (Bakunin).
ENGLISH_MIN = 2
ENGLISH_ONE_IN = 12

# ---------------------------------------------------------------- disambiguation
# A mention is still open to distance when its best candidate leads the next by less than this rank.
OPEN_MARGIN = 4
# Distance counts for rank: one rank point per KM_PER_RANK km from the nearest anchor.
KM_PER_RANK = 50
# Distance from a place to anchors when none is closer (or there are none), km.
FAR_KM = 500.0
# A river's point (its mouth, or one point of its course) says little of where along it a
# text is: its distance to the text's places counts as RIVER_KM at most (the Araz's mouth
# lies 200 km from Jabrayil, which it flows past; a village named Araks lies by Yerevan).
RIVER_KM = 50.0
# After the passes, a mention (however far its best reading led) turns to another reading
# of its name when the text's other places crowd round that one: at least
# CROWD_ANCHORS of them within CROWD_KM of it (a province's width), and none within
# CROWD_FAR_KM of the reading it had ("Мартуни" beside Vardenis and Gegharkunik is
# Armenia's Martuni, not Khojavend).
CROWD_ANCHORS = 2
# ... one anchor, for a reading that is a town or city (no village): a town's namesake
# is named as rarely as it is, so one place of its province in a text that names nothing
# near the reading it had settles it ("В Мартуни и окрестностях Вардениса")
CROWD_TOWN_ANCHORS = 1
CROWD_KM = 40.0
CROWD_FAR_KM = 80.0
# After the crowd, a name with several readings turns to the reading that lies within
# NEAR_SURE_KM (a district's half-width: a village and its neighbours) of a place the text
# names without doubt (a name with one reading only; a lake counts, by its centre, as its
# shore lies within about its half-length; a region or country does not, its point says
# little), when the reading it had lies more than NEAR_SURE_FAR_KM from every such place
# (twice as far: the text is about somewhere else) ...
NEAR_SURE_KM = 30.0
NEAR_SURE_FAR_KM = 60.0
# A village (or town) cue turns a name to a same-name place of that kind only where that
# place lies no more than CUE_KIND_FARTHER_KM farther from the text's other places than the
# reading it had (a district's half-width): "село Ханкенди" in a history of Stepanakert is the
# city's old name, not a far village of the name; "Bartaz kəndi" beside its namesake is the village.
CUE_KIND_FARTHER_KM = 30.0
# ... and outranked the near one by at most NEAR_SURE_MARGIN: the importance of a town over
# a village (2 x about 5.4 = 10.8) and a little, so a village beside the text's places beats
# a far town of its name ("Əhmədbəyli" beside Horadiz is Fuzuli's village, not Saatly's town)
# but never a far city (2 x 7 and more) or a reading a fitting cue chose (CUE_FITS = 15).
# (A town or city becomes a village so only with a cue beside the name, "Əhmədbəyli
# kəndlərində": bare, "Shamakhi" between Goris and Sisian is still the city.)
NEAR_SURE_MARGIN = 13.0
# Anchors are coordinates rounded to this many decimals (about 1 km): pairs recur, cached.
ANCHOR_DECIMALS = 2
# A village in the district named just before (or right after) it wins a near tie.
PARENT_DISTRICT_BONUS = 3
# A district named within this many characters after a village names its parent ("Talish (Tartar").
PARENT_GAP = 3
# Same-name villages within this many characters of each other are taken to lie close together.
NEIGHBOUR_WINDOW = 200

# ---------------------------------------------------------------- caches (memory, not output)
# Words whose verdict (can a mention start here?) is kept: the vocabulary of a corpus; 200,000
# keeps the random-vocabulary stress run under 200 MB (was 300,000).
VOCABULARY_CACHE = 200_000
# Per-word answers (first word hits, inflected hits) kept by lru_cache.
WORD_HITS_CACHE = 100_000
# The smaller per-token caches (cue groups, org words, pairs, rankings, distances), each
# emptied when it reaches this size, so memory stays flat over a corpus.
SMALL_CACHE = 50_000
# Questions of the word lists (common word? ambiguous name?) the engine asks the index one at
# a time (a call into Python and two or three queries, 20-25 µs) before it reads the lists
# whole (3 ms with the file in the page cache, about 10 ms cold): a sentence never pays for
# the whole lists, a corpus pays once and no longer pays 400 questions first (64 rather
# than 400: API newswire 8 MB 1,216 M -> 1,205 M instructions).
WORD_LISTS_AFTER = 64
# Gaps between words shorter than this are cached (as whether they join two words of a name).
JOIN_CACHE_GAP = 8
# Distinct gaps between list items kept by lru_cache.
LIST_GAP_CACHE = 4096

# ---------------------------------------------------------------- lookup (gazetteer.matcher)
# A name typed or listed, not running text: loose matching (skeleton, fuzzy) is allowed.
LOOKUP_CACHE = 20_000  # queries whose candidates are kept (batches repeat names)
# Loose matching only for keys of at least this many letters (spaces aside): shorter
# ones match too many words.
LOOSE_MIN = 4
# A family name is a known name plus an ending (Lachinov): the stem must be this long.
SURNAME_STEM_MIN = 4
# A family-name ending this long (yan, ova, zade: not -li, -ov) on a word that is no known
# name marks a surname as well as a name's misspelling: such a word is read loosely only one
# edit from a name that matters (Shushanyan is no Shushakyand misspelt).
SURNAME_ENDING_MIN = 3
# Skeleton (consonant classes): keys of at least this length, similar at least this much
# (rapidfuzz ratio, 0-100); score = SKELETON_SCORE_BASE + SKELETON_SCORE_FACTOR x similarity,
# capped at METHOD_SCORE["skeleton"], less SKELETON_LEMMA_PENALTY for an inflected form's.
SKELETON_MIN = 3
SKELETON_SIMILARITY_MIN = 75
SKELETON_SCORE_BASE = 60
SKELETON_SCORE_FACTOR = 0.3
SKELETON_LEMMA_PENALTY = 3
# Fuzzy (rapidfuzz ratio over keys with the same first letter): keys of at least
# FUZZY_MIN_LEN, lengths within FUZZY_LENGTH_SLACK, the FUZZY_CANDIDATES best; the
# similarity needed falls with length (a typo weighs more in a short name), and the score
# is FUZZY_SCORE_FACTOR x similarity, capped at METHOD_SCORE["fuzzy"].
FUZZY_MIN_LEN = 5
FUZZY_LENGTH_SLACK = 2
FUZZY_CANDIDATES = 8
FUZZY_NEEDED = ((6, 90.0), (9, 85.0))  # (longest key length, similarity needed)
FUZZY_NEEDED_LONGER = 82.0
FUZZY_SCORE_FACTOR = 0.9
# A query written exactly as a name of the place (not only folded alike) ranks higher.
EXACT_BONUS = 3
# "Sofulu, Cəbrayıl rayonu": a candidate of the head in the place the tail names, or
# within WITHIN_KM of it, gains WITHIN_BOOST; each loses a rank point per WITHIN_KM_PER_RANK km
# (10: "Agarak (Meghri)" asks for the Agarak near Meghri, so 20 km nearer outweighs the two
# points of importance between two villages of a name).
WITHIN_BOOST = 15
WITHIN_KM = 40
WITHIN_KM_PER_RANK = 10
