"""BM25 over product text (bm25s): catches model numbers and exact names that embeddings miss."""

from __future__ import annotations

from collections.abc import Sequence

import bm25s
import numpy as np
import Stemmer


class LexicalIndex:
    """An in-memory BM25 index whose rows line up with the catalog's products."""

    def __init__(self, texts: Sequence[str], show_progress: bool = False) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        tokens = bm25s.tokenize(
            list(texts), stopwords="en", stemmer=self._stemmer, show_progress=show_progress
        )
        # Each product's distinct term ids, to say which query terms a hit matched.
        self._doc_terms = [frozenset(doc) for doc in tokens.ids]
        self._term_id = tokens.vocab
        self._bm25 = bm25s.BM25()
        self._bm25.index(tokens, show_progress=show_progress)
        self.size = len(texts)

    def query_terms(self, query: str) -> list[str]:
        """The stemmed query terms that occur in the index."""
        terms = bm25s.tokenize(
            query, stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )[0]
        vocab = self._bm25.vocab_dict
        return [t for t in terms if t in vocab]

    def matched_terms(self, terms: Sequence[str], row: int) -> tuple[str, ...]:
        """Which of the (stemmed) query terms occur in one product's text."""
        doc = self._doc_terms[row]
        return tuple(t for t in terms if self._term_id.get(t) in doc)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every product for this query (zeros when no term is known)."""
        terms = self.query_terms(query)
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
