"""Fine-tunes the embedding model on question -> clause pairs (contrastive, in-batch and hard negatives), then
exports it to ONNX (fp32 and int8) with a manifest.

    python3 models/training/train.py --base BASE.onnx --pairs PAIRS.jsonl [PAIRS2.jsonl ...] --out DIR
                                     [--epochs 2] [--batch 32] [--lr 2e-5] [--temperature 0.02] [--seed 42]

PAIRS files come from `java -jar govassist.jar training-pairs` (token ids from the server's own tokenizer, hard
negatives mined from the index). DIR receives checkpoint.pt (every --checkpoint-every steps; a rerun with the same
DIR resumes from it), train.log, model.onnx (fp32), model-int8.onnx and manifest.json. Everything is seeded: the
same inputs and settings give the same weights (on the same torch build and thread count).
"""
import argparse
import gzip
import hashlib
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import allocator  # noqa: E402

if __name__ == "__main__":
    allocator.use_jemalloc()

import torch  # noqa: E402
import bert  # noqa: E402
import quantize  # noqa: E402

CLS, SEP, PAD = 101, 102, 0


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def open_text(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def read_pairs(paths):
    """Examples from `training-pairs` files (plain or gzipped JSONL)."""
    examples = []
    for p in paths:
        with open_text(p) as f:
            for line in f:
                if line.strip():
                    e = json.loads(line)
                    if e["positives"]:
                        examples.append(e)
    return examples


def open_log(out):
    """A function that prints a timestamped line and appends it to OUT/train.log."""
    log_file = open(os.path.join(out, "train.log"), "a", encoding="utf-8")

    def log(msg):
        line = f"[{time.strftime('%H:%M:%S')}] {msg}"
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()
    return log


def load_checkpoint(path, model, optimizer, schedule):
    """Restores a checkpoint written by save_checkpoint; returns (step, losses), (0, []) when there is none."""
    if not os.path.exists(path):
        return 0, []
    state = torch.load(path)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    schedule.load_state_dict(state["schedule"])
    return state["step"], state["losses"]


def save_checkpoint(path, model, optimizer, schedule, step, losses):
    """Writes the training state atomically (a kill while writing leaves the previous checkpoint)."""
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "schedule": schedule.state_dict(), "step": step, "losses": losses}, path + ".tmp")
    os.replace(path + ".tmp", path)


def truncate(ids, limit):
    return ids if len(ids) <= limit else ids[:limit - 1] + [SEP]


def pad(seqs):
    n = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), n), PAD, dtype=torch.long)
    mask = torch.zeros((len(seqs), n), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.tensor(s, dtype=torch.long)
        mask[i, :len(s)] = 1
    return ids, mask


def batch_loss(model, batch, rng, args):
    """InfoNCE of each query against every passage of the batch (its positive, the others' positives and all hard
    negatives); a passage that is a gold clause of the query (another question's positive, the same article) is
    masked out instead of counted as a negative."""
    queries, passages, clause_ids, targets, golds = [], [], [], [], []
    for e in batch:
        queries.append(truncate(e["query_ids"], args.max_query_tokens))
        golds.append({p["clause"] for p in e["positives"]})
    for e in batch:
        p = rng.choice(e["positives"])
        targets.append(len(passages))
        passages.append(truncate(p["ids"], args.max_passage_tokens))
        clause_ids.append(p["clause"])
    for e in batch:
        negs = list(e["negatives"])
        rng.shuffle(negs)
        for n in negs[:args.negatives]:
            passages.append(truncate(n["ids"], args.max_passage_tokens))
            clause_ids.append(n["clause"])
    q = model.embed(*pad(queries))
    p = model.embed(*pad(passages))
    scores = q @ p.T / args.temperature
    mask = torch.zeros_like(scores, dtype=torch.bool)
    for i, gold in enumerate(golds):
        for j, c in enumerate(clause_ids):
            if j != targets[i] and c in gold:
                mask[i, j] = True
    scores = scores.masked_fill(mask, float("-inf"))
    return torch.nn.functional.cross_entropy(scores, torch.tensor(targets))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the base ONNX model (fp32)")
    ap.add_argument("--pairs", required=True, nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--warmup", type=float, default=0.1, help="share of steps with a linearly rising rate")
    ap.add_argument("--temperature", type=float, default=0.02)
    ap.add_argument("--negatives", type=int, default=1, help="hard negatives per query in a batch")
    ap.add_argument("--max-query-tokens", type=int, default=64)
    ap.add_argument("--max-passage-tokens", type=int, default=256)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--checkpoint-every", type=int, default=10)
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    log = open_log(args.out)

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    examples = read_pairs(args.pairs)
    steps_per_epoch = (len(examples) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    model = bert.load_onnx(args.base)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = max(1, int(total * args.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    checkpoint = os.path.join(args.out, "checkpoint.pt")
    step, losses = load_checkpoint(checkpoint, model, optimizer, schedule)
    if step:
        log(f"resumed at step {step}/{total}")
    else:
        log(f"{len(examples)} examples, {args.epochs} epochs of {steps_per_epoch} steps, settings {vars(args)}")
    started = time.time()
    while step < total:
        epoch, index = divmod(step, steps_per_epoch)
        order = list(range(len(examples)))
        random.Random(args.seed + epoch).shuffle(order)  # the same order on resume
        batch = [examples[i] for i in order[index * args.batch:(index + 1) * args.batch]]
        rng = random.Random(args.seed * 1_000_003 + step)
        t = time.time()
        loss = batch_loss(model, batch, rng, args)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        step += 1
        losses.append(float(loss))
        log(f"epoch {epoch + 1} step {step}/{total} loss {float(loss):.4f} lr {schedule.get_last_lr()[0]:.2e} "
            f"{time.time() - t:.1f}s")
        if step % args.checkpoint_every == 0 or step == total:
            save_checkpoint(checkpoint, model, optimizer, schedule, step, losses)

    fp32 = os.path.join(args.out, "model.onnx")
    int8 = os.path.join(args.out, "model-int8.onnx")
    bert.export_onnx(model, fp32)
    quantize.quantize(fp32, int8)
    # reference vectors: CI runs the shipped file through the server's code and compares against these
    probes = [e for e in examples[:3]]
    model.eval()
    with torch.no_grad():
        reference = [{"ids": e["query_ids"], "vector": [round(float(x), 6) for x in
                                                        model.embed(*pad([e["query_ids"]]))[0]]}
                     for e in probes]
    manifest = {
        "base": {"file": os.path.basename(args.base), "sha256": sha256(args.base)},
        "data": [{"file": os.path.basename(p), "sha256": sha256(p),
                  "examples": sum(1 for line in open_text(p) if line.strip())} for p in args.pairs],
        "settings": {k: v for k, v in vars(args).items() if k not in ("base", "pairs", "out", "threads")},
        "steps": step,
        "loss": {"first_10": sum(losses[:10]) / max(1, len(losses[:10])),
                 "last_10": sum(losses[-10:]) / max(1, len(losses[-10:]))},
        "torch": torch.__version__,
        "allocator": allocator.name(),
        "files": {"model.onnx": sha256(fp32), "model-int8.onnx": sha256(int8)},
        "reference": {"texts": [e["query"] for e in probes], "vectors": reference},
        "trained_seconds": round(time.time() - started),
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    log(f"wrote {fp32}, {int8} and manifest.json")


if __name__ == "__main__":
    main()
