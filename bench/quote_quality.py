"""Quote quality on a question set: does the shown quote of the first correct hit (ask, top 5) hold
the answer (answer_contains, whitespace- and case-tolerant)? Also reported: the same on the record's
short answer_quote where the set has one ("key"), and the quotes' mean and longest length.
Modes: new (default), lexical (no vectors), old (the shared-words picker this replaced).
Usage: python bench/quote_quality.py QUESTIONS INDEX [MODE] [-v]"""
import sys, re, json, unicodedata
from pathlib import Path
from askbot.settings import Settings
from askbot.retrieve import Engine
from askbot.evaluate import load_questions, _matches

def norm(t): return " ".join(unicodedata.normalize("NFKC", t).casefold().split())
def words(t): return re.findall(r"\w+", norm(t))

def tolerant(ans, quote):
    a, q = words(ans), set(words(quote))
    return bool(a) and sum(w in q for w in a) / len(a) >= 0.8

def main(qfile, index, mode):
    e = Engine.load(Settings(index_dir=Path(index)))
    from askbot.retrieve import quotes
    if mode == "old":
        from askbot.index import tokenize
        _S = re.compile(r"[^\n.!?]+[.!?]*", re.UNICODE)
        def best_quote(query, text, limit=300):
            qq = set(tokenize(query)); best, bs = "", -1.0
            for m in _S.finditer(text):
                s = m.group().strip(" -•*\t")
                if len(s) < 3: continue
                toks = tokenize(s); sc = len(qq.intersection(toks)) + min(len(toks), 12) / 100
                if sc > bs: best, bs = s, sc
            quote = best or text.strip()
            if len(quote) > limit:
                cut = quote[:limit]; quote = cut[: cut.rfind(" ")] if " " in cut else cut
            return quote
        quotes.Quoter.__call__ = lambda self, p, query: best_quote(query, p.text)
    elif mode == "lexical":
        quotes.Quoter.__call__ = lambda self, p, query: quotes.pick_quote(p.text, query)
    rows, lens = {}, {}
    keys = {d["id"]: d.get("answer_quote") for d in map(json.loads, filter(str.strip, open(qfile, encoding="utf-8")))}
    for q in load_questions(Path(qfile)):
        if not q.answer_contains: continue
        a = e.ask(q.question, k=5)
        c = next((c for c in a.hits if _matches(q, e.passage(c.passage_id))), None)
        r = rows.setdefault(q.lang, [0, 0, 0, 0, 0, 0])
        r[0] += 1
        if c is None: continue
        r[1] += 1
        r[2] += norm(q.answer_contains) in norm(c.quote)
        r[3] += tolerant(q.answer_contains, c.quote)
        if keys.get(q.id):
            r[4] += 1
            r[5] += tolerant(keys[q.id], c.quote)
        lens.setdefault(q.lang, []).append(len(c.quote))
        if "-v" in sys.argv and not tolerant(q.answer_contains, c.quote):
            print(q.id, q.lang, "|", q.answer_contains[:70], "| QUOTE:", c.quote[:150].replace("\n", " / "))
    for lang, (n, found, exact, tol, nkey, key) in sorted(rows.items()):
        ln = lens.get(lang) or [0]
        print(f"{lang}: n={n} correct-in-top5={found} quote-holds exact={exact/max(found,1):.3f} tolerant={tol/max(found,1):.3f}"
              + (f" key={key/nkey:.3f} (of {nkey})" if nkey else "") + f" quote chars mean={sum(ln)/len(ln):.0f} max={max(ln)}")

main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith('-') else 'new')
