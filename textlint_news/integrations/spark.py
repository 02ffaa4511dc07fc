"""Lint a Spark DataFrame of records in two stages, so that copies of one story meet.

    from textlint_news.integrations.spark import lint_dataframe
    linted = lint_dataframe(spark.read.json("records/"), text_col="text", id_col="id")

Stage 1 sketches every text on the executors (`textlint_news.stories`: MinHash of its
distinctive words and names) and keys it by its LSH bands; the sketches of the rows that
share a band key with another row go to the driver, which groups them into stories as a
run of the command line does, and each row gets its story key.  Stage 2 brings the rows of a
story together (`groupBy(key).applyInPandas`) and lints them with one `Linter` per
executor process, loaded at its first group, so every copy sees its sister copies
wherever its partition was.  Needs `pip install 'textlint-news[spark]'`.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterator, Mapping

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from ..config import Config

ISSUE_TYPE = T.StructType([
    T.StructField("path", T.StringType()), T.StructField("rule", T.StringType()),
    T.StructField("category", T.StringType()), T.StructField("severity", T.StringType()),
    T.StructField("message", T.StringType()), T.StructField("start", T.IntegerType()),
    T.StructField("end", T.IntegerType()), T.StructField("line", T.IntegerType()),
    T.StructField("column", T.IntegerType()), T.StructField("end_line", T.IntegerType()),
    T.StructField("end_column", T.IntegerType()),
    T.StructField("suggestions", T.ArrayType(T.StringType())), T.StructField("confidence", T.DoubleType()),
])
#: `textlint_news.verdict.verdict` without `path` and `id` (the row has its id)
VERDICT_TYPE = T.StructType([
    T.StructField("verdict", T.StringType()), T.StructField("spin_probability", T.DoubleType()),
    T.StructField("issues", T.IntegerType()),
    T.StructField("counts", T.MapType(T.StringType(), T.IntegerType())),
    T.StructField("errors", T.ArrayType(T.StringType())),
])
_SKETCH_SCHEMA = "row long, names array<long>, words array<long>, bands array<long>"
_ROW, _STORY = "_textlint_row", "_textlint_story"


def lint_dataframe(df: DataFrame, text_col: str = "text", id_col: str = "id",
                   config: Config | Mapping[str, Any] | None = None, fail_level: str | None = None) -> DataFrame:
    """`df` with an `issues` column (the issue contract, `path` the row's id) and a
    `verdict` column (keep or drop by `fail_level`, default the config's).

    The ids should be unique and not null (a null id is named by the row's place in its story).
    The input, with a row number, is persisted (memory and disk) for the two stages.
    """
    from ..api import as_config

    cfg = as_config(config)
    level = fail_level or cfg.fail_level
    indexed = df.withColumn(_ROW, F.monotonically_increasing_id()).persist()
    stories = _story_keys(indexed, text_col, cfg)
    keyed = (indexed.join(stories, _ROW, "left")
             .withColumn(_STORY, F.coalesce(F.col(_STORY), F.col(_ROW))))
    schema = T.StructType(list(df.schema.fields) + [
        T.StructField("issues", T.ArrayType(ISSUE_TYPE)), T.StructField("verdict", VERDICT_TYPE)])
    columns = df.columns

    def lint_story(rows):
        return _lint_story(rows, columns, text_col, id_col, cfg, level)

    return keyed.groupBy(_STORY).applyInPandas(lint_story, schema)


def _story_keys(indexed: DataFrame, text_col: str, cfg: Config) -> DataFrame:
    """Stage 1: (row, story) for each row that shares its story with another row.

    The executors sketch the texts and hash each band of a sketch's name signature (the
    LSH bands of `stories.group`); only the rows that share a band with another row can
    share a story, and only their sketches go to the driver, which groups them exactly
    as `stories.group` groups the files of a command-line run."""
    from ..settings import settings_of
    from ..stories import StorySettings, group, sketch_of

    settings = settings_of("stories", StorySettings, cfg)

    def sketch_batches(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from ..stories import signature, sketch

        for batch in batches:
            made = [sketch(text, settings) if isinstance(text, str) else None for text in batch[text_col]]
            kept = [(row, signature(s.names).tolist(), signature(s.words).tolist())
                    for row, s in zip(batch[_ROW].tolist(), made) if s is not None and s.names]
            yield pd.DataFrame({"row": [row for row, _, _ in kept], "names": [names for _, names, _ in kept],
                                "words": [words for _, _, words in kept],
                                "bands": [_band_keys(names, settings.rows_per_band) for _, names, _ in kept]})

    sketches = indexed.select(_ROW, text_col).mapInPandas(sketch_batches, _SKETCH_SCHEMA).persist()
    bands = sketches.select("row", F.explode("bands").alias("band"))
    shared = bands.groupBy("band").count().where("count > 1").select("band")
    candidates = bands.join(shared, "band").select("row").distinct()
    rows = sketches.join(candidates, "row").select("row", "names", "words").collect()
    sketches.unpersist()
    numbers = group([sketch_of(r.words, r.names) for r in rows], settings)
    sizes = Counter(numbers)
    keys = [(rows[n].row, rows[first].row) for n, first in enumerate(numbers) if sizes[first] > 1]
    return indexed.sparkSession.createDataFrame(keys, f"{_ROW} long, {_STORY} long")


def _band_keys(names: list[int], rows: int) -> list[int]:
    """A 64-bit key per LSH band of a name signature (band number and values): two sketches
    are compared by `stories.group` only when a band's values agree, so a key in common."""
    return [hash((band, *names[band * rows:(band + 1) * rows])) for band in range(len(names) // rows)]


_LINTER: tuple[Config, Any] | None = None


def _linter(cfg: Config):
    """This executor process's `Linter` for `cfg`, built at its first story."""
    global _LINTER
    if _LINTER is None or _LINTER[0] != cfg:
        from ..engine import Linter

        _LINTER = (cfg, Linter(cfg))
    return _LINTER[1]


def _lint_story(rows: Any, columns: list[str], text_col: str, id_col: str, cfg: Config, level: str) -> Any:
    """Stage 2: lint the rows of one story together; the input columns plus issues and verdict."""
    from ..records import lint_records
    from ..verdict import verdict

    results = lint_records(zip(rows[id_col].tolist(), rows[text_col].tolist()), _linter(cfg))
    out = rows[columns].copy()
    out["issues"] = [[issue.to_dict() for issue in result.issues] for result in results]
    out["verdict"] = [{k: v for k, v in verdict(result, level).items() if k not in ("path", "id")}
                      for result in results]
    return out
