"""Test passages written for this suite (not taken from any evaluation set)."""

from __future__ import annotations

ENGLISH = (
    "BAKU, Nov 3 (Reuters) - Shelling was reported overnight near Aghdam and in Terter, where residents "
    "said the Araz river crossing had been closed. Officials in Stepanakert denied the claims."
)
ENGLISH_IDS = ["baku", "aghdam", "terter", "araz_river", "khankendi"]

AZERBAIJANI = (
    "Səhər saatlarında Şuşaya gedən yol açıldı, köçkünlər Xankəndidən Ağdama qayıtdı. Füzulidə yeni məktəb tikilir."
)
AZERBAIJANI_IDS = ["shusha", "khankendi", "aghdam", "fuzuli"]

RUSSIAN = "Журналисты побывали в Шуше и в селах Физулинского района, а затем вернулись в Гадрут."
RUSSIAN_IDS = ["shusha", "fuzuli_district", "hadrut"]

TURKISH = (
    "Gazeteciler Hadrut'a ulaştı; Cebrail'in köylerinde mayın temizliği sürüyor. Ağdam'da çalışmalar devam ediyor."
)
TURKISH_IDS = ["hadrut", "jabrayil", "aghdam"]

ARMENIAN = "Լրագրողները այցելեցին Ստեփանակերտ և Շուշի։"
ARMENIAN_IDS = ["khankendi", "shusha"]

NEGATIVES = (
    "At the Peter Gabriel concert last night, Ilham Aliyev was not in the audience. The Red Cross and "
    "the OSCE Minsk Group co-chairs dined on steak with tartar sauce and a martini, and a line of "
    "Nizami Ganjavi was quoted. Mr Fuzuliyev declined to comment."
)

CUES = "The Gabriel region; Fuzuli district; the city of Fuzuli; Khojavend province."
CUES_IDS = ["jabrayil_district", "fuzuli_district", "fuzuli", "khojavend_district"]

# Names to inject into random text (surface, id).
INJECTED = [
    ("Cəbrayıl", "jabrayil"),
    ("Füzulidə", "fuzuli"),
    ("Джебраил", "jabrayil"),
    ("Stepanakert", "khankendi"),
    ("Hadrut'a", "hadrut"),
    ("Şuşaya", "shusha"),
    ("Xankəndidən", "khankendi"),
    ("в Гадруте", "hadrut"),
    ("Aghdam", "aghdam"),
    ("AGDAM", "aghdam"),
    ("Ստեփանակերտ", "khankendi"),
    ("Khojavend province", "khojavend_district"),
    ("Araz river", "araz_river"),
]
