"""Wrappers of the `Linter` for data pipelines: datatrove (`datatrove`) and Spark (`spark`)."""
