"""The PP-OCRv4 graphs with their chains of elementwise steps folded: the same arithmetic, fewer passes.

The models as exported run every activation as seven elementwise steps over the whole feature
map: a learned scale and shift after each convolution, hardswish spelt out as x·clip(x+3, 0, 6)/6,
and another scale and shift before the next convolution. They took about half the recogniser's
time. Here a scale and shift after a convolution go into its weights and bias, hardswish becomes
x·HardSigmoid(x), and a scale and shift before a convolution go into its weights (its bias too
when it pads nothing; otherwise one addition is left, since the zeros padded in are not shifted).
The outputs agree with the exported graphs' to rounding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class _Graph:
    """A graph's nodes in order, its constants by name, and who reads each value."""

    graph: Any  # onnx.GraphProto
    nodes: list = field(default_factory=list)
    constants: dict[str, np.ndarray] = field(default_factory=dict)
    readers: dict[str, list] = field(default_factory=dict)

    def index(self) -> None:
        self.readers = {}
        for node in self.nodes:
            for name in node.input:
                self.readers.setdefault(name, []).append(node)
        for output in self.graph.output:
            self.readers.setdefault(output.name, []).append(None)  # read from outside

    def scalar(self, name: str) -> float | None:
        value = self.constants.get(name)
        return float(value.ravel()[0]) if value is not None and value.size == 1 else None

    def sole_reader(self, name: str, op_type: str):
        """The one node reading `name`, when it is of `op_type`."""
        readers = self.readers.get(name, [])
        if len(readers) == 1 and readers[0] is not None and readers[0].op_type == op_type:
            return readers[0]
        return None

    def scalar_operand(self, node, operand: str) -> float | None:
        """The constant scalar `node` combines `operand` with (a Mul or Add of two inputs)."""
        if node is None or len(node.input) != 2 or operand not in node.input:
            return None
        other = node.input[1] if node.input[0] == operand else node.input[0]
        return self.scalar(other)

    def constant(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        value = value.astype(np.float32)
        name = f"{name}:{len(self.constants)}"  # a value folded twice gets a new name each time
        self.constants[name] = value
        self.graph.initializer.append(numpy_helper.from_array(value, name))
        return name

    def rewrite(self, find: Callable) -> int:
        """Apply `find(node)` to each node: None, or (replacements by node, the nodes made redundant)."""
        self.index()
        replaced: dict[int, list] = {}
        dropped: set[int] = set()
        for node in self.nodes:
            if id(node) in dropped or id(node) in replaced:
                continue
            found = find(node)
            if found is not None:
                replacements, redundant = found
                replaced.update(replacements)
                dropped.update(id(each) for each in redundant)
        self.nodes = [
            new for node in self.nodes if id(node) not in dropped for new in replaced.get(id(node), [node])
        ]
        return len(replaced)


def fold_sessions(ocr, threads: int | None) -> None:
    """Give a RapidOCR engine's detector and recogniser sessions of the folded graphs."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False  # as RapidOCR's own sessions: the inputs change size each call
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    if threads:
        options.intra_op_num_threads = threads
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH, read_yaml, update_model_path

    config = update_model_path(read_yaml(DEFAULT_CFG_PATH))  # the models RapidOCR loaded
    for holder, part in ((ocr.text_det.infer, "Det"), (ocr.text_rec.session, "Rec")):
        with open(config[part]["model_path"], "rb") as handle:
            model = folded(handle.read())
        # RapidOCR's session wrapper runs whatever InferenceSession it holds
        holder.session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def folded(model_bytes: bytes) -> bytes:
    """The model with its elementwise chains folded (serialized ONNX in, serialized ONNX out)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load_from_string(model_bytes)
    graph = _Graph(model.graph, list(model.graph.node))
    for node in graph.nodes:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            graph.constants[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    for initializer in model.graph.initializer:
        graph.constants[initializer.name] = numpy_helper.to_array(initializer)
    graph.rewrite(lambda node: _hardswish(graph, node))
    graph.rewrite(lambda node: _affine_after_conv(graph, node))
    graph.rewrite(lambda node: _affine_before_conv(graph, node))
    del model.graph.node[:]
    model.graph.node.extend(graph.nodes)
    return model.SerializeToString()


def _hardswish(graph: _Graph, add):
    """Hardswish spelt out, x + 3 → clip(0, 6) → x · that → / 6, as x · HardSigmoid(x)."""
    from onnx import helper

    if add.op_type != "Add" or len(add.input) != 2:
        return None
    three = [name for name in add.input if graph.scalar(name) == 3.0]
    if not three:
        return None
    x = add.input[1] if add.input[0] == three[0] else add.input[0]
    clip = graph.sole_reader(add.output[0], "Clip")
    if clip is None or len(clip.input) != 3:
        return None
    if graph.scalar(clip.input[1]) != 0.0 or graph.scalar(clip.input[2]) != 6.0:
        return None
    times = graph.sole_reader(clip.output[0], "Mul")
    if times is None or set(times.input) != {x, clip.output[0]}:
        return None
    divide = graph.sole_reader(times.output[0], "Div")
    if divide is None or divide.input[0] != times.output[0] or graph.scalar(divide.input[1]) != 6.0:
        return None
    result = divide.output[0]
    gate = helper.make_node("HardSigmoid", [x], [result + ":gate"], alpha=1 / 6, beta=0.5)
    product = helper.make_node("Mul", [x, result + ":gate"], [result])
    return {id(add): [gate, product]}, [clip, times, divide]


def _affine_after_conv(graph: _Graph, conv):
    """Conv → · s → + b, as one Conv with weights s·W and bias s·B + b."""
    from onnx import helper

    if conv.op_type != "Conv" or conv.input[1] not in graph.constants:
        return None
    times = graph.sole_reader(conv.output[0], "Mul")
    scale = graph.scalar_operand(times, conv.output[0])
    if times is None or scale is None:
        return None
    plus = graph.sole_reader(times.output[0], "Add")
    shift = graph.scalar_operand(plus, times.output[0])
    if plus is None or shift is None:
        return None
    weight = graph.constants[conv.input[1]]
    bias = graph.constants[conv.input[2]] if len(conv.input) > 2 else np.zeros(weight.shape[0], np.float32)
    weights = graph.constant(plus.output[0] + ":weight", weight * scale)
    biases = graph.constant(plus.output[0] + ":bias", bias * scale + shift)
    replacement = helper.make_node("Conv", [conv.input[0], weights, biases], [plus.output[0]], name=conv.name)
    replacement.attribute.extend(conv.attribute)
    return {id(conv): [replacement]}, [times, plus]


def _affine_before_conv(graph: _Graph, times):
    """· s → + b → Conv, as Conv with weights s·W and bias B + b·ΣW; with padding, + b/s → Conv(s·W)."""
    from onnx import helper

    if times.op_type != "Mul" or len(times.input) != 2:
        return None
    variable = [name for name in times.input if name not in graph.constants]
    if len(variable) != 1:
        return None
    x = variable[0]
    scale = graph.scalar_operand(times, x)
    plus = graph.sole_reader(times.output[0], "Add")
    shift = graph.scalar_operand(plus, times.output[0])
    if not scale or plus is None or shift is None:
        return None
    conv = graph.sole_reader(plus.output[0], "Conv")
    if conv is None or conv.input[0] != plus.output[0] or conv.input[1] not in graph.constants:
        return None
    weight = graph.constants[conv.input[1]]
    weights = graph.constant(conv.output[0] + ":weight", weight * scale)
    if _pads_nothing(conv):
        bias = (
            graph.constants[conv.input[2]] if len(conv.input) > 2 else np.zeros(weight.shape[0], np.float32)
        )
        biases = graph.constant(conv.output[0] + ":bias", bias + shift * weight.sum(axis=(1, 2, 3)))
        replacement = helper.make_node("Conv", [x, weights, biases], list(conv.output), name=conv.name)
        replacement.attribute.extend(conv.attribute)
        return {id(conv): [replacement]}, [times, plus]
    offset = graph.constant(plus.output[0] + ":offset", np.array([shift / scale]))
    shifted = helper.make_node("Add", [x, offset], [plus.output[0]])
    replacement = helper.make_node("Conv", [plus.output[0], weights, *conv.input[2:]], list(conv.output))
    replacement.name = conv.name
    replacement.attribute.extend(conv.attribute)
    return {id(times): [shifted], id(conv): [replacement]}, [plus]


def _pads_nothing(conv) -> bool:
    for attribute in conv.attribute:
        if attribute.name == "pads" and any(attribute.ints):
            return False
        if attribute.name == "auto_pad" and attribute.s not in (b"", b"NOTSET", b"VALID"):
            return False
    return True
