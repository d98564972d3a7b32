import csv
import json
import os
import re
import unicodedata

places = {
    r["key"]: r for r in csv.DictReader(open("/work/shared/eval/places_gold.tsv", encoding="utf-8"), delimiter="\t")
}
meta = {
    "001": ("en", "wire"),
    "002": ("en", "social_post"),
    "003": ("en", "humanitarian_report"),
    "004": ("az", "official_statement"),
    "005": ("az", "local_news"),
    "006": ("az", "social_post"),
    "007": ("tr", "wire"),
    "008": ("tr", "machine_translation_from_az"),
    "009": ("tr", "local_news_sport"),
    "010": ("ru", "wire"),
    "011": ("ru", "humanitarian_report"),
    "012": ("ru", "machine_translation_from_az"),
    "013": ("hy", "wire"),
    "014": ("hy", "social_post"),
    "015": ("hy", "official_statement"),
}
out = "/work/main/eval/set_m/texts"
os.makedirs(out, exist_ok=True)
gold = []
mrows = []
pat = re.compile(r"⟦([^|⟧]+)\|([^⟧]+)⟧")
for d in sorted(meta):
    src = open(f"/tmp/src/{d}.txt", encoding="utf-8").read()
    src = unicodedata.normalize("NFC", src)
    text = ""
    pos = 0
    spans = []
    for m in pat.finditer(src):
        text += src[pos : m.start()]
        s = len(text)
        text += m.group(1)
        e = len(text)
        pos = m.end()
        spans.append((s, e, m.group(1), m.group(2)))
    text += src[pos:]
    assert "⟦" not in text and "⟧" not in text, d
    fn = f"{d}.txt"
    open(f"{out}/{fn}", "w", encoding="utf-8").write(text)
    t2 = open(f"{out}/{fn}", encoding="utf-8").read()
    for s, e, sp, k in spans:
        assert t2[s:e] == sp
        # whole-word check
        assert not (s > 0 and t2[s - 1].isalnum()), (d, sp, "left")
        assert not (e < len(t2) and (t2[e].isalnum() or t2[e] == "'")), (d, sp, "right", t2[e : e + 5])
        if k == "-":
            gold.append({"doc": fn, "start": s, "end": e, "text": sp, "key": None, "kind": "", "ignore": True})
        else:
            assert k in places, (d, k)
            gold.append({"doc": fn, "start": s, "end": e, "text": sp, "key": k, "kind": places[k]["kind"]})
    w = len(text.split())
    mrows.append((fn, *meta[d], w))
    print(fn, meta[d], w, len(spans), sum(1 for x in spans if x[3] == "-"))
with open(f"{out}/gold.jsonl", "w", encoding="utf-8") as f:
    for g in gold:
        f.write(json.dumps(g, ensure_ascii=False) + "\n")
with open(f"{out}/meta.tsv", "w", encoding="utf-8") as f:
    f.write("doc\tlang\tstyle\twords\n")
    for r in mrows:
        f.write("\t".join(map(str, r)) + "\n")
print(len(gold), sum(1 for g in gold if g.get("ignore")))
