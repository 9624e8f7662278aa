"""The multi-set quality table (called by scripts/quality-table, which selects the JDK and builds the jar).

Every set over the corpus a deployment would have, for both stores, in one table:
  policy  eval/policy/policy-{tune,check}.jsonl over ../shared/corpus/{plan,govcn_txt,laws_md,local_regs_md}
  stard   ../shared/eval/stard/train.jsonl over the national laws, in three parts by id: odd (every fine-tune is
          trained on them), even ≡ 0 mod 4 (held out from govassist-embed-zh-2, trained on by the default
          govassist-embed-zh-3) and even ≡ 2 mod 4 (held out from every model; the part issue #13's target is measured on)
  cmrc    ../shared/eval/cmrc2018/cmrc2018_dev_squad.json, one document per paragraph
Indexes are built once per version of the ingestion code (git tree of models/ and ingestion/) in the work
directory; the PostgreSQL store gets a copy of the same vectors (`migrate --from-index`), so both stores search
identical clauses and vectors.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = (ROOT.parent / "shared").resolve()
BUILT_JAR = ROOT / "assistant" / "target" / "govassist.jar"
JAVA = [os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java"),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-jar"]
PG = "jdbc:postgresql://127.0.0.1:5432/"


def log(msg):
    print(f"[quality-table {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def tree_key(*paths):
    """A short key of the committed trees at these paths (the build measured), marked when they have local changes."""
    out = subprocess.run(["git", "rev-parse"] + [f"HEAD:{p}" for p in paths], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    dirty = subprocess.run(["git", "status", "--porcelain"] + list(paths), cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip()
    return "".join(h[:6] for h in out) + ("-dirty" if dirty else "")


def code_key():
    """What an index depends on: the model and the parsing, splitting and store code."""
    return tree_key("models", "ingestion/src/main/java")


def pg_key():
    """What a PostgreSQL copy depends on besides the index: the store's schema migrations."""
    return tree_key("ingestion/src/main/resources/db/store")


def run(args, out=None, settings=()):
    cmd = JAVA + [str(JAR)] + list(args) + list(settings)
    log(" ".join(args[:1] + [a for a in args[1:] if not a.startswith("--spring")]))
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(args)}")
    if out:
        pathlib.Path(out).write_text(res.stdout, encoding="utf-8")
    return res.stdout


def store_settings(store, data_dir, db):
    s = [f"--govassist.data-dir={data_dir}", "--govassist.demo.enabled=false", "--logging.level.root=WARN"]
    if store == "pgvector":
        s += ["--govassist.store=pgvector", f"--spring.datasource.url={PG}{db}",
              "--spring.datasource.username=postgres"]
    return s


def psql(sql, db="postgres"):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-tAc", sql],
                          capture_output=True, text=True, check=True).stdout.strip()


# ------------------------------------------------------------------ corpora and question files

def prepare_policy(work):
    c = SHARED / "corpus"
    return [c / "plan", c / "govcn_txt", c / "laws_md", c / "local_regs_md"], {
        "policy tuning half": ROOT / "eval" / "policy" / "policy-tune.jsonl",
        "policy checking half": ROOT / "eval" / "policy" / "policy-check.jsonl",
    }


def prepare_stard(work):
    national = work / "corpus" / "national"
    if not (national / "lawrefbook_md").is_dir():
        national.mkdir(parents=True, exist_ok=True)
        with tarfile.open(SHARED / "corpus" / "national_laws_md.tar.gz") as t:
            t.extractall(national, filter="data")
    parts = {"STARD tuning part (odd)": work / "questions" / "stard-odd.jsonl",
             "STARD even ids ≡ 0 mod 4": work / "questions" / "stard-even0.jsonl",
             "STARD held-out part (even, id ≡ 2 mod 4)": work / "questions" / "stard-even2.jsonl"}
    files = list(parts.values())
    if not all(f.exists() for f in files):
        lines = [[], [], []]
        with open(SHARED / "eval" / "stard" / "train.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    n = int(json.loads(line)["id"].split("-")[1])
                    lines[0 if n % 2 else 1 if n % 4 == 0 else 2].append(line)
        files[0].parent.mkdir(parents=True, exist_ok=True)
        for path, part in zip(files, lines):
            path.write_text("".join(part), encoding="utf-8")
    return [national / "lawrefbook_md"], parts


def prepare_cmrc(work):
    out = work / "corpus" / "cmrc"
    questions = work / "questions" / "cmrc.jsonl"
    if not questions.exists():
        (out / "paragraphs").mkdir(parents=True, exist_ok=True)
        questions.parent.mkdir(parents=True, exist_ok=True)
        data = json.loads((SHARED / "eval" / "cmrc2018" / "cmrc2018_dev_squad.json").read_text(encoding="utf-8"))
        with open(questions, "w", encoding="utf-8") as q:
            for article in data["data"]:
                title = article.get("title", "").strip()
                for p in article["paragraphs"]:
                    name = p["id"] + ".md"
                    (out / "paragraphs" / name).write_text(("# " + title + "\n\n" if title else "")
                                                           + p["context"].strip() + "\n", encoding="utf-8")
                    for qa in p["qas"]:
                        q.write(json.dumps({"id": qa["id"], "question": qa["question"].strip(),
                                            "gold": [{"source": name, "clause": []}]}, ensure_ascii=False) + "\n")
    return [out / "paragraphs"], {"CMRC 2018 dev": questions}


SETS = {"policy": prepare_policy, "stard": prepare_stard, "cmrc": prepare_cmrc}


def embedding_key(settings):
    """Indexes built with another embedding model are kept apart: a short hash of the embedding settings and of the
    model files they name."""
    import hashlib
    h = hashlib.sha256()
    for s in settings:
        h.update(s.encode())
        value = s.split("=", 1)[1] if "=" in s else ""
        if s.startswith(("--govassist.embedding.model-path=", "--govassist.embedding.tokenizer-path=")):
            h.update(pathlib.Path(value).read_bytes())
    return "-m" + h.hexdigest()[:8]


def ensure_index(work, name, roots, key, embedding=()):
    data = work / "data" / f"{name}-{key}"
    done = data / "INGESTED"
    if not done.exists():
        if data.exists():
            subprocess.run(["rm", "-rf", str(data)], check=True)
        data.mkdir(parents=True)
        run(["ingest"] + [str(r) for r in roots], settings=store_settings("embedded", data, None) + list(embedding))
        done.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
    return data


def ensure_pg_copy(work, name, data, key, embedding=()):
    key = key + "_" + pg_key()
    db = f"quality_{name}_{key.replace('-', '_')}"
    pg_data = work / "data" / f"{name}-{key}-pg"
    done = pg_data / "MIGRATED"
    if not done.exists():
        pg_data.mkdir(parents=True, exist_ok=True)
        if psql(f"SELECT 1 FROM pg_database WHERE datname = '{db}'") == "1":
            psql(f"DROP DATABASE {db}")
        psql(f"CREATE DATABASE {db}")
        run(["migrate", f"--from-index={data}"], settings=store_settings("pgvector", pg_data, db) + list(embedding))
        done.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
    return pg_data, db


# ------------------------------------------------------------------ the table

def fmt(x):
    return f"{x:.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="policy,stard,cmrc")
    ap.add_argument("--stores", default="embedded,pgvector")
    ap.add_argument("--work", default=os.environ.get("QUALITY_WORK", "/tmp/govassist-quality"))
    ap.add_argument("--label", default="default")
    ap.add_argument("--no-chat", action="store_true", help="skip the chat evaluation of the policy set")
    args, settings = ap.parse_known_args()
    bad = [s for s in settings if not s.startswith("--govassist.")]
    if bad:
        ap.error(f"unknown arguments {bad} (settings start with --govassist.)")
    work = pathlib.Path(args.work).resolve()
    results_dir = work / "results" / args.label
    results_dir.mkdir(parents=True, exist_ok=True)
    key = code_key()
    embedding = [s for s in settings if s.startswith("--govassist.embedding.")]
    if embedding:
        key += embedding_key(embedding)
    global JAR
    JAR = results_dir / "govassist.jar"
    shutil.copyfile(BUILT_JAR, JAR)
    rows = []
    for name in args.sets.split(","):
        roots, question_files = SETS[name](work)
        data = ensure_index(work, name, roots, key, embedding)
        for store in args.stores.split(","):
            data_dir, db = (data, None) if store == "embedded" else ensure_pg_copy(work, name, data, key, embedding)
            for label, qfile in question_files.items():
                stem = f"{name}-{store}-{pathlib.Path(qfile).stem}"
                out = run(["eval", str(qfile), "--topK", "100", "--json",
                           "--misses", str(results_dir / f"{stem}-misses.jsonl")],
                          settings=store_settings(store, data_dir, db) + settings)
                report = json.loads(out[out.index("{"):])
                row = {"set": label, "store": store, "report": report}
                if name == "policy" and not args.no_chat:
                    chat = run(["chat-eval", str(qfile), "--json", "--misses",
                                str(results_dir / f"{stem}-chat-misses.jsonl")],
                               settings=store_settings(store, data_dir, db) + settings)
                    row["chat"] = json.loads(chat[chat.index("{"):])
                rows.append(row)
                (results_dir / "rows.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    table = render(rows, key, args.label, settings)
    (results_dir / "table.md").write_text(table, encoding="utf-8")
    print(table)


def render(rows, key, label, settings):
    lines = [f"Configuration `{label}`" + (f" ({' '.join(settings)})" if settings else " (defaults)")
             + f", ingestion code {key}, {time.strftime('%Y-%m-%d %H:%M')} UTC", "",
             "| set | store | questions | hit@1 | hit@3 | hit@10 | recall@10 | recall@100 | MRR@10 "
             "| search p50 / p95 | chat: fact | chat: gold cited | chat: [n] resolve |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        m = dict(r["report"]["metrics"], questions=r["report"]["questions"])
        c = r.get("chat")
        chat = [fmt(c["factFound"]), fmt(c["goldCited"]), fmt(c["markersResolve"])] if c else ["", "", ""]
        lines.append("| " + " | ".join([r["set"], r["store"], str(m["questions"]), fmt(m["hit@1"]), fmt(m["hit@3"]),
                                         fmt(m["hit@10"]), fmt(m["recall@10"]), fmt(m["recall@100"]),
                                         fmt(m["mrr@10"]),
                                         f"{m['latency_p50_ms']:.0f} / {m['latency_p95_ms']:.0f} ms"] + chat) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
