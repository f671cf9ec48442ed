"""ShopTalk's sequential recommender: self-attention over the recent items (SASRec family),
where every item is its text embedding (from the retrieval embedder) projected, plus a learned
ID embedding that starts at zero. An item nobody has bought yet is still its text, so it can be
recommended from day one (cold start); popular items learn an ID offset on top.

Training is built for 2 CPU cores: batches are grouped by length and padded only to the longest
in the batch (histories average ~5 items, so fixed padding to 50 would be ~90% waste), the loss
is a full softmax over all items, and early stopping watches validation NDCG@10.
"""

from __future__ import annotations

import copy
import math
import time
from typing import Any

import numpy as np
import torch
from torch import nn

from ranking.errors import ModelNotTrainedError
from ranking.evaluation import ndcg, target_ranks
from ranking.models.base import Recommender, TrainingData
from ranking.models.covisitation import behaviour_vectors


class _Net(nn.Module):
    def __init__(self, n_items: int, side: torch.Tensor | None, dim: int, layers: int, heads: int,
                 dropout: float, max_len: int) -> None:  # fmt: skip
        super().__init__()
        self.n_items = n_items
        self.pad = n_items
        self.id_emb = nn.Embedding(n_items + 1, dim, padding_idx=n_items)
        nn.init.zeros_(self.id_emb.weight)
        self.side: torch.Tensor | None
        if side is not None:
            padded = torch.cat([side, torch.zeros(1, side.shape[1])])
            self.register_buffer("side", padded)
            self.side_proj = nn.Sequential(nn.Linear(side.shape[1], dim), nn.LayerNorm(dim))
        else:
            self.side = None
            nn.init.normal_(self.id_emb.weight, std=0.05)
        self.pos = nn.Embedding(max_len, dim)
        layer = nn.TransformerEncoderLayer(
            dim, heads, dim_feedforward=dim * 2, dropout=dropout, batch_first=True,
            norm_first=True, activation="gelu",
        )  # fmt: skip
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(dim)
        self.drop = nn.Dropout(dropout)
        self.scale = math.sqrt(dim)

    def items(self) -> torch.Tensor:
        """Every item's representation (pad row included)."""
        table = self.id_emb.weight
        if self.side is not None:
            table = table + self.side_proj(self.side)
        return table

    def encode(self, seqs: torch.Tensor, table: torch.Tensor) -> torch.Tensor:
        """Hidden state at every position of right-padded sequences."""
        length = seqs.shape[1]
        x = table[seqs] + self.pos(torch.arange(length))[None]
        x = self.drop(x)
        causal = torch.triu(torch.ones(length, length, dtype=torch.bool), diagonal=1)
        h = self.encoder(x, mask=causal, src_key_padding_mask=seqs == self.pad)
        return self.norm(h)


#: Offsets tried for the items already in a history (0: no change; -30: never again). The model
#: keeps the one that validates best: on a log where nobody buys the same item twice, the tied
#: item table otherwise ranks the item just bought first (92% of Office histories).
HISTORY_BIASES = (0.0, -1.0, -2.0, -4.0, -8.0, -30.0)


def _biased(scores: np.ndarray, histories: list[np.ndarray], bias: float) -> np.ndarray:
    if not bias:
        return scores
    out = scores.copy()
    for row, history in enumerate(histories):
        if len(history):
            out[row, history] += bias
    return out


def _pad(seqs: list[np.ndarray], pad: int) -> torch.Tensor:
    longest = max(len(s) for s in seqs)
    out = np.full((len(seqs), longest), pad, dtype=np.int64)
    for i, s in enumerate(seqs):
        out[i, : len(s)] = s
    return torch.from_numpy(out)


class SequentialRecommender(Recommender):
    """SASRec-style model over item text and behaviour vectors (see module docstring)."""

    name = "shoptalk-seq"

    def __init__(self, dim: int = 64, layers: int = 2, heads: int = 2, dropout: float = 0.3,
                 max_len: int = 50, lr: float = 1e-3, batch_size: int = 128, max_epochs: int = 40,
                 patience: int = 4, use_text: bool = True, behaviour_dim: int = 64,
                 seed: int = 0, threads: int | None = None,
                 max_seconds: float = 480.0, temperature: float | None = 0.07) -> None:  # fmt: skip
        self.params = dict(dim=dim, layers=layers, heads=heads, dropout=dropout, max_len=max_len)
        self.lr, self.batch_size, self.max_epochs, self.patience = (
            lr,
            batch_size,
            max_epochs,
            patience,
        )
        self.use_text, self.behaviour_dim = use_text, behaviour_dim
        self.seed, self.threads, self.max_seconds = seed, threads, max_seconds
        # Cosine logits over a temperature (as in UniSRec): side vectors and learned offsets live
        # on different scales, and the dot product lets popular items' norms run away.
        self.temperature = temperature
        self.net: _Net | None = None
        self._table: torch.Tensor | None = None
        #: Added to the scores of items already in the history (learned on validation).
        self.history_bias = 0.0

    def side_vectors(self, data: TrainingData) -> np.ndarray | None:
        """What each item starts as: its text vector (when the store has text and `use_text`) next
        to its behaviour vector from the training log (when `behaviour_dim`), or None for pure
        learned IDs."""
        parts = []
        if self.use_text and data.item_vectors is not None:
            parts.append(np.asarray(data.item_vectors, dtype=np.float32))
        if self.behaviour_dim:
            parts.append(behaviour_vectors(data.sequences, data.n_items, self.behaviour_dim))
        return np.concatenate(parts, axis=1) if parts else None

    def fit(self, data: TrainingData, progress: Any = None) -> dict[str, Any]:
        if self.threads:
            torch.set_num_threads(self.threads)
        torch.manual_seed(self.seed)
        rng = np.random.default_rng(self.seed)
        side = self.side_vectors(data)
        net = _Net(data.n_items, None if side is None else torch.from_numpy(side), **self.params)  # type: ignore[arg-type]
        self.net = net
        max_len = self.params["max_len"]
        examples = [s[-(max_len + 1) :] for s in data.sequences if len(s) >= 2]
        examples.sort(key=len)
        batches = [
            examples[i : i + self.batch_size] for i in range(0, len(examples), self.batch_size)
        ]
        optimiser = torch.optim.Adam(net.parameters(), lr=self.lr)
        loss_fn = nn.CrossEntropyLoss(ignore_index=net.pad)
        best, best_state, bad, history = -1.0, None, 0, []
        started = time.perf_counter()
        for epoch in range(1, self.max_epochs + 1):
            net.train()
            total = 0.0
            for b in rng.permutation(len(batches)):
                batch = batches[b]
                inputs = _pad([s[:-1] for s in batch], net.pad)
                targets = _pad([s[1:] for s in batch], net.pad)
                table = net.items()
                hidden = net.encode(inputs, table)
                logits = self._logits(hidden, table[: net.n_items])
                loss = loss_fn(logits.reshape(-1, net.n_items), targets.reshape(-1))
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                total += float(loss.detach()) * len(batch)
            self._table = None
            valid, bias = self._valid_ndcg(data) if len(data.valid_targets) else (0.0, 0.0)
            history.append({"epoch": epoch, "loss": total / len(examples), "valid_ndcg_10": valid,
                            "history_bias": bias})  # fmt: skip
            if progress is not None:
                progress(history[-1])
            if valid > best:
                best, best_state, bad = valid, copy.deepcopy(net.state_dict()), 0
                self.history_bias = bias
            else:
                bad += 1
            if bad >= self.patience or time.perf_counter() - started > self.max_seconds:
                break
        if best_state is not None:
            net.load_state_dict(best_state)
        net.eval()
        self._table = None
        return {"seconds": time.perf_counter() - started, "epochs": len(history),
                "best_valid_ndcg_10": best, "history_bias": self.history_bias,
                "history": history}  # fmt: skip

    def _valid_ndcg(self, data: TrainingData) -> tuple[float, float]:
        """Validation NDCG@10 at the best history bias, and that bias."""
        ranks: dict[float, list[np.ndarray]] = {b: [] for b in HISTORY_BIASES}
        for start in range(0, len(data.valid_targets), 1024):
            histories = data.valid_histories[start : start + 1024]
            raw = self._raw_scores(histories)
            for bias in HISTORY_BIASES:
                scores = _biased(raw, histories, bias)
                ranks[bias].append(target_ranks(scores, data.valid_targets[start : start + 1024]))
        quality = {bias: ndcg(np.concatenate(r), 10) for bias, r in ranks.items()}
        bias = max(quality, key=lambda b: (quality[b], b))
        return quality[bias], bias

    def score(self, histories: list[np.ndarray]) -> np.ndarray:
        return _biased(self._raw_scores(histories), histories, getattr(self, "history_bias", 0.0))

    @torch.no_grad()
    def _raw_scores(self, histories: list[np.ndarray]) -> np.ndarray:
        if self.net is None:
            raise ModelNotTrainedError(
                "the sequential model has not been trained; run `shoptalk train`"
            )
        net = self.net
        was_training = net.training
        net.eval()
        if self._table is None or was_training:
            self._table = net.items()
        table = self._table
        max_len = self.params["max_len"]
        seqs = [h[-max_len:] if len(h) else np.array([net.pad]) for h in histories]
        hidden = net.encode(_pad(seqs, net.pad), table)
        last = hidden[torch.arange(len(seqs)), torch.tensor([len(s) - 1 for s in seqs])]
        if was_training:
            net.train()
        return self._logits(last, table[: net.n_items]).numpy()

    def _logits(self, hidden: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        if self.temperature is None:
            return hidden @ items.T
        unit = nn.functional.normalize
        return unit(hidden, dim=-1) @ unit(items, dim=-1).T / self.temperature

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_table"] = None
        return state
