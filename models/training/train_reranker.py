"""Trains a cross-encoder re-ranker from the same pairs and weights as the embedding model, and exports it for the
server's OnnxCrossEncoderScoringModel ([CLS] question [SEP] clause [SEP] -> one logit; `govassist.search.rerank.*`).

    python3 models/training/train_reranker.py --init MODEL.onnx --pairs PAIRS.jsonl ... --out DIR
                                              [--epochs 1] [--batch 8] [--lr 3e-5] [--seed 42]

Each step scores, per question, its gold clause against its mined hard negatives (listwise softmax, the gold first).
The questions' ids in PAIRS carry the embedding model's query instruction; it is the common prefix of every
question's ids and is cut off here (the re-ranker sees the bare question, as the server passes it).
"""
import argparse
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
from torch import nn  # noqa: E402
import bert  # noqa: E402
import quantize  # noqa: E402
from train import read_pairs, sha256, open_log, load_checkpoint, save_checkpoint, CLS, SEP, PAD  # noqa: E402


class CrossEncoder(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(encoder.config.hidden, 1)

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.head(self.encoder(input_ids, attention_mask, token_type_ids)[:, 0])


def instruction_length(examples):
    ids = [e["query_ids"] for e in examples]
    n = 0
    while all(len(i) > n + 1 and i[n] == ids[0][n] for i in ids):
        n += 1
    return n  # [CLS] + instruction tokens


def pair(question, passage, limit):
    p = passage[1:]  # drop the passage's [CLS]
    room = limit - len(question)
    if len(p) > room:
        p = p[:room - 1] + [SEP]
    return question + p, [0] * len(question) + [1] * len(p)


def batch_tensors(pairs):
    n = max(len(ids) for ids, _ in pairs)
    ids = torch.full((len(pairs), n), PAD, dtype=torch.long)
    types = torch.zeros((len(pairs), n), dtype=torch.long)
    mask = torch.zeros((len(pairs), n), dtype=torch.long)
    for i, (a, t) in enumerate(pairs):
        ids[i, :len(a)] = torch.tensor(a)
        types[i, :len(t)] = torch.tensor(t)
        mask[i, :len(a)] = 1
    return ids, mask, types


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--init", required=True, help="encoder weights to start from (ONNX, fp32)")
    ap.add_argument("--pairs", required=True, nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=8, help="questions per step (each with its gold and negatives)")
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--max-tokens", type=int, default=320)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--checkpoint-every", type=int, default=10)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    log = open_log(args.out)

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    examples = [e for e in read_pairs(args.pairs) if e["negatives"]]
    cut = instruction_length(examples)
    model = CrossEncoder(bert.load_onnx(args.init))
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps_per_epoch = (len(examples) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: max(0.0, 1 - s / total))
    checkpoint = os.path.join(args.out, "checkpoint.pt")
    step, losses = load_checkpoint(checkpoint, model, optimizer, schedule)
    if step:
        log(f"resumed at step {step}/{total}")
    else:
        log(f"{len(examples)} questions, instruction prefix {cut} tokens cut, {total} steps, settings {vars(args)}")
    started = time.time()
    while step < total:
        epoch, index = divmod(step, steps_per_epoch)
        order = list(range(len(examples)))
        random.Random(args.seed + epoch).shuffle(order)
        rng = random.Random(args.seed * 1_000_003 + step)
        groups = []
        for i in order[index * args.batch:(index + 1) * args.batch]:
            e = examples[i]
            q = [CLS] + e["query_ids"][cut:]
            q = q[:64] if len(q) <= 64 else q[:63] + [SEP]
            gold = rng.choice(e["positives"])["ids"]
            groups.append([pair(q, gold, args.max_tokens)] + [pair(q, n["ids"], args.max_tokens)
                                                              for n in e["negatives"]])
        size = min(len(g) for g in groups)
        flat = [p for g in groups for p in g[:size]]
        t = time.time()
        logits = model(*batch_tensors(flat)).view(len(groups), size)
        loss = nn.functional.cross_entropy(logits, torch.zeros(len(groups), dtype=torch.long))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        step += 1
        losses.append(float(loss))
        log(f"epoch {epoch + 1} step {step}/{total} loss {float(loss):.4f} {time.time() - t:.1f}s")
        if step % args.checkpoint_every == 0 or step == total:
            save_checkpoint(checkpoint, model, optimizer, schedule, step, losses)

    model.eval()
    fp32 = os.path.join(args.out, "reranker.onnx")
    int8 = os.path.join(args.out, "reranker-int8.onnx")
    ids = torch.tensor([[CLS, 872, SEP, 1962, SEP]])
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.ones_like(ids), torch.tensor([[0, 0, 0, 1, 1]])), fp32,
                          input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                          dynamic_axes={n: {0: "batch_size", 1: "sequence_length"}
                                        for n in ["input_ids", "attention_mask", "token_type_ids"]}
                          | {"logits": {0: "batch_size"}},
                          opset_version=14, do_constant_folding=True)
    quantize.quantize(fp32, int8)
    manifest = {
        "init": {"file": os.path.basename(args.init), "sha256": sha256(args.init)},
        "data": [{"file": os.path.basename(p), "sha256": sha256(p)} for p in args.pairs],
        "settings": {k: v for k, v in vars(args).items() if k not in ("init", "pairs", "out", "threads")},
        "steps": step, "instruction_tokens_cut": cut,
        "loss": {"first_10": sum(losses[:10]) / max(1, len(losses[:10])),
                 "last_10": sum(losses[-10:]) / max(1, len(losses[-10:]))},
        "torch": torch.__version__,
        "allocator": allocator.name(),
        "files": {"reranker.onnx": sha256(fp32), "reranker-int8.onnx": sha256(int8)},
        "trained_seconds": round(time.time() - started),
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    log(f"wrote {fp32}, {int8} and manifest.json")


if __name__ == "__main__":
    main()
