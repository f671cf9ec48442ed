"""BM25 over product text (bm25s): catches model numbers and exact names that embeddings miss."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import bm25s
import bm25s.stopwords as sw
import numpy as np
import Stemmer

#: Stop words of the languages a request may come in, beside English's: "de" or "para" in a
#: Spanish request must not match product text ("DuPont de Nemours").
_STOPWORDS = {
    "es": sw.STOPWORDS_SPANISH, "fr": sw.STOPWORDS_FRENCH, "de": sw.STOPWORDS_GERMAN,
    "it": sw.STOPWORDS_ITALIAN, "pt": sw.STOPWORDS_PORTUGUESE, "nl": sw.STOPWORDS_DUTCH,
    "ru": sw.STOPWORDS_RUSSIAN, "zh": sw.STOPWORDS_CHINESE, "ko": sw.STOPWORDS_KOREAN,
}  # fmt: skip


@cache
def stopwords(language: str) -> list[str]:
    """English stop words plus those of `language`."""
    return sorted({*sw.STOPWORDS_EN, *_STOPWORDS.get(language, ())})


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
        # How many products each term occurs in.
        self._df = np.bincount(
            np.fromiter((t for doc in self._doc_terms for t in doc), dtype=np.int64),
            minlength=len(self._term_id),
        )
        self._bm25 = bm25s.BM25()
        self._bm25.index(tokens, show_progress=show_progress)
        self.size = len(texts)

    def query_terms(self, query: str, language: str = "en") -> list[str]:
        """The stemmed query terms that occur in the index (stop words of English and of the
        query's language left out)."""
        terms = bm25s.tokenize(
            query, stopwords="en" if language == "en" else stopwords(language),
            stemmer=self._stemmer, return_ids=False, show_progress=False,
        )[0]  # fmt: skip
        vocab = self._bm25.vocab_dict
        return [t for t in terms if t in vocab]

    def common_share(self, query: str, language: str, min_products: int = 20) -> float:
        """Share of the query's words (stop words of English and `language` left out) that at
        least `min_products` products use: a request worded like the catalog ("ukelele ukulele
        kids") is English whatever a language identifier guesses, while the odd foreign word in
        some description ("microscopio") does not make a Spanish request English."""
        terms = bm25s.tokenize(
            query, stopwords=stopwords(language), stemmer=self._stemmer, return_ids=False,
            show_progress=False,
        )[0]  # fmt: skip
        if not terms:
            return 0.0
        ids = [self._term_id.get(t) for t in terms]
        return sum(i is not None and self._df[i] >= min_products for i in ids) / len(terms)

    def matched_terms(self, terms: Sequence[str], row: int) -> tuple[str, ...]:
        """Which of the (stemmed) query terms occur in one product's text."""
        doc = self._doc_terms[row]
        return tuple(t for t in terms if self._term_id.get(t) in doc)

    def scores(self, query: str, language: str = "en") -> np.ndarray:
        """BM25 score of every product for this query (zeros when no term is known)."""
        terms = self.query_terms(query, language)
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
