"""Runs RecBole's SASRec inside `.venv-recbole` (RecBole 1.2.1 pins an older numpy/pandas/scipy).

Standalone on purpose: it imports nothing from ShopTalk. It reads the benchmark files that
`ranking.peers.recbole` wrote (`<name>.{train,valid,test}.inter`, item tokens are ShopTalk's
item ints), trains SASRec with the settings published for this split, and writes, for each test
user in file order, the target's rank over all items and the top-20 items, so ShopTalk's
evaluation module measures it exactly as it measures every other model.

With `--resume`, training goes on from the newest checkpoint in `recbole-saved/NAME/` beside
OUT (RecBole saves one at each better validation score): a run of hours that was stopped loses
only the epochs since its last better score. Its training time counts every run's (each
checkpoint's `.seconds`).

usage: python recbole_sasrec.py DATA_DIR NAME OUT.npz [--epochs N] [--resume]
"""

from __future__ import annotations

import glob
import os
import sys
import time

os.environ.setdefault("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1")

import numpy as np
import torch


def main() -> None:
    data_dir, name, out = sys.argv[1], sys.argv[2], sys.argv[3]
    epochs = int(sys.argv[sys.argv.index("--epochs") + 1]) if "--epochs" in sys.argv else 300
    from recbole.config import Config
    from recbole.data import create_dataset, data_preparation
    from recbole.model.sequential_recommender import SASRec
    from recbole.trainer import Trainer
    from recbole.utils import init_logger, init_seed

    saved_dir = os.path.join(os.path.dirname(out) or ".", "recbole-saved", name)

    class TimedTrainer(Trainer):
        """Each checkpoint notes the training seconds behind it (this run's and earlier runs')."""

        prior, started = 0.0, time.perf_counter()

        def _save_checkpoint(self, epoch, verbose=True, **kwargs):
            super()._save_checkpoint(epoch, verbose=verbose, **kwargs)
            with open(f"{self.saved_model_file}.seconds", "w") as handle:
                handle.write(str(self.prior + time.perf_counter() - self.started))

    config = Config(
        model="SASRec",
        dataset=name,
        config_dict={
            "data_path": data_dir, "benchmark_filename": ["train", "valid", "test"],
            "load_col": {"inter": ["user_id", "item_id_list", "item_id"]},
            "alias_of_item_id": ["item_id_list"], "USER_ID_FIELD": "user_id", "ITEM_ID_FIELD": "item_id",
            "n_layers": 2, "n_heads": 2, "hidden_size": 64, "inner_size": 256,
            "hidden_dropout_prob": 0.5, "attn_dropout_prob": 0.5, "loss_type": "CE",
            "MAX_ITEM_LIST_LENGTH": 50, "learning_rate": 0.001, "train_batch_size": 2048,
            "eval_batch_size": 4096, "epochs": epochs, "stopping_step": 10, "train_neg_sample_args": None,
            "eval_args": {"split": {"LS": "valid_and_test"}, "order": "TO", "mode": "full"},
            "metrics": ["Recall", "NDCG"], "topk": [10], "valid_metric": "NDCG@10",
            "device": "cpu", "use_gpu": False, "show_progress": False, "seed": 2020,
            "checkpoint_dir": saved_dir,
            "worker": 0, "log_wandb": False,
        },
    )  # fmt: skip
    init_seed(config["seed"], config["reproducibility"])
    init_logger(config)  # one line per epoch (loss, validation NDCG@10) into the run's log
    dataset = create_dataset(config)
    train_data, valid_data, _test_data = data_preparation(config, dataset)
    model = SASRec(config, train_data.dataset).to("cpu")
    trainer = TimedTrainer(config, model)
    found = sorted(glob.glob(os.path.join(saved_dir, "SASRec-*.pth")), key=os.path.getmtime)
    if "--resume" in sys.argv and found:
        trainer.resume_checkpoint(found[-1])  # logs "Resume training from epoch N"
        if os.path.isfile(f"{found[-1]}.seconds"):
            with open(f"{found[-1]}.seconds") as handle:
                trainer.prior = float(handle.read())
    trainer.started = time.perf_counter()
    trainer.fit(train_data, valid_data, saved=True, show_progress=False)
    train_seconds = trainer.prior + time.perf_counter() - trainer.started
    model.eval()

    token = dataset.field2id_token["item_id"]  # RecBole id -> our item int (as text), id 0 = [PAD]
    ours = np.array([int(t) if t != "[PAD]" else -1 for t in token])
    n_ours = int(ours.max()) + 1
    histories, targets = [], []
    with open(os.path.join(data_dir, name, f"{name}.test.inter")) as handle:
        next(handle)
        for line in handle:
            _, hist, target = line.rstrip("\n").split("\t")
            histories.append([int(x) for x in hist.split()])
            targets.append(int(target))
    to_rb = {int(t): i for i, t in enumerate(token) if t != "[PAD]"}
    ranks, tops, latencies = [], [], []
    max_len = config["MAX_ITEM_LIST_LENGTH"]
    with torch.no_grad():
        for start in range(0, len(histories), 512):
            chunk = histories[start : start + 512]
            seq = np.zeros((len(chunk), max_len), dtype=np.int64)
            lengths = np.zeros(len(chunk), dtype=np.int64)
            for i, h in enumerate(chunk):
                h = [to_rb[x] for x in h if x in to_rb][-max_len:]
                seq[i, : len(h)] = h
                lengths[i] = max(1, len(h))
            t0 = time.perf_counter()
            from recbole.data.interaction import Interaction

            inter = Interaction(
                {"item_id_list": torch.from_numpy(seq), "item_length": torch.from_numpy(lengths)}
            )
            scores_rb = model.full_sort_predict(inter).reshape(len(chunk), -1).numpy()
            latencies.append((time.perf_counter() - t0) * 1000 / len(chunk))
            scores = np.full((len(chunk), n_ours), -np.inf)
            valid = ours >= 0
            scores[:, ours[valid]] = scores_rb[:, valid]
            tgt = np.array(targets[start : start + 512])
            ts = scores[np.arange(len(chunk)), tgt][:, None]
            greater = (scores > ts).sum(1)
            ties = (scores == ts).sum(1) - 1
            ranks.append(1.0 + greater + ties / 2.0)
            tops.append(np.argsort(-scores, axis=1)[:, :20])
    np.savez(
        out, ranks=np.concatenate(ranks), top=np.concatenate(tops), train_seconds=train_seconds,
        ms_per_user=float(np.mean(latencies)), epochs=trainer.cur_epoch if hasattr(trainer, "cur_epoch") else -1,
    )  # fmt: skip
    print(f"recbole SASRec {name}: trained {train_seconds:.0f} s, wrote {out}")


if __name__ == "__main__":
    main()
