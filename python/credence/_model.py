"""credence's own model from Python: load claims, score them, read the result as DataFrames or
as the scores document; generate synthetic data; evaluate algorithms against gold values.

Each function is the command line's subcommand of the same name over the same library calls.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _answers, _core
from ._errors import Diagnostic, InputError, warn_diagnostics as _warn

Store = _core.Store
Source = Union[str, "os.PathLike[str]", Dict[str, Any], pd.DataFrame, Any]


def load(source: Source, format: str = "auto", *, allow_empty: bool = False,
         duplicates: str = "vote") -> Store:
    """Loads claims into a store, ready to score.

    Args:
        source: A path to a claims document, JSON Lines or one of the tables (crowd CSV/TSV,
            book, population: ``credence score --format``); a dict holding a claims document
            (as ``json.load`` gives it); a DataFrame of answers with columns task, worker and
            label; or a Store (returned as it is).
        format: For a path: auto (detect by content), json, jsonl, crowd-csv, crowd-tsv, book or
            population.
        allow_empty: Accept an input without claims (refused by default, as on the command
            line: an empty input is usually a broken pipeline).
        duplicates: What a row of a table (answers, crowd CSV/TSV, population) does whose
            worker already answered its item, as ``--duplicates``: vote (every row is a vote,
            as crowd-kit counts them; one warning counts the repeats), first, last or error.

    Warnings in the input (an article without a date, say) are issued as
    credence.InputWarning. Raises credence.InputError naming file, line or JSON pointer.
    """
    if isinstance(source, Store):
        store = source
        name = store.source
    elif isinstance(source, pd.DataFrame):
        store = _answers.from_frame(source, duplicates).store
        name = _answers.SOURCE
    elif isinstance(source, dict):
        name = "<dict>"
        try:
            text = json.dumps(source, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise InputError(f"{name}: not a JSON document: {error}",
                             [Diagnostic("error", name, None, None,
                                         f"not a JSON document: {error}")]) from None
        store, found = _core.load_document_text(text, name)
        _warn(found)
    elif isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        store, found = _core.load_path(name, format, duplicates)
        _warn(found)
    else:
        raise TypeError(f"cannot load claims from {type(source).__name__}: expected a path, a "
                        f"dict holding a claims document, a DataFrame or a Store")
    if store.num_claims == 0 and not allow_empty:
        where = "<stdin>" if name == "-" else name
        message = ("no claims: the input holds no claim to score (pass allow_empty=True to "
                   "accept an empty input)")
        raise InputError(f"{where}: {message}", [Diagnostic("error", where, None, None, message)])
    return store


def _days(days: np.ndarray) -> pd.Series:
    """Days since 1970-01-01 (int64, its minimum for none) as datetimes (NaT for none)."""
    return pd.to_datetime(np.asarray(days, dtype=np.int64).view("datetime64[D]"))


class Result:
    """One scoring run: every outlet's reliability, every claim's probability and status, the
    propositions' timelines and the supersessions, as DataFrames, and the scores document."""

    def __init__(self, store: Store, result: Any) -> None:
        self.store = store
        self._result = result
        self._frames: Dict[str, pd.DataFrame] = {}

    @property
    def summary(self) -> Dict[str, Any]:
        """The solver's summary: algorithm, iterations, converged, termination, message,
        log_likelihood, final_change, solve_seconds."""
        return self._result.summary

    @property
    def options(self) -> Dict[str, Any]:
        """The solver options of the run, by SolverOptions' field names."""
        return self._result.options

    def to_json(self) -> str:
        """The scores document: the bytes ``credence score`` writes for the same input and
        options (only summary.timings differs from run to run)."""
        return self._result.to_json()

    def write_json(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the scores document to `path` atomically (as ``credence score -o``)."""
        self._result.write_json(os.fspath(path))

    def _frame(self, name: str, build: Any) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = build()
        return self._frames[name].copy(deep=False)

    @property
    def outlets(self) -> pd.DataFrame:
        """One row per outlet, indexed by id: name, kind, reliability, its 90% credible
        interval (interval_low, interval_high), the Beta posterior, the claims it published
        by status, relayed, as_content_source."""
        def build() -> pd.DataFrame:
            columns = self._result.outlet_columns()
            ids = columns.pop("id")
            return pd.DataFrame(columns, index=pd.Index(ids, name="outlet"))
        return self._frame("outlets", build)

    @property
    def predicates(self) -> pd.DataFrame:
        """One row per predicate, indexed by id: value_kind, mutable (True, False, or None when
        the model learns whether the value changes), change_rate_prior (the prior mean of its
        changes per year) and change_rate (the rate the temporal model learned; NaN for other
        algorithms)."""
        def build() -> pd.DataFrame:
            columns = self._result.predicate_columns()
            ids = columns.pop("id")
            return pd.DataFrame(columns, index=pd.Index(ids, name="predicate"))
        return self._frame("predicates", build)

    @property
    def propositions(self) -> pd.DataFrame:
        """One row per proposition (subject, predicate): its value kind, whether its predicate
        is mutable (as in `predicates`), and its candidate values."""
        def build() -> pd.DataFrame:
            frame = pd.DataFrame(self._result.proposition_columns())
            frame.index.name = "proposition"
            return frame
        return self._frame("propositions", build)

    @property
    def claims(self) -> pd.DataFrame:
        """One row per claim, indexed by id: article, outlet, content_source, proposition
        (a row of `propositions`), subject, predicate, value, as_of, as_of_fallback, since and
        until (the change the claim dates, as the period written, or None), probability (NaN
        when unscored), status, component, evidence_group, weight, confidence, reason."""
        def build() -> pd.DataFrame:
            c = self._result.claim_columns()
            propositions = self.propositions
            outlets = pd.Index(c["outlet_ids"])
            articles = pd.Categorical.from_codes(c["article"], categories=pd.Index(
                c["article_ids"])) if c["article_ids"] else [None] * len(c["id"])
            return pd.DataFrame({
                "article": articles,
                "outlet": pd.Categorical.from_codes(c["outlet"], categories=outlets),
                "content_source": pd.Categorical.from_codes(c["content_source"],
                                                            categories=outlets),
                "proposition": c["proposition"],
                "subject": propositions["subject"].to_numpy()[c["proposition"]],
                "predicate": propositions["predicate"].to_numpy()[c["proposition"]],
                "value": c["value"],
                "as_of": _days(c["as_of"]),
                "as_of_fallback": c["as_of_fallback"],
                "since": c["since"],
                "until": c["until"],
                "probability": c["probability"],
                "status": pd.Categorical.from_codes(c["status"], categories=c["status_names"]),
                "component": c["component"],
                "evidence_group": c["evidence_group"],
                "weight": c["weight"],
                "confidence": c["confidence"],
                "reason": c["reason"],
            }, index=pd.Index(c["id"], name="claim"))
        return self._frame("claims", build)

    @property
    def timelines(self) -> pd.DataFrame:
        """One row per timeline segment: proposition, subject, predicate, from and until (NaT
        for an open end), value (None for "none of the claimed values"), probability,
        evidence_from, evidence_until, and the ids of the segment's claims."""
        def build() -> pd.DataFrame:
            c = self._result.timeline_columns()
            propositions = self.propositions
            return pd.DataFrame({
                "proposition": c["proposition"],
                "subject": propositions["subject"].to_numpy()[c["proposition"]],
                "predicate": propositions["predicate"].to_numpy()[c["proposition"]],
                "from": _days(c["from"]),
                "until": _days(c["until"]),
                "value": c["value"],
                "probability": c["probability"],
                "evidence_from": _days(c["evidence_from"]),
                "evidence_until": _days(c["evidence_until"]),
                "claims": c["claims"],
            })
        return self._frame("timelines", build)

    @property
    def supersessions(self) -> pd.DataFrame:
        """One row per supersession event: proposition, subject, predicate, at (the day the new
        value began: the posterior median of the change day for the temporal model),
        probability (that the world changed rather than one side being wrong) and
        probability_if_earlier_true (the same given the old value held), interval_from and
        interval_until (the 90% interval of the change day), kind (world_change, correction,
        refinement), from_value, to_value, and the ids of the superseded and the establishing
        claims. The probabilities and the interval are NaN / NaT for algorithms without a time
        model."""
        def build() -> pd.DataFrame:
            c = self._result.supersession_columns()
            propositions = self.propositions
            return pd.DataFrame({
                "proposition": c["proposition"],
                "subject": propositions["subject"].to_numpy()[c["proposition"]],
                "predicate": propositions["predicate"].to_numpy()[c["proposition"]],
                "at": _days(c["at"]),
                "probability": c["probability"],
                "probability_if_earlier_true": c["probability_if_earlier_true"],
                "interval_from": _days(c["interval_from"]),
                "interval_until": _days(c["interval_until"]),
                "kind": c["kind"],
                "from_value": c["from_value"],
                "to_value": c["to_value"],
                "superseded_claims": c["superseded_claims"],
                "establishing_claims": c["establishing_claims"],
            })
        return self._frame("supersessions", build)

    def __repr__(self) -> str:
        s = self.summary
        state = (f"converged in {s['iterations']} iterations" if s["converged"]
                 else f"{s['termination']} after {s['iterations']} iterations")
        return (f"<credence.Result {s['algorithm']}: {self.store.num_outlets} outlets, "
                f"{self.store.num_claims} claims, {self.store.num_propositions} propositions; "
                f"{state}>")


def score(source: Source, algorithm: str = _core.default_solver_options()["algorithm"], *,
          format: str = "auto", allow_empty: bool = False, duplicates: str = "vote",
          **options: Any) -> Result:
    """Scores claims, as ``credence score`` does.

    Args:
        source: Anything credence.load accepts (a path, a dict, a DataFrame of answers, a
            Store).
        algorithm: One of credence.ALGORITHMS (``--algorithm``).
        format, allow_empty, duplicates: As for credence.load.
        **options: Solver options by their names in credence's SolverOptions: max_iterations,
            tolerance, prior_alpha, prior_beta, change_rate_per_year, change_rate_prior_years,
            dated_change_count, probability_clamp, confirm_threshold, contradict_threshold,
            explain_max_groups, num_threads, seed, confusion_pseudo_count.
            Checked as the command line checks them: credence.OptionError (a ValueError) with
            its message for a value out of range, TypeError for an unknown name.

    The solve runs without the GIL, so other Python threads go on meanwhile.
    """
    store = load(source, format, allow_empty=allow_empty, duplicates=duplicates)
    options["algorithm"] = algorithm
    return Result(store, _core.score(store, options))


class Synth:
    """A synthetic data set with known truth (docs/synth.md), as ``credence synth`` makes it."""

    def __init__(self, data: Any) -> None:
        self._data = data

    @property
    def options(self) -> Dict[str, Any]:
        return self._data.options

    @property
    def claims(self) -> pd.DataFrame:
        """One row per claim: task (the item), worker (the source), label (the value), date,
        headline, relay, relay_has_via, upstream (the row a relay copies, -1 otherwise).
        task, worker and label are categorical, the fast path into the algorithm classes."""
        c = self._data.claim_columns()
        items = self._data.item_columns()["id"]
        sources = self._data.source_columns()["id"]
        return pd.DataFrame({
            "task": pd.Categorical.from_codes(c["item"], categories=items),
            "worker": pd.Categorical.from_codes(c["source"], categories=sources),
            "label": pd.Categorical.from_codes(c["value"], categories=self._data.value_texts()),
            "date": _days(c["day"]),
            "headline": c["headline"],
            "relay": c["relay"],
            "relay_has_via": c["relay_has_via"],
            "upstream": c["upstream"],
        })

    @property
    def answers(self) -> pd.DataFrame:
        """The claims as crowd answers: the task, worker and label columns."""
        return self.claims[["task", "worker", "label"]]

    @property
    def truth(self) -> pd.Series:
        """Each item's value at the end of the window (its only value if static), by task."""
        items = self._data.item_columns()
        values = np.asarray(self._data.value_texts(), dtype=object)
        return pd.Series(values[items["final_value"]], index=pd.Index(items["id"], name="task"),
                         name="truth")

    @property
    def items(self) -> pd.DataFrame:
        """One row per item, indexed by id: mutable, num_values, final_value, changes."""
        items = self._data.item_columns()
        ids = items.pop("id")
        return pd.DataFrame(items, index=pd.Index(ids, name="task"))

    @property
    def sources(self) -> pd.DataFrame:
        """One row per source, indexed by id: its true reliability, and whether it is stale."""
        sources = self._data.source_columns()
        ids = sources.pop("id")
        return pd.DataFrame(sources, index=pd.Index(ids, name="worker"))

    def claims_json(self) -> str:
        """The claims document (PREFIX.claims.json)."""
        return self._data.claims_json()

    def claims_jsonl(self) -> str:
        """The claims as JSON Lines (PREFIX.claims.jsonl)."""
        return self._data.claims_jsonl()

    def answers_csv(self) -> str:
        """question,worker,answer rows (PREFIX.answers.csv)."""
        return self._data.answers_csv()

    def truth_csv(self) -> str:
        """question,truth rows (PREFIX.truth.csv)."""
        return self._data.truth_csv()

    def truth_json(self) -> str:
        """The answer key (PREFIX.truth.json)."""
        return self._data.truth_json()

    def write(self, prefix: Union[str, "os.PathLike[str]"], format: str = "json") -> None:
        """Writes PREFIX.claims.json (format="jsonl": .claims.jsonl), PREFIX.answers.csv,
        PREFIX.truth.csv and PREFIX.truth.json, as ``credence synth --out-prefix``."""
        if format not in ("json", "jsonl"):
            raise ValueError(f'unknown format "{format}"; known: json, jsonl')
        self._data.write(os.fspath(prefix), format == "jsonl")

    def __repr__(self) -> str:
        return (f"<credence.Synth seed={self.options['seed']}: "
                f"{len(self._data.source_columns()['id'])} sources, "
                f"{len(self._data.item_columns()['id'])} items>")


def synth(**options: Any) -> Synth:
    """Generates a synthetic data set, as ``credence synth``; options by the names of
    credence's SynthOptions (the command line's flags with underscores): seed, sources,
    min_reliability, max_reliability, reliabilities, claims, items, min_values, max_values,
    answers_per_item, start_date, days, mutable_fraction, change_rate, changes_per_item,
    min_change_gap, relay_fraction, relay_with_via, relay_max_shift, stale_sources,
    headline_fraction, headline_error_factor. Out-of-range values raise credence.OptionError
    with the command line's message."""
    return Synth(_core.synth(options))


def _truth_records(truth: Union[pd.Series, pd.DataFrame]) -> List[tuple]:
    if isinstance(truth, pd.Series):
        return [(task, "label", value, None) for task, value in truth.items()]
    if {"subject", "predicate", "value"} <= set(truth.columns):
        dates: Sequence[Any] = truth["date"] if "date" in truth.columns else [None] * len(truth)
        return [(s, p, v, None if d is None or pd.isna(d) else str(d)[:10]) for s, p, v, d in
                zip(truth["subject"], truth["predicate"], truth["value"], dates)]
    if {"task", "label"} <= set(truth.columns):
        return [(task, "label", value, None) for task, value in
                zip(truth["task"], truth["label"])]
    raise ValueError("gold values as a DataFrame need columns subject, predicate, value[, date] "
                     "or task, label")


def evaluate(source: Source, truth: Union[str, "os.PathLike[str]", pd.Series, pd.DataFrame],
             algorithms: Union[str, Sequence[str]] = "all", *, format: str = "auto",
             duplicates: str = "vote", **options: Any) -> pd.DataFrame:
    """Scores `source` with each algorithm and compares with gold values, as ``credence eval``.

    Args:
        source: Anything credence.load accepts.
        truth: The gold file that goes with the source's format (a path; ``credence eval
            --truth``), a Series of gold labels indexed by task (for answers), or a DataFrame
            with columns subject, predicate, value and optionally date.
        algorithms: "all", one name, or a list of names.
        format, duplicates: As for credence.load.
        **options: Solver options, as for credence.score.

    Returns a DataFrame indexed by algorithm: accuracy, correct, gold_items,
    gold_without_claims, ties, macro_f1, log_loss, brier, expected_calibration_error,
    iterations, termination, fit_seconds.
    """
    store = load(source, format, duplicates=duplicates)
    if algorithms == "all":
        names = list(_core.solver_names())
    elif isinstance(algorithms, str):
        names = [algorithms]
    else:
        names = list(algorithms)
    if isinstance(truth, (str, os.PathLike)):
        gold: Any = os.fspath(truth)
    elif isinstance(truth, (pd.Series, pd.DataFrame)):
        gold = _truth_records(truth)
    else:
        raise TypeError(f"cannot read gold values from {type(truth).__name__}: expected a path, "
                        f"a Series or a DataFrame")
    rows, found = _core.evaluate(store, gold, names, options)
    _warn(found)
    return pd.DataFrame(rows).set_index("algorithm")
