#!/usr/bin/env python3
"""Generates the ModelFiles test fixtures with the reference implementations.

GGUF files are written by PyPI `gguf` (gguf-py, 0.19.0), quantized with its quantizers
and read back with its GGUFReader; safetensors files are written by PyPI `safetensors`.
Every expected value in expected.json (metadata, tensor directory, dequantized floats,
quantized bytes) is computed here by those packages, never by the Swift code under test.

    python3 -m venv /tmp/venv-modelfiles
    /tmp/venv-modelfiles/bin/pip install gguf==0.19.0 numpy safetensors
    /tmp/venv-modelfiles/bin/python Tests/ModelFilesTests/Fixtures/make_fixtures.py
"""
import json
import os
import struct

import numpy as np
import gguf
from gguf import GGMLQuantizationType as Q, GGUFValueType as V
from safetensors import TensorSpec, serialize
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20240607)


def floats(array):
    """float32 values as JSON numbers; a float32 converts to a double exactly."""
    return [float(x) for x in np.asarray(array, dtype=np.float32).reshape(-1)]


def random_rows(rows, columns, scale=1.0):
    return (RNG.standard_normal((rows, columns)) * scale).astype(np.float32)


# ---------------------------------------------------------------- GGUF

# GGUFReader.contents() flattens nested arrays, so their expected items are the writer's input.
NESTED_ARRAYS = {"test.array_nested": [[1, 2, 3], [4], [5, 6]], "test.array_nested_strings": [["a", "b"], ["\u00fc"]]}


def add_metadata(writer):
    writer.add_uint8("test.uint8", 200)
    writer.add_int8("test.int8", -100)
    writer.add_uint16("test.uint16", 65000)
    writer.add_int16("test.int16", -32000)
    writer.add_uint32("test.uint32", 4000000000)
    writer.add_int32("test.int32", -2000000000)
    writer.add_float32("test.float32", 1.5)
    writer.add_uint64("test.uint64", 18000000000000000000)
    writer.add_int64("test.int64", -9000000000000000000)
    writer.add_float64("test.float64", 0.1)
    writer.add_bool("test.bool_true", True)
    writer.add_bool("test.bool_false", False)
    writer.add_string("test.string", "h\u00e9llo \U0001f999 \u4e16\u754c")
    writer.add_string("test.empty_string", "")
    writer.add_string("tokenizer.ggml.model", "gpt2")
    tokens = ["<|endoftext|>", "a", "\u0120the", "\u010a", "\u00e9t\u00e9", "\U0001f600", " ", "<0x0A>", "12", "def"]
    writer.add_array("tokenizer.ggml.tokens", tokens)
    writer.add_key_value("tokenizer.ggml.scores", [0.0, -1.25, -2.5, 3.0, -0.125, 1e-3, 7.0, -8.0, 0.5, 2.25],
                         V.ARRAY, sub_type=V.FLOAT32)
    writer.add_key_value("tokenizer.ggml.token_type", [3, 1, 1, 1, 1, 1, 1, 6, 1, 1], V.ARRAY, sub_type=V.INT32)
    writer.add_array("tokenizer.ggml.merges", ["\u0120 t", "\u0120t he", "d e", "de f"])
    writer.add_uint32("tokenizer.ggml.bos_token_id", 0)
    writer.add_string("tokenizer.chat_template", "{% for m in messages %}<|im_start|>{{ m.content }}{% endfor %}")
    writer.add_key_value("test.array_uint8", [0, 1, 255], V.ARRAY, sub_type=V.UINT8)
    writer.add_key_value("test.array_int8", [-128, 0, 127], V.ARRAY, sub_type=V.INT8)
    writer.add_key_value("test.array_uint16", [0, 65535], V.ARRAY, sub_type=V.UINT16)
    writer.add_key_value("test.array_int16", [-32768, 32767], V.ARRAY, sub_type=V.INT16)
    writer.add_key_value("test.array_uint32", [4294967295, 7], V.ARRAY, sub_type=V.UINT32)
    writer.add_key_value("test.array_uint64", [18446744073709551615, 0], V.ARRAY, sub_type=V.UINT64)
    writer.add_key_value("test.array_int64", [-9223372036854775808, 9223372036854775807], V.ARRAY, sub_type=V.INT64)
    writer.add_key_value("test.array_float64", [0.1, -2.5e300], V.ARRAY, sub_type=V.FLOAT64)
    writer.add_key_value("test.array_bool", [True, False, True], V.ARRAY, sub_type=V.BOOL)
    for key, value in NESTED_ARRAYS.items():
        writer.add_array(key, value)


def quantized(values, qtype):
    return gguf.quants.quantize(values, qtype)


def tiny_tensors():
    """(name, stored array, raw ggml type or None, logical numpy-order shape or None)."""
    tensors = []
    tensors.append(("f32.matrix", random_rows(3, 5), None))
    tensors.append(("f32.vector", random_rows(1, 7).reshape(7), None))
    tensors.append(("f32.cube", random_rows(2 * 3, 4).reshape(2, 3, 4), None))
    tensors.append(("f16.matrix", random_rows(2, 48).astype(np.float16), None))
    bf16_source = random_rows(2, 40)
    tensors.append(("bf16.matrix", quantized(bf16_source, Q.BF16), Q.BF16))
    for qtype, rows in [(Q.Q8_0, 2), (Q.Q4_0, 3), (Q.Q4_1, 2), (Q.Q5_0, 2), (Q.Q5_1, 2)]:
        source = random_rows(rows, 64, scale=0.5)
        tensors.append((qtype.name.lower() + ".matrix", quantized(source, qtype), qtype))
    k_bytes = RNG.integers(0, 256, size=(1, gguf.GGML_QUANT_SIZES[Q.Q4_K][1]), dtype=np.uint8)
    k_bytes[0, 0:4] = [0x00, 0x3c, 0x00, 0x3c]  # d = dmin = 1.0, so the block is finite
    tensors.append(("q4_k.row", k_bytes, Q.Q4_K))
    tensors.append(("i32.ids", np.arange(-3, 5, dtype=np.int32), None))
    return tensors


def write_gguf(path, tensors, alignment=None, endianess=gguf.GGUFEndian.LITTLE, metadata=True):
    writer = gguf.GGUFWriter(path, "llama", endianess=endianess)
    if alignment is not None:
        writer.add_custom_alignment(alignment)
    if metadata:
        add_metadata(writer)
    for name, array, raw_dtype in tensors:
        writer.add_tensor(name, array, raw_dtype=raw_dtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def value_json(field):
    """A GGUFReader field as {type, value}; arrays keep their element type."""
    types = field.types
    if types[0] == V.ARRAY:
        return {"type": "array", "value": array_json(field, types[1:])}
    return {"type": types[0].name.lower(), "value": scalar_json(field.parts[field.data[0]], types[0])}


def scalar_json(part, vtype):
    if vtype == V.STRING:
        return bytes(part).decode("utf-8")
    value = part[0].item()
    if vtype == V.BOOL:
        return bool(value)
    if vtype in (V.FLOAT32, V.FLOAT64):
        return float(value)
    return int(value)


def array_json(field, element_types):
    # GGUFReader's contents() decodes nested arrays with their element types.
    if element_types[0] == V.ARRAY:
        items = NESTED_ARRAYS[field.name]
        element_type = element_types[0].name.lower()
        return {"element_type": element_type, "items": [{"element_type": element_types[1].name.lower(), "items": x}
                                                         for x in items]}
    return {"element_type": element_types[0].name.lower(), "items": field.contents()}


def describe_gguf(path):
    reader = gguf.GGUFReader(path)
    metadata = {}
    keys = []
    for name, field in reader.fields.items():
        if name.startswith("GGUF."):
            continue  # the reader's own pseudo fields for the header
        keys.append(name)
        metadata[name] = value_json(field)
    tensors = []
    for tensor in reader.tensors:
        entry = {
            "name": tensor.name,
            "dimensions": [int(x) for x in tensor.shape],  # ggml order: ne[0] first
            "type": tensor.tensor_type.name,
            "type_id": int(tensor.tensor_type),
            "element_count": int(tensor.n_elements),
            "byte_count": int(tensor.n_bytes),
            "file_offset": int(tensor.data_offset),
        }
        if tensor.tensor_type in (Q.F32, Q.F16, Q.BF16, Q.Q8_0, Q.Q4_0, Q.Q4_1, Q.Q5_0, Q.Q5_1):
            entry["values"] = floats(gguf.quants.dequantize(np.asarray(tensor.data), tensor.tensor_type))
        elif tensor.tensor_type == Q.I32:
            entry["integers"] = [int(x) for x in np.asarray(tensor.data).reshape(-1)]
        tensors.append(entry)
    return {
        "version": int(reader.fields["GGUF.version"].parts[-1][0]),
        "alignment": int(reader.alignment),
        "data_offset": int(reader.data_offset),
        "byte_count": os.path.getsize(path),
        "metadata_keys": keys,
        "metadata": metadata,
        "tensors": tensors,
    }


def make_gguf_fixtures(expected):
    tensors = tiny_tensors()
    write_gguf(os.path.join(HERE, "tiny-v3.gguf"), tensors)
    expected["tiny-v3.gguf"] = describe_gguf(os.path.join(HERE, "tiny-v3.gguf"))

    small = [tensors[0], tensors[5], tensors[6]]
    write_gguf(os.path.join(HERE, "aligned64-v3.gguf"), small, alignment=64, metadata=False)
    expected["aligned64-v3.gguf"] = describe_gguf(os.path.join(HERE, "aligned64-v3.gguf"))

    # GGUF v2 has the v3 layout (v3 only added big-endian files): the same file, version 2.
    v2 = bytearray(open(os.path.join(HERE, "aligned64-v3.gguf"), "rb").read())
    v2[4:8] = struct.pack("<I", 2)
    open(os.path.join(HERE, "small-v2.gguf"), "wb").write(bytes(v2))
    expected["small-v2.gguf"] = describe_gguf(os.path.join(HERE, "small-v2.gguf"))

    write_gguf(os.path.join(HERE, "big-endian.gguf"), [("f32.matrix", random_rows(2, 4), None)],
               endianess=gguf.GGUFEndian.BIG, metadata=False)


def make_quantizer_vectors(expected):
    """Float inputs and gguf-py's quantized bytes, for checking our quantizers byte for byte."""
    blocks = [
        random_rows(1, 32, scale=2.0)[0],
        np.zeros(32, dtype=np.float32),
        np.linspace(-1.0, 1.0, 32, dtype=np.float32),
        np.array([0.5 * (i % 17) - 4.0 for i in range(32)], dtype=np.float32),
        np.array([1e-3] * 31 + [-7.0], dtype=np.float32),
        np.full(32, 3.25, dtype=np.float32),
    ]
    values = np.stack(blocks).astype(np.float32)
    vectors = {}
    for qtype in (Q.Q8_0, Q.Q4_0, Q.Q4_1, Q.Q5_0, Q.Q5_1):
        data = quantized(values, qtype)
        vectors[qtype.name] = {
            "bytes": bytes(np.asarray(data).reshape(-1)).hex(),
            "dequantized": floats(gguf.quants.dequantize(data, qtype)),
        }
    expected["quantizer"] = {"input": floats(values), "types": vectors}


# ---------------------------------------------------------------- safetensors

def bf16_bytes(values):
    return np.asarray(quantized(np.asarray(values, dtype=np.float32), Q.BF16), dtype=np.uint8)


def spec(dtype, shape, buffer):
    return TensorSpec(dtype=dtype, shape=tuple(shape), data_ptr=buffer.ctypes.data, data_len=buffer.nbytes)


def describe_safetensors(path, header_values):
    raw = open(path, "rb").read()
    header_length = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + header_length])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        tensors[name] = {"dtype": info["dtype"], "shape": info["shape"], "data_offsets": info["data_offsets"],
                         **header_values.get(name, {})}
    return {"header_length": header_length, "byte_count": len(raw),
            "metadata": header.get("__metadata__", {}), "tensors": tensors}


def make_safetensors_fixtures(expected):
    f32 = random_rows(3, 4)
    f16 = random_rows(2, 3).astype(np.float16)
    bf16_source = random_rows(2, 2)
    bf16 = bf16_bytes(bf16_source)
    i32 = np.array([[-1, 2], [3, -4]], dtype=np.int32)
    u8 = np.array([7, 8, 9], dtype=np.uint8)
    specs = {"model.weight": spec("float32", f32.shape, f32), "model.half": spec("float16", f16.shape, f16),
             "model.brain": spec("bfloat16", (2, 2), bf16), "model.ids": spec("int32", i32.shape, i32),
             "model.bytes": spec("uint8", u8.shape, u8)}
    path = os.path.join(HERE, "model.safetensors")
    open(path, "wb").write(bytes(serialize(specs, metadata={"format": "pt"})))
    bf16_values = gguf.quants.dequantize(bf16, Q.BF16)
    expected["model.safetensors"] = describe_safetensors(path, {
        "model.weight": {"values": floats(f32)}, "model.half": {"values": floats(f16.astype(np.float32))},
        "model.brain": {"values": floats(bf16_values)}})

    shard_dir = os.path.join(HERE, "sharded")
    os.makedirs(shard_dir, exist_ok=True)
    first = {"layers.0.weight": random_rows(2, 2), "layers.0.bias": random_rows(1, 2).reshape(2)}
    second = {"layers.1.weight": random_rows(2, 2)}
    weight_map = {}
    for index, shard in enumerate([first, second], start=1):
        name = f"model-{index:05d}-of-00002.safetensors"
        save_file(shard, os.path.join(shard_dir, name), metadata={"format": "pt"})
        os.chmod(os.path.join(shard_dir, name), 0o644)
        weight_map.update({key: name for key in shard})
    with open(os.path.join(shard_dir, "model.safetensors.index.json"), "w") as index_file:
        json.dump({"metadata": {"total_size": 32}, "weight_map": weight_map}, index_file, indent=2, sort_keys=True)
    expected["sharded"] = {"tensors": {k: {"values": floats(v), "shape": list(v.shape)}
                                       for shard in (first, second) for k, v in shard.items()}}

    # What our writer must reproduce byte for byte (the values are rebuilt in the Swift test).
    ramp = (np.arange(6, dtype=np.float32) * 0.25 - 0.5).reshape(2, 3)
    halves = (np.arange(5, dtype=np.float32) * 0.5).astype(np.float16)
    odd = np.array([1, 2, 3], dtype=np.uint8)
    brain = np.array([0x80, 0x3f, 0x00, 0xc0], dtype=np.uint8)  # bf16 1.0, -2.0
    specs = {"b.ramp": spec("float32", ramp.shape, ramp), "a.halves": spec("float16", halves.shape, halves),
             "c.odd": spec("uint8", odd.shape, odd), "d.brain": spec("bfloat16", (2,), brain)}
    path = os.path.join(HERE, "writer-reference.safetensors")
    open(path, "wb").write(bytes(serialize(specs, metadata={"format": "pt"})))


def main():
    expected = {}
    # Q8_1 is left out: gguf-py still lists its old 40-byte block (two float32s); ggml's
    # block_q8_1 has been two binary16s and 32 quants (36 bytes) for a long time.
    expected["quant_sizes"] = {qtype.name: list(size) for qtype, size in gguf.GGML_QUANT_SIZES.items()
                               if qtype != Q.Q8_1}
    make_gguf_fixtures(expected)
    make_quantizer_vectors(expected)
    make_safetensors_fixtures(expected)
    with open(os.path.join(HERE, "expected.json"), "w") as output:
        json.dump(expected, output, indent=1, sort_keys=True, ensure_ascii=True)
        output.write("\n")


if __name__ == "__main__":
    main()
