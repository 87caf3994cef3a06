"""The weights stored in an ONNX file, read without ONNX or protobuf installed.

Why our own reader: the sentence encoder (:mod:`tui.align.encoder`) needs
only the *initializers* of one ONNX file (named arrays: int8 matrices, their
scales, float biases), never its graph, and the ``onnx`` package would add
protobuf and ml_dtypes to every install for that. An ONNX file is a
protobuf ``ModelProto``; the few fields read here are fixed by the ONNX
spec (``onnx/onnx.proto``):

- ``ModelProto.graph`` = 7 (a ``GraphProto``);
- ``GraphProto.initializer`` = 5 (repeated ``TensorProto``);
- ``TensorProto``: ``dims`` = 1, ``data_type`` = 2, ``float_data`` = 4,
  ``int32_data`` = 5, ``int64_data`` = 7, ``name`` = 8, ``raw_data`` = 9,
  ``data_location`` = 14.

Everything else is skipped by its wire type, so a newer file with more
fields still reads. Arrays are copied out of the file's bytes (little
endian, as ONNX stores them).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

_GRAPH, _INITIALIZER = 7, 5
_DIMS, _DATA_TYPE, _FLOAT_DATA, _INT32_DATA, _INT64_DATA = 1, 2, 4, 5, 7
_NAME, _RAW_DATA, _DATA_LOCATION = 8, 9, 14

DTYPES: dict[int, np.dtype] = {
    1: np.dtype("<f4"),  # FLOAT
    2: np.dtype("u1"),  # UINT8
    3: np.dtype("i1"),  # INT8
    6: np.dtype("<i4"),  # INT32
    7: np.dtype("<i8"),  # INT64
    9: np.dtype("?"),  # BOOL
    11: np.dtype("<f8"),  # DOUBLE
}
"""The ONNX element types read (``TensorProto.DataType``)."""


class OnnxError(ValueError):
    """The file is not an ONNX model this reader understands."""


def _varint(data: memoryview, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data):
            raise OnnxError("truncated varint")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7
        if shift > 63:
            raise OnnxError("varint too long")


def _fields(data: memoryview) -> list[tuple[int, int, int | memoryview]]:
    """The (field, wire type, value) of one message: varints as ints,
    length-delimited fields as views, fixed-size ones as ints."""
    found: list[tuple[int, int, int | memoryview]] = []
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        field, wire = key >> 3, key & 7
        value: int | memoryview
        if wire == 0:
            value, at = _varint(data, at)
        elif wire == 2:
            length, at = _varint(data, at)
            if at + length > len(data):
                raise OnnxError("a field runs past the end of the file")
            value, at = data[at : at + length], at + length
        elif wire == 1:
            value, at = int.from_bytes(data[at : at + 8], "little"), at + 8
        elif wire == 5:
            value, at = int.from_bytes(data[at : at + 4], "little"), at + 4
        else:
            raise OnnxError(f"unknown wire type {wire}")
        found.append((field, wire, value))
    return found


def _packed_varints(data: memoryview) -> list[int]:
    values, at = [], 0
    while at < len(data):
        value, at = _varint(data, at)
        values.append(value)
    return values


def _tensor(message: memoryview) -> tuple[str, np.ndarray]:
    dims: list[int] = []
    name, data_type, raw = "", 0, None
    typed: dict[int, list[memoryview | int]] = {}
    for field, wire, value in _fields(message):
        if field == _DIMS:
            dims.extend(_packed_varints(value) if wire == 2 else [value])  # type: ignore[arg-type, list-item]
        elif field == _DATA_TYPE:
            data_type = int(value)  # type: ignore[arg-type]
        elif field == _NAME:
            name = bytes(value).decode("utf-8")  # type: ignore[arg-type]
        elif field == _RAW_DATA:
            raw = bytes(value)  # type: ignore[arg-type]
        elif field == _DATA_LOCATION and value == 1:
            raise OnnxError("weights stored outside the file are not read")
        elif field in (_FLOAT_DATA, _INT32_DATA, _INT64_DATA):
            typed.setdefault(field, []).append(value)
    if data_type not in DTYPES:
        raise OnnxError(f"{name}: element type {data_type} is not read")
    dtype = DTYPES[data_type]
    if raw is not None:
        array = np.frombuffer(raw, dtype=dtype)
    elif _FLOAT_DATA in typed:  # packed little-endian floats
        array = np.frombuffer(b"".join(bytes(v) for v in typed[_FLOAT_DATA]), dtype="<f4")  # type: ignore[arg-type]
    else:  # int32_data / int64_data: varints, packed or one by one
        field = _INT64_DATA if _INT64_DATA in typed else _INT32_DATA
        numbers: list[int] = []
        for value in typed.get(field, []):
            numbers.extend(_packed_varints(value) if isinstance(value, memoryview) else [value])
        array = np.asarray(numbers, dtype=np.int64).astype(dtype)
    size = int(np.prod(dims)) if dims else 1
    if array.size != size:
        raise OnnxError(f"{name}: {array.size} values for shape {tuple(dims)}")
    return name, array.astype(dtype.newbyteorder("="), copy=True).reshape(dims)


def initializers(path: Path) -> dict[str, np.ndarray]:
    """Every initializer (named constant array) of the ONNX model at ``path``."""
    data = memoryview(path.read_bytes())
    graphs = [v for f, w, v in _fields(data) if f == _GRAPH and w == 2]
    if len(graphs) != 1:
        raise OnnxError(f"{path.name}: not an ONNX model (no graph)")
    found = {}
    for field, wire, value in _fields(graphs[0]):  # type: ignore[arg-type]
        if field == _INITIALIZER and wire == 2:
            name, array = _tensor(value)  # type: ignore[arg-type]
            found[name] = array
    return found
