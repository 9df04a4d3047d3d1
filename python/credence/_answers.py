"""Crowd answers (a DataFrame with task, worker and label columns) into a claim store.

Each column is factorised by pandas (categorical columns by their codes), so that no Python
code runs per row; the store is built in C++ by the crowd CSV reader's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Tuple

import numpy as np
import pandas as pd

from . import _core
from ._errors import Diagnostic, InputError, warn_diagnostics

COLUMNS = ("task", "worker", "label")
SOURCE = "<DataFrame>"


@dataclass(frozen=True)
class Answers:
    """A store built from answers, with the ways back to the DataFrame's own values."""

    store: Any  # _core.Store
    tasks: pd.Index  # the task of each proposition (store order)
    workers: pd.Index  # the worker of each outlet
    labels: pd.Index  # a label of each state (byte order of the normalised text)


def _factorize(column: pd.Series) -> Tuple[np.ndarray, list]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return (np.asarray(column.cat.codes, dtype=np.int64),
                column.cat.categories.tolist())
    codes, uniques = pd.factorize(column, sort=False)
    return np.asarray(codes, dtype=np.int64), list(uniques.tolist())


def _require_columns(data: pd.DataFrame) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame with columns task, worker, label; got "
                        f"{type(data).__name__}")
    missing = [name for name in COLUMNS if name not in data.columns]
    if missing:
        message = (f"the DataFrame has no column {', '.join(missing)}; expected columns "
                   f"task, worker, label (found: {', '.join(map(str, data.columns))})")
        raise InputError(f"{SOURCE}: {message}",
                         [Diagnostic("error", SOURCE, None, None, message)])


def from_frame(data: pd.DataFrame, duplicates: str = "vote") -> Answers:
    """Loads the task, worker and label columns of `data` (other columns are ignored).
    `duplicates` is the command line's --duplicates: what a row does whose worker already
    answered its task (vote, first, last or error). Warnings go through the warnings module."""
    _require_columns(data)
    task_codes, task_names = _factorize(data["task"])
    worker_codes, worker_names = _factorize(data["worker"])
    label_codes, label_names = _factorize(data["label"])
    store, task_of, worker_of, state_of_label, found = _core.store_from_answers(
        task_codes, task_names, worker_codes, worker_names, label_codes, label_names, duplicates,
        SOURCE)
    warn_diagnostics(found)
    # A label per state: the first of the labels that normalise to it.
    used = np.flatnonzero(state_of_label >= 0)
    _, first = np.unique(state_of_label[used], return_index=True)
    label_values = pd.Index(label_names, tupleize_cols=False)
    task_values = pd.Index(task_names, tupleize_cols=False)
    worker_values = pd.Index(worker_names, tupleize_cols=False)
    return Answers(
        store=store,
        tasks=task_values.take(task_of).rename("task"),
        workers=worker_values.take(worker_of).rename("worker"),
        labels=label_values.take(used[first]).rename("label"),
    )
