"""Reading an ONNX file's initializers with our own protobuf reader: the
layouts writers use (raw bytes, packed or one-by-one dims, float_data,
int64_data), and refusing what it cannot read in one clear error."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from tui.align.onnx_weights import OnnxError, initializers


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def field(number: int, payload: bytes | int, wire: int = 2) -> bytes:
    key = varint(number << 3 | wire)
    if wire == 0:
        return key + varint(int(payload))
    assert isinstance(payload, bytes)
    return key + varint(len(payload)) + payload


def model(*tensors: bytes) -> bytes:
    graph = b"".join(field(5, tensor) for tensor in tensors) + field(1, b"node-ignored")
    return field(1, 8, wire=0) + field(7, graph) + field(2, b"producer-ignored")


def test_raw_float_packed_dims_and_int64_tensors(tmp_path: Path) -> None:
    weights = np.arange(6, dtype="<f4").reshape(2, 3)
    raw = field(8, b"w") + field(1, varint(2) + varint(3)) + field(2, 1, 0)
    raw += field(9, weights.tobytes())
    quantized = np.array([[-128, 5], [127, 0]], dtype="i1")
    one_by_one = field(1, 2, 0) + field(1, 2, 0) + field(2, 3, 0) + field(8, b"q")
    one_by_one += field(9, quantized.tobytes())
    floats = field(8, b"f") + field(1, 2, 0) + field(2, 1, 0)
    floats += field(4, struct.pack("<2f", 0.5, -1.5))
    longs = field(8, b"i") + field(1, 3, 0) + field(2, 7, 0)
    longs += field(7, varint(1) + varint(300) + varint(5))
    path = tmp_path / "m.onnx"
    path.write_bytes(model(raw, one_by_one, floats, longs))
    found = initializers(path)
    assert set(found) == {"w", "q", "f", "i"}
    assert found["w"].dtype == np.float32 and np.array_equal(found["w"], weights)
    assert found["q"].dtype == np.int8 and np.array_equal(found["q"], quantized)
    assert np.array_equal(found["f"], np.array([0.5, -1.5], dtype=np.float32))
    assert np.array_equal(found["i"], np.array([1, 300, 5]))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no graph"),
        (field(7, field(5, field(8, b"x") + field(2, 16, 0))), "element type 16"),
        (field(7, field(5, field(1, 4, 0) + field(2, 1, 0) + field(9, b"\0" * 8))), "2 values"),
        (field(7, field(5, field(2, 1, 0) + field(14, 1, 0))), "outside the file"),
        (b"\x3a\xff\xff\xff\x0f" + b"x" * 9, "past the end"),
        (b"\x0b", "wire type"),
    ],
    ids=["empty", "unknown-type", "wrong-size", "external", "truncated", "bad-wire"],
)
def test_what_it_cannot_read_is_one_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "m.onnx"
    path.write_bytes(content)
    with pytest.raises(OnnxError, match=message):
        initializers(path)
