"""Drives RecBole's SASRec in its own environment and reads its ranks back for evaluation."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np

from ranking.data import Split
from ranking.evaluation import RankedLists

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("recbole_sasrec.py")


def write_benchmark_files(split: Split, folder: Path, name: str) -> None:
    """RecBole benchmark files from ShopTalk's split: every training prefix, then valid, then test."""
    folder.mkdir(parents=True, exist_ok=True)
    header = "user_id:token\titem_id_list:token_seq\titem_id:token\n"
    with (folder / f"{name}.train.inter").open("w") as train:
        train.write(header)
        for u, seq in enumerate(split.train):
            for t in range(1, len(seq)):
                train.write(f"{u}\t{' '.join(map(str, seq[max(0, t - 50) : t]))}\t{seq[t]}\n")
    for stage, file in (("valid", "valid"), ("test", "test")):
        with (folder / f"{name}.{file}.inter").open("w") as handle:
            handle.write(header)
            for u, hist, target in zip(
                split.eval_users, split.histories(stage), split.targets(stage), strict=True
            ):
                handle.write(f"{u}\t{' '.join(map(str, hist[-50:]))}\t{target}\n")


def run_recbole_sasrec(
    split: Split, work: Path, epochs: int = 300, log: Path | None = None
) -> tuple[RankedLists, dict[str, float]]:
    """Train and score RecBole's SASRec on this split; needs `.venv-recbole` (scripts/peer-venv.sh)."""
    subprocess.run([str(ROOT / "scripts" / "peer-venv.sh")], check=True)
    work = work.resolve()  # the runner works in `work`: a relative path would not resolve there
    name = split.data.name
    write_benchmark_files(split, work / name, name)
    out = work / f"{name}-recbole.npz"
    # checkpoints of an earlier, stopped run on this very split are resumed; others are cleared
    saved, fingerprint = work / "recbole-saved" / name, split_fingerprint(split)
    if not (saved / "split").is_file() or (saved / "split").read_text() != fingerprint:
        shutil.rmtree(saved, ignore_errors=True)
    saved.mkdir(parents=True, exist_ok=True)
    (saved / "split").write_text(fingerprint)
    with (log or work / f"{name}-recbole.log").open("a") as handle:  # a resumed run adds to it
        subprocess.run(
            [str(ROOT / ".venv-recbole" / "bin" / "python"), str(RUNNER), str(work), name, str(out), "--epochs", str(epochs), "--resume"],
            check=True, stdout=handle, stderr=subprocess.STDOUT, cwd=work,
            env={**os.environ, "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": "1"},
        )  # fmt: skip
    result = np.load(out)
    info = {
        "train_seconds": float(result["train_seconds"]),
        "ms_per_user": float(result["ms_per_user"]),
    }
    return RankedLists(result["ranks"], result["top"]), info


def split_fingerprint(split: Split) -> str:
    """Identifies a split's exact content, to know when an earlier peer run can be reused."""
    import hashlib

    digest = hashlib.sha256()
    for seq in split.train:
        digest.update(seq.tobytes())
    digest.update(split.valid_target.tobytes())
    digest.update(split.test_target.tobytes())
    return digest.hexdigest()[:16]


def cached_or_run(
    split: Split, work: Path, reuse: bool = False
) -> tuple[RankedLists, dict[str, float], bool]:
    """RecBole's result for this split: from an earlier run when `reuse` and it matches, else run now."""
    name = split.data.name
    out = work / f"{name}-recbole.npz"
    stamp = work / f"{name}-recbole.split"
    if (
        reuse
        and out.is_file()
        and stamp.is_file()
        and stamp.read_text() == split_fingerprint(split)
    ):
        result = np.load(out)
        info = {
            "train_seconds": float(result["train_seconds"]),
            "ms_per_user": float(result["ms_per_user"]),
        }
        return RankedLists(result["ranks"], result["top"]), info, True
    lists, info = run_recbole_sasrec(split, work)
    stamp.write_text(split_fingerprint(split))
    return lists, info, False
