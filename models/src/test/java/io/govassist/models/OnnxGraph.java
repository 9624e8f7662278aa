package io.govassist.models;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The little of an ONNX file the tests inspect — nodes' operator and inputs, initializers' element types — read
 * straight from the protobuf wire format (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto.input
 * = 1, op_type = 4; TensorProto.data_type = 2, name = 8), so the tests need no protobuf or ONNX library.
 */
final class OnnxGraph {

    static final int INT8 = 3;
    static final int UINT8 = 2;

    private final List<String> ops = new ArrayList<>();
    private final List<List<String>> inputs = new ArrayList<>();
    private final Map<String, Integer> initializerTypes = new HashMap<>();

    static OnnxGraph read(byte[] model) {
        OnnxGraph g = new OnnxGraph();
        new Wire(model, 0, model.length).fields((field, w) -> {
            if (field == 7) {
                w.fields((gf, gw) -> {
                    if (gf == 1) {
                        List<String> in = new ArrayList<>();
                        String[] op = {""};
                        gw.fields((nf, nw) -> {
                            if (nf == 1) {
                                in.add(nw.string());
                            } else if (nf == 4) {
                                op[0] = nw.string();
                            }
                        });
                        g.ops.add(op[0]);
                        g.inputs.add(in);
                    } else if (gf == 5) {
                        String[] name = {""};
                        int[] type = {0};
                        gw.fields((tf, tw) -> {
                            if (tf == 8) {
                                name[0] = tw.string();
                            } else if (tf == 2) {
                                type[0] = (int) tw.value;
                            }
                        });
                        g.initializerTypes.put(name[0], type[0]);
                    }
                });
            }
        });
        return g;
    }

    /** The inputs of every node with this operator, in graph order. */
    List<List<String>> nodeInputs(String opType) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).equals(opType)) {
                out.add(inputs.get(i));
            }
        }
        return out;
    }

    /** The element type of the named initializer (TensorProto.DataType), or -1 when there is none by that name. */
    int initializerType(String name) {
        return initializerTypes.getOrDefault(name, -1);
    }

    /** One field of a message: a varint {@code value}, or the bytes {@code [from, to)} of a length-delimited one. */
    private static final class Wire {
        private final byte[] b;
        private int pos;
        private final int end;
        long value;
        private int from;
        private int to;

        Wire(byte[] b, int from, int to) {
            this.b = b;
            this.pos = from;
            this.end = to;
            this.from = from;
            this.to = to;
        }

        interface Visitor {
            void field(int number, Wire value);
        }

        void fields(Visitor visitor) {
            while (pos < end) {
                long key = varint();
                int number = (int) (key >>> 3);
                int type = (int) (key & 7);
                Wire v = new Wire(b, pos, pos);
                switch (type) {
                    case 0 -> v.value = varint();
                    case 1 -> pos += 8;
                    case 5 -> pos += 4;
                    case 2 -> {
                        int len = (int) varint();
                        v = new Wire(b, pos, pos + len);
                        pos += len;
                    }
                    default -> throw new IllegalArgumentException("unsupported wire type " + type);
                }
                visitor.field(number, v);
            }
        }

        String string() {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }

        private long varint() {
            long result = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                result |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return result;
                }
            }
        }
    }
}
