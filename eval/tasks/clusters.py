"""Story clustering on Giveme5W1H news_cluster (half): B-cubed precision, recall and F1.

Each line of ``eval/clusters/news-clusters-dev.jsonl`` is a news-please article (``dId``,
``title``, ``description``, ``text``, ``date_publish``) with the gold ``event_id`` of the
real-world event it reports. :func:`newsgraph.grouping.group_articles` clusters the articles
without seeing ``event_id``; B-cubed (Bagga and Baldwin 1998) scores every article by the overlap
of its predicted and gold clusters and averages over articles.

The baseline the issue names (TF-IDF agglomerative, 0.921 B-cubed F1) is re-measured in the same
run as ``baseline_agglomerative_f1``: TF-IDF over title and text, cosine, average linkage, cut at
the threshold that is best on this very set (an oracle cut, so the baseline is if anything
flattered).
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.grouping import Article

DESCRIPTION = "Giveme5W1H news clusters: B-cubed P/R/F1 of incremental story clustering"
REQUIRES = ["eval/clusters/news-clusters-dev.jsonl"]
BASELINE = {"bcubed_f1": 0.921}
PATH = Path("eval") / "clusters" / "news-clusters-dev.jsonl"


def read_gold(shared: Path, limit: int | None = None) -> tuple[list[Article], list[int]]:
    """The articles and their gold event ids, in file order."""
    from newsgraph.grouping import article_from_record

    articles: list[Article] = []
    gold: list[int] = []
    path = shared / PATH
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            articles.append(article_from_record(record, f"{path}:{number}"))
            gold.append(int(record["event_id"]))
            if limit is not None and len(articles) >= limit:
                break
    return articles, gold


def b_cubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` labels against ``gold`` labels."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    if not gold:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_sizes = Counter(gold)
    predicted_sizes = Counter(predicted)
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in pairs.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def baseline_labels(texts: Sequence[str], threshold: float) -> list[int]:
    """TF-IDF (whitespace-free word tokens, smoothed IDF, L2) + average-linkage agglomerative
    clustering, merging while the best average cosine similarity is at least ``threshold``."""
    return _cut(_average_linkage(_tfidf_similarities(texts)), len(texts), threshold)


def best_baseline_f1(texts: Sequence[str], gold: Sequence[int]) -> tuple[float, float]:
    """The baseline's best B-cubed F1 over cut thresholds, and that threshold."""
    merges = _average_linkage(_tfidf_similarities(texts))
    best = (0.0, 0.0)
    for step in range(5, 96):
        threshold = step / 100
        f1 = b_cubed(gold, _cut(merges, len(texts), threshold))[2]
        best = max(best, (f1, threshold))
    return best


def _tfidf_similarities(texts: Sequence[str]) -> list[list[float]]:
    import re

    import numpy as np

    token = re.compile(r"(?u)\b\w\w+\b")
    docs = [Counter(token.findall(t.lower())) for t in texts]
    df = Counter(term for d in docs for term in d)
    vocabulary = {term: i for i, term in enumerate(df)}
    n = len(docs)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1 for t in vocabulary])
    matrix = np.zeros((n, len(vocabulary)))
    for row, d in enumerate(docs):
        for term, count in d.items():
            matrix[row, vocabulary[term]] = count
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1, norms)
    result: list[list[float]] = (matrix @ matrix.T).tolist()
    return result


def _average_linkage(similarity: list[list[float]]) -> list[tuple[int, int, float]]:
    """Merges (kept cluster, absorbed cluster, similarity) in order, by average linkage."""
    n = len(similarity)
    sizes = {i: 1 for i in range(n)}
    sim = {i: {j: similarity[i][j] for j in range(n) if j != i} for i in range(n)}
    merges = []
    while len(sizes) > 1:
        a, b, s = max(((i, j, v) for i, row in sim.items() for j, v in row.items() if i < j), key=lambda x: x[2])
        for k in list(sim):
            if k in (a, b):
                continue
            merged = (sim[a][k] * sizes[a] + sim[b][k] * sizes[b]) / (sizes[a] + sizes[b])
            sim[a][k] = sim[k][a] = merged
            del sim[k][b]
        del sim[a][b]
        del sim[b]
        sizes[a] += sizes.pop(b)
        merges.append((a, b, s))
    return merges


def _cut(merges: list[tuple[int, int, float]], n: int, threshold: float) -> list[int]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, s in merges:
        if s < threshold:
            break
        parent[root(b)] = root(a)
    return [root(i) for i in range(n)]


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from newsgraph.grouping import group_articles

    articles, gold = read_gold(shared, limit)
    predicted = [a.story for a in group_articles(articles)]
    precision, recall, f1 = b_cubed(gold, predicted)

    # Robustness: the same articles in shuffled file order (dates still order the stream).
    shuffled_f1 = []
    for seed in range(3):
        order = list(range(len(articles)))
        random.Random(seed).shuffle(order)
        labels = [a.story for a in group_articles([articles[i] for i in order])]
        shuffled_f1.append(b_cubed([gold[i] for i in order], labels)[2])

    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    baseline_f1, _ = best_baseline_f1(texts, gold)
    return {
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "bcubed_f1_shuffled_min": min(shuffled_f1),
        "stories": float(len(set(predicted))),
        "gold_events": float(len(set(gold))),
        "baseline_agglomerative_f1": baseline_f1,
    }
