"""Interaction logs as per-user item sequences, and the leave-one-out split every model shares.

Three readers, one result (`SequenceData`):
- the UniSRec/RecBole split files (`X.test.inter` holds each user's full history + last item),
- the LC-Rec `X.inter.json` (user -> chronological item ids) with `X.item.json` for text,
- a generic text file: one line per user, `user item item ...` in time order (the public
  SASRec/S3-Rec format), with an optional `item<TAB>text` file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ranking.errors import DatasetError


@dataclass(frozen=True)
class SequenceData:
    """Users' item sequences; items are dense ints indexing `item_ids`."""

    name: str
    users: tuple[str, ...]
    item_ids: tuple[str, ...]
    sequences: tuple[np.ndarray, ...]
    item_text: tuple[str, ...] | None = None
    item_category: tuple[str, ...] | None = None

    @property
    def n_items(self) -> int:
        return len(self.item_ids)

    @cached_property
    def interactions(self) -> int:
        return int(sum(len(s) for s in self.sequences))


@dataclass(frozen=True)
class Split:
    """Leave-one-out: last item = test, second-to-last = validation, the rest = training.

    Users with fewer than three items only contribute training data.
    """

    data: SequenceData
    train: tuple[np.ndarray, ...]  # per user, training items
    eval_users: np.ndarray  # users that have a validation and a test item
    valid_target: np.ndarray  # per eval user
    test_target: np.ndarray  # per eval user

    def histories(self, stage: str) -> list[np.ndarray]:
        """What the model sees before predicting the `valid` or `test` target of each eval user."""
        if stage == "valid":
            return [self.train[u] for u in self.eval_users]
        if stage == "test":
            return [
                np.append(self.train[u], v)
                for u, v in zip(self.eval_users, self.valid_target, strict=True)
            ]
        raise ValueError(f"stage must be 'valid' or 'test', not {stage!r}")

    def targets(self, stage: str) -> np.ndarray:
        return self.valid_target if stage == "valid" else self.test_target

    @cached_property
    def train_counts(self) -> np.ndarray:
        """Training interactions per item."""
        counts = np.zeros(self.data.n_items, dtype=np.int64)
        for seq in self.train:
            np.add.at(counts, seq, 1)
        return counts


def leave_one_out(data: SequenceData) -> Split:
    train, users, valid, test = [], [], [], []
    for u, seq in enumerate(data.sequences):
        if len(seq) >= 3:
            train.append(seq[:-2])
            users.append(u)
            valid.append(seq[-2])
            test.append(seq[-1])
        else:
            train.append(seq)
    return Split(data, tuple(train), np.array(users), np.array(valid), np.array(test))


def _require(path: Path) -> Path:
    if not path.is_file():
        raise DatasetError(f"{path}: no such file; see README 'Behaviour logs' for the formats")
    return path


def _lcrec_categories(item_json: Path) -> dict[str, str]:
    """Title -> second-level category, from an LC-Rec item file (for diversity)."""
    items = json.loads(_require(item_json).read_text(encoding="utf-8"))
    out = {}
    for item in items.values():
        cats = [c.strip() for c in str(item.get("categories") or "").split(",") if c.strip()]
        out[str(item.get("title") or "").strip().rstrip(".").lower()] = (
            cats[1] if len(cats) > 1 else (cats[0] if cats else "")
        )
    return out


def load_unisrec(folder: Path, name: str) -> SequenceData:
    """The UniSRec split files `name.{test.inter,item2index,text}` in `folder` (published split)."""
    index = {}
    for line in _require(folder / f"{name}.item2index").read_text().splitlines():
        asin, idx = line.split("\t")
        index[int(idx)] = asin
    item_ids = tuple(index[i] for i in range(len(index)))
    users, sequences = [], []
    lines = _require(folder / f"{name}.test.inter").read_text().splitlines()
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != 3:
            raise DatasetError(
                f"{folder / f'{name}.test.inter'} line {number}: expected 3 tab-separated fields"
            )
        history = [int(x) for x in parts[1].split()]
        users.append(parts[0])
        sequences.append(np.array([*history, int(parts[2])], dtype=np.int64))
    texts: dict[str, str] = {}
    text_file = folder / f"{name}.text"
    if text_file.is_file():
        for line in text_file.read_text(encoding="utf-8").splitlines()[1:]:
            asin, _, text = line.partition("\t")
            texts[asin] = text.strip()
    categories = (
        _lcrec_categories(folder / f"{name}.item.json")
        if (folder / f"{name}.item.json").is_file()
        else {}
    )
    item_text = tuple(texts.get(a, "") for a in item_ids)
    item_category = tuple(
        categories.get(t.split(". ")[0].strip().rstrip(".").lower(), "") for t in item_text
    )
    return SequenceData(name, tuple(users), item_ids, tuple(sequences), item_text, item_category)


def load_lcrec(inter_json: Path, item_json: Path, name: str) -> SequenceData:
    """LC-Rec `inter.json` (user -> item ids in time order) with its `item.json` for text."""
    inter = json.loads(_require(inter_json).read_text())
    items = json.loads(_require(item_json).read_text(encoding="utf-8"))
    keys = sorted(items, key=int)
    position = {k: i for i, k in enumerate(keys)}
    users, sequences = [], []
    for user, seq in inter.items():
        missing = [x for x in seq if str(x) not in position]
        if missing:
            raise DatasetError(
                f"{inter_json}: user {user} has items {missing[:3]} that {item_json} lacks"
            )
        users.append(str(user))
        sequences.append(np.array([position[str(x)] for x in seq], dtype=np.int64))
    texts, cats = [], []
    for k in keys:
        item = items[k]
        categories = [c.strip() for c in str(item.get("categories") or "").split(",") if c.strip()]
        texts.append(
            ". ".join(
                x
                for x in (
                    str(item.get("title") or ""),
                    " ".join(categories),
                    str(item.get("brand") or ""),
                )
                if x
            )
        )
        cats.append(categories[1] if len(categories) > 1 else (categories[0] if categories else ""))
    return SequenceData(
        name, tuple(users), tuple(keys), tuple(sequences), tuple(texts), tuple(cats)
    )


def load_sequence_file(path: Path, name: str, item_text: Path | None = None) -> SequenceData:
    """Generic: `user item item ...` per line (whitespace-separated, time order); optional
    `item<TAB>text[<TAB>category]` file."""
    position: dict[str, int] = {}
    users, sequences = [], []
    for number, line in enumerate(_require(path).read_text().splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 2:
            raise DatasetError(
                f"{path} line {number}: a user id then at least one item id is needed"
            )
        users.append(parts[0])
        sequences.append(
            np.array([position.setdefault(x, len(position)) for x in parts[1:]], dtype=np.int64)
        )
    item_ids = tuple(sorted(position, key=position.__getitem__))
    texts: tuple[str, ...] | None = None
    cats: tuple[str, ...] | None = None
    if item_text is not None:
        by_item: dict[str, list[str]] = {}
        for line in _require(item_text).read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            by_item[fields[0]] = fields[1:]
        texts = tuple((by_item.get(i) or [""])[0] for i in item_ids)
        cats = tuple(
            (by_item.get(i) or ["", ""])[1] if len(by_item.get(i) or []) > 1 else ""
            for i in item_ids
        )
    return SequenceData(name, tuple(users), item_ids, tuple(sequences), texts, cats)


def builtin_dataset(name: str, data_dir: Path) -> SequenceData:
    """The bundled logs by name: 'scientific' (UniSRec split), 'office' (LC-Rec) or 'toys' (the
    ID-only S3-Rec log)."""
    if name == "toys":
        return load_sequence_file(data_dir / "s3rec-toys" / "Toys_and_Games.txt", "Toys_and_Games")
    if name == "scientific":
        return load_unisrec(data_dir / "amazon-scientific", "Scientific")
    if name == "office":
        folder = data_dir / "amazon-office"
        return load_lcrec(folder / "Office.inter.json", folder / "Office.item.json", "Office")
    raise DatasetError(
        f"unknown dataset {name!r}; use 'scientific', 'office', 'toys' or --dataset PATH"
    )
