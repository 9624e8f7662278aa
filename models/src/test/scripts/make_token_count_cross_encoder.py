"""Writes a tiny ONNX "cross-encoder" for tests: it takes the inputs of a BERT cross-encoder (input_ids,
attention_mask, token_type_ids: int64 [batch, sequence]) and returns logits [batch, 1] = the number of
attended tokens of the second segment (token_type_ids == 1), i.e. the passage's tokens plus its closing [SEP].
A deterministic stand-in for a real re-ranker such as bge-reranker: same inputs and output, verifiable scores.

Run with Debian's python3-onnx:  /usr/bin/python3 make_token_count_cross_encoder.py OUT.onnx
"""
import sys

from onnx import TensorProto, checker, helper

batch, seq = "batch", "sequence"
inputs = [helper.make_tensor_value_info(name, TensorProto.INT64, [batch, seq])
          for name in ("input_ids", "attention_mask", "token_type_ids")]
output = helper.make_tensor_value_info("logits", TensorProto.FLOAT, [batch, 1])
nodes = [
    helper.make_node("Mul", ["token_type_ids", "attention_mask"], ["passage_mask"]),
    helper.make_node("Cast", ["passage_mask"], ["passage_mask_f"], to=TensorProto.FLOAT),
    helper.make_node("Constant", [], ["axes"], value=helper.make_tensor("axes_value", TensorProto.INT64, [1], [1])),
    helper.make_node("ReduceSum", ["passage_mask_f", "axes"], ["logits"], keepdims=1),
    # input_ids must be consumed for the graph to declare it as used
    helper.make_node("Shape", ["input_ids"], ["ids_shape"]),
]
graph = helper.make_graph(nodes, "token_count_cross_encoder", inputs, [output],
                          value_info=[helper.make_tensor_value_info("ids_shape", TensorProto.INT64, [2])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="govassist-tests")
model.ir_version = 7
checker.check_model(model)
with open(sys.argv[1], "wb") as f:
    f.write(model.SerializeToString())
