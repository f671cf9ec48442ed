"""ShopTalk's ranker: a learned blend (LightGBM LambdaRank) of the sequential model, co-visitation,
text similarity (when the store has item text) and popularity, over each history's candidate pool.

The blend is learned on the validation stage (history = training items, label = the held-out
next item) and never sees the test items. Items outside the pool are ranked after it by
popularity, so the output is still a full ranking over all items.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ranking.errors import ModelNotTrainedError
from ranking.models.base import Recommender, TrainingData

#: The components a blend can have, in feature order; "text" only where items have text vectors.
PARTS = ("seq", "covis", "text")
#: The features after each component's score and rank.
SHARED_FEATURES = ("log_count", "history_len", "in_history")


def _ranks(scores: np.ndarray) -> np.ndarray:
    order = np.argsort(-scores, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(scores.shape[1])[None].repeat(len(scores), 0), axis=1)
    return ranks


class LearnedBlend(Recommender):
    """Learning-to-rank over the components' scores (see module docstring)."""

    name = "shoptalk-ranker"

    def __init__(
        self,
        components: dict[str, Recommender],
        pool: int = 50,
        max_train_users: int = 5000,
        seed: int = 0,
    ) -> None:
        missing = {"seq", "covis"} - set(components)
        unknown = set(components) - set(PARTS)
        if missing or unknown:
            raise ValueError(
                f"the blend needs components seq and covis (text optional); missing "
                f"{sorted(missing)}, unknown {sorted(unknown)}"
            )
        self.components = components
        self.pool = pool
        self.max_train_users = max_train_users
        self.seed = seed
        self.ranker: Any = None
        self.log_count = np.zeros(0)

    def _features(self, histories: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Candidate pools (users, pool*3, padded with -1) and their features (users, pool*3, F)."""
        parts = {name: self.components[name].score(histories) for name in self.parts}
        ranks = {name: _ranks(s) for name, s in parts.items()}
        width = self.pool * len(parts)
        cands = np.full((len(histories), width), -1, dtype=np.int64)
        feats = np.zeros((len(histories), width, len(self.features)), dtype=np.float32)
        shared = 2 * len(parts)
        for u, history in enumerate(histories):
            pool = np.unique(np.concatenate([np.argsort(-parts[n][u])[: self.pool] for n in parts]))
            cands[u, : len(pool)] = pool
            f = feats[u, : len(pool)]
            for j, name in enumerate(parts):
                f[:, 2 * j] = parts[name][u, pool]
                f[:, 2 * j + 1] = np.log1p(ranks[name][u, pool])
            f[:, shared] = self.log_count[pool]
            f[:, shared + 1] = len(history)
            f[:, shared + 2] = np.isin(pool, history)
        return cands, feats

    @property
    def parts(self) -> tuple[str, ...]:
        """The components this blend has, in feature order."""
        return tuple(name for name in PARTS if name in self.components)

    @property
    def features(self) -> tuple[str, ...]:
        return (*(f for n in self.parts for f in (n, f"{n}_rank")), *SHARED_FEATURES)

    def fit(self, data: TrainingData, fit_components: bool = True) -> dict[str, Any]:
        import lightgbm as lgb

        started = time.perf_counter()
        info: dict[str, Any] = {}
        if fit_components:
            for name, model in self.components.items():
                info[name] = {k: v for k, v in model.fit(data).items() if k != "history"}
        counts = np.zeros(data.n_items)
        for seq in data.sequences:
            np.add.at(counts, seq, 1.0)
        self.log_count = np.log1p(counts)
        if not len(data.valid_targets):
            raise ModelNotTrainedError(
                "the blend is learned on validation targets; TrainingData has none"
            )
        rng = np.random.default_rng(self.seed)
        users = rng.permutation(len(data.valid_targets))[: self.max_train_users]
        cands, feats = self._features([data.valid_histories[u] for u in users])
        X, y, groups = [], [], []
        for row, u in enumerate(users):
            valid = cands[row] >= 0
            labels = (cands[row][valid] == data.valid_targets[u]).astype(np.int32)
            if labels.sum() == 0:
                continue  # the target is outside the pool: nothing to learn about ordering it
            X.append(feats[row][valid])
            y.append(labels)
            groups.append(int(valid.sum()))
        self.ranker = lgb.LGBMRanker(
            objective="lambdarank", n_estimators=300, learning_rate=0.05, num_leaves=31,
            min_child_samples=50, subsample=0.8, subsample_freq=1, colsample_bytree=0.9,
            random_state=self.seed, verbose=-1, n_jobs=2,
        )  # fmt: skip
        self.ranker.fit(np.concatenate(X), np.concatenate(y), group=groups)
        info.update(
            seconds=time.perf_counter() - started, ltr_groups=len(groups), ltr_users=len(users)
        )
        return info

    def score(self, histories: list[np.ndarray]) -> np.ndarray:
        if self.ranker is None:
            raise ModelNotTrainedError("the ranker has not been trained; run `shoptalk train`")
        cands, feats = self._features(histories)
        out = np.broadcast_to(
            self.log_count / (self.log_count.max() + 1) - 1e3, (len(histories), len(self.log_count))
        ).copy()
        valid = cands >= 0
        blended = self.ranker.predict(
            feats[valid], num_threads=1
        )  # OpenMP spin-up costs more than ~150 rows
        rows = np.nonzero(valid)[0]
        out[rows, cands[valid]] = blended
        return out

    def explain(self, history: np.ndarray, item: int) -> dict[str, float]:
        """The component scores behind one recommendation (for reasons shown to people)."""
        return {name: float(self.components[name].score([history])[0, item]) for name in self.parts}


def shoptalk_ranker(item_vectors: np.ndarray | None, **sequential: Any) -> LearnedBlend:
    """ShopTalk's ranker as trained, served and benchmarked: the sequential model (over text and
    behaviour vectors, or behaviour alone), co-visitation, and text similarity where the items
    have text vectors. `sequential` goes to `SequentialRecommender`."""
    # here, not at the top: the registry imports this module in every API process, and torch
    # (the sequential model) is loaded only where a ranker is built or unpickled
    from ranking.models.content import TextSimilarity
    from ranking.models.covisitation import CoVisitation
    from ranking.models.sequential import SequentialRecommender

    components: dict[str, Recommender] = {
        "seq": SequentialRecommender(**sequential), "covis": CoVisitation(),
    }  # fmt: skip
    if item_vectors is not None:
        components["text"] = TextSimilarity()
    return LearnedBlend(components)
