"""Dynamic int8 quantization of an exported BERT graph, written with the `onnx` package alone (ONNX Runtime's
Python tools are not packaged by Debian). It produces the same operator pattern as the bundled
bge-small-zh-v1.5-q.onnx, which ONNX Runtime's quantize_dynamic made:

- every MatMul with a constant weight [K, N] becomes DynamicQuantizeLinear(activation) -> MatMulInteger with the
  weight quantized to 8 bits, one scale and zero point per output column, -> Cast to float -> Mul by activation
  scale times the column scales;
- the three embedding tables are stored as uint8 (one scale and zero point per table) and dequantized in the graph.

An activation is quantized once even when it feeds several projections (query, key and value share it).

The weights are stored as **uint8** (the int8 grid shifted by 128, zero points likewise): ONNX Runtime runs uint8 x
int8 products on AVX2 CPUs without VNNI with VPMADDUBSW, which saturates pairs of products at 16 bits, so full-range
int8 weights give wrong vectors there (cosine 0.2-0.3 with the right ones; the bundled base model avoids it with 7-bit
weights). uint8 x uint8 is computed exactly on every CPU: the same vectors as uint8 x int8 on a VNNI CPU.
`python3 quantize.py --u8 OLD-int8.onnx NEW.onnx` converts a file made by the earlier int8 version losslessly.
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def _per_column_int8(w):
    lo = np.minimum(w.min(axis=0), 0.0)
    hi = np.maximum(w.max(axis=0), 0.0)
    scale = np.maximum((hi - lo) / 255.0, 1e-12).astype(np.float32)
    zero = np.clip(np.round(-128 - lo / scale), -128, 127).astype(np.int8)
    q = np.clip(np.round(w / scale) + zero, -128, 127).astype(np.int8)
    return q, scale, zero


def _to_uint8(q):
    """The int8 grid shifted by 128: (q + 128) - (zero + 128) = q - zero, so products are unchanged."""
    return (q.astype(np.int16) + 128).astype(np.uint8)


def weights_to_uint8(src, dst):
    """Rewrites every MatMulInteger's int8 weight and weight zero point as uint8 (lossless, see the module doc)."""
    model = onnx.load(src)
    g = model.graph
    init = {i.name: i for i in g.initializer}
    converted = 0
    for node in g.node:
        if node.op_type != "MatMulInteger":
            continue
        for name in node.input[1::2]:
            t = init.get(name)
            if t is not None and t.data_type == TensorProto.INT8:
                t.CopyFrom(numpy_helper.from_array(_to_uint8(numpy_helper.to_array(t)), name))
                converted += 1
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return converted


def _per_tensor_uint8(w):
    lo, hi = min(float(w.min()), 0.0), max(float(w.max()), 0.0)
    scale = np.float32(max((hi - lo) / 255.0, 1e-12))
    zero = np.uint8(np.clip(round(-lo / scale), 0, 255))
    q = np.clip(np.round(w / scale) + zero, 0, 255).astype(np.uint8)
    return q, scale, zero


def quantize(src, dst):
    model = onnx.load(src)
    g = model.graph
    init = {i.name: i for i in g.initializer}
    new_init, drop, nodes, quantized_inputs = [], set(), [], {}
    for node in g.node:
        if node.op_type == "MatMul" and node.input[1] in init and len(init[node.input[1]].dims) == 2:
            x, w_name = node.input
            w = numpy_helper.to_array(init[w_name]).astype(np.float32)
            q, scale, zero = _per_column_int8(w)
            q, zero = _to_uint8(q), _to_uint8(zero)
            drop.add(w_name)
            new_init += [numpy_helper.from_array(q, w_name + "_quantized"),
                         numpy_helper.from_array(scale, w_name + "_scale"),
                         numpy_helper.from_array(zero, w_name + "_zero_point")]
            if x not in quantized_inputs:
                quantized_inputs[x] = (x + "_quantized", x + "_scale", x + "_zero_point")
                nodes.append(helper.make_node("DynamicQuantizeLinear", [x], list(quantized_inputs[x]),
                                              name=x + "_QuantizeLinear"))
            xq, xs, xz = quantized_inputs[x]
            out = node.output[0]
            nodes += [
                helper.make_node("MatMulInteger", [xq, w_name + "_quantized", xz, w_name + "_zero_point"],
                                 [out + "_int32"], name=node.name + "_quant"),
                helper.make_node("Cast", [out + "_int32"], [out + "_cast"], to=TensorProto.FLOAT),
                helper.make_node("Mul", [xs, w_name + "_scale"], [out + "_scales"]),
                helper.make_node("Mul", [out + "_cast", out + "_scales"], [out]),
            ]
        elif node.op_type == "Gather" and node.input[0] in init and len(init[node.input[0]].dims) == 2:
            w_name = node.input[0]
            if w_name not in drop:
                q, scale, zero = _per_tensor_uint8(numpy_helper.to_array(init[w_name]).astype(np.float32))
                drop.add(w_name)
                new_init += [numpy_helper.from_array(q, w_name + "_quantized"),
                             numpy_helper.from_array(np.array(scale, np.float32), w_name + "_scale"),
                             numpy_helper.from_array(np.array(zero, np.uint8), w_name + "_zero_point")]
                nodes.append(helper.make_node("DequantizeLinear", [w_name + "_quantized", w_name + "_scale",
                                                                   w_name + "_zero_point"], [w_name],
                                              name=w_name + "_DequantizeLinear"))
            nodes.append(node)
        else:
            nodes.append(node)
    kept = [i for i in g.initializer if i.name not in drop]
    del g.initializer[:]
    g.initializer.extend(kept + new_init)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, dst)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--u8":
        print(f"{weights_to_uint8(sys.argv[2], sys.argv[3])} weight tensors converted to uint8")
    elif len(sys.argv) == 3:
        quantize(sys.argv[1], sys.argv[2])
    else:
        sys.exit("usage: quantize.py MODEL.onnx MODEL-int8.onnx | quantize.py --u8 OLD-int8.onnx NEW.onnx")
