"""Training questions derived from the corpus itself, without an LLM: a clause that cites another article
("依照民法典第五百八十四条的规定", "本法第十条") describes, in its own words, a situation the cited article governs.
The sentence around the citation, with the citation removed, becomes a question whose gold is the cited article.

    python3 models/training/citation_questions.py ROOT --out QUESTIONS.jsonl [--per-article 3] [--min-chars 12]

ROOT is a folder of Markdown laws as in national_laws_md.tar.gz (one file per document, "第N条" at the start of a
line opens an article; several versions of a law are told apart by the date in the file name). The output is in the
eval format ({"id", "question", "gold": [{"source", "clause": [...]}]}), so `govassist.jar training-pairs` turns it
into training pairs with the gold clauses as the index embeds them and hard negatives from the index. Deterministic:
files and articles are read in sorted order, and the per-article cap keeps the first sentences found.
"""
import argparse
import collections
import json
import os
import re

NUM = "零一二三四五六七八九十百千"
ARTICLE = re.compile(rf"^\s*(第[{NUM}]+条(?:之[{NUM}]+)?)")
TAIL = rf"(?:第[{NUM}]+[款项]|（[{NUM}]+）|(?:、|，|和|及|或者|至)第[{NUM}]+[条款项](?:之[{NUM}]+)?)*"
CITE = re.compile(rf"(第[{NUM}]+条(?:之[{NUM}]+)?)({TAIL})")
MORE = re.compile(rf"(第[{NUM}]+条(?:之[{NUM}]+)?)")
SELF = re.compile(r"本(?:法|条例|规定|解释|办法|规则|细则|决定)$")
DATED = re.compile(r"^(.*?)[(（](\d{4}-\d{2}-\d{2})[)）]$")
SENTENCE = re.compile(r"[^。；;！？\n]+[。；;！？]?")
LEAD_IN = re.compile(r"(?:根据|依照|依据|按照|适用|违反)的?规定，?")  # what is left of "依照《X》第N条的规定，"
UNDATED = "9999-99-99"  # sorts after every date: the current text of a law kept without a date
HAN = re.compile(r"[\u4e00-\u9fff]")


def name_and_date(path):
    """The name a citation uses for a file (its stem without the date and without 中华人民共和国) and its date."""
    stem = os.path.splitext(os.path.basename(path))[0]
    m = DATED.match(stem)
    name, date = (m.group(1), m.group(2)) if m else (stem, UNDATED)
    return name.removeprefix("中华人民共和国"), date


def read_articles(path):
    """Article label ("第五十四条", "第一百二十条之一") -> text, in document order."""
    articles, current = collections.OrderedDict(), None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") or line.startswith("<!--"):
                current = None
                continue
            m = ARTICLE.match(line)
            if m:
                current = m.group(1)
                articles.setdefault(current, "")
                line = line[m.end():]
            if current is not None and line.strip():
                articles[current] += line.strip() + "\n"
    return articles


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-article", type=int, default=3, help="at most this many questions per cited article")
    ap.add_argument("--min-chars", type=int, default=12, help="Chinese characters a question needs after the cut")
    args = ap.parse_args()

    files = sorted(os.path.relpath(os.path.join(d, f), args.root)
                   for d, _, fs in os.walk(args.root) for f in fs if f.endswith(".md"))
    docs = {f: read_articles(os.path.join(args.root, f)) for f in files}
    # name -> [(date, file)], newest last; 民法典's parts share one numbering, so the name maps to all of them
    by_name = collections.defaultdict(list)
    for f in files:
        name, date = name_and_date(f)
        by_name[name].append((date, f))
        if os.path.dirname(f) == "民法典":
            by_name["民法典"].append((UNDATED, f))
    for v in by_name.values():
        v.sort()
    names = sorted((n for n in by_name if len(n) >= 2), key=len, reverse=True)
    named = re.compile("(?:《(?:中华人民共和国)?(" + "|".join(map(re.escape, names)) + ")》|(?:中华人民共和国)?("
                       + "|".join(map(re.escape, names)) + "))$")

    def resolve(name, article, citing_date):
        """The file holding `article` of `name`: the newest version no newer than the citing file."""
        versions = by_name.get(name, [])
        older = [f for d, f in versions if d <= citing_date] or [f for _, f in versions]
        for f in reversed(older):
            if article in docs[f]:
                return f
        return None

    per_article = collections.Counter()
    seen = set()  # question texts
    out = []
    for f in files:
        _, citing_date = name_and_date(f)
        for label, text in docs[f].items():
            for sentence in SENTENCE.findall(text):
                cites = []
                for c in CITE.finditer(sentence):
                    before = sentence[:c.start()]
                    s = SELF.search(before)
                    articles = [c.group(1)] + MORE.findall(c.group(2))
                    if s:
                        cites += [(s.start(), c.end(), f, x) for x in articles]
                        continue
                    n = named.search(before)
                    if n:
                        for x in articles:
                            target = resolve(n.group(1) or n.group(2), x, citing_date)
                            if target:
                                cites.append((n.start(), c.end(), target, x))
                if not cites:
                    continue
                question = sentence
                for start, end in sorted({(c[0], c[1]) for c in cites}, reverse=True):
                    question = question[:start] + question[end:]
                question = LEAD_IN.sub("", question).strip(" ，,、：:")
                if len(HAN.findall(question)) < args.min_chars or question in seen:
                    continue
                gold = collections.OrderedDict()  # one question per sentence, every article it cites is gold
                for _, _, target, article in cites:
                    if (target, article) != (f, label) and per_article[(target, article)] < args.per_article:
                        gold.setdefault(target, [])
                        if article not in gold[target]:
                            gold[target].append(article)
                if not gold:
                    continue
                seen.add(question)
                for target, articles in gold.items():
                    for article in articles:
                        per_article[(target, article)] += 1
                out.append({"id": f"cite-{len(out)}", "question": question,
                            "gold": [{"source": t, "clause": a} for t, a in gold.items()]})
    with open(args.out, "w", encoding="utf-8") as o:
        for q in out:
            o.write(json.dumps(q, ensure_ascii=False) + "\n")
    folders = collections.Counter(g["source"].split("/")[0] for q in out for g in q["gold"])
    print(f"{len(out)} questions, {len(per_article)} cited articles; gold sources by folder: {dict(folders.most_common())}")


if __name__ == "__main__":
    main()
