"""crowd-kit's shape over credence's algorithms: one class per algorithm, fit(df) on a
DataFrame of task, worker and label columns, and the fitted attributes crowd-kit names.

Every number comes from the library (the same solver as ``credence score``); this module only
turns its arrays into pandas objects.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar, Dict, List, Optional

import numpy as np
import pandas as pd

from . import _core
from ._answers import Answers, from_frame

_DEFAULTS = _core.default_solver_options()

_ARGS_DOC = """
    Args:
        n_iter: Most iterations (credence's ``max_iterations``, the command line's
            ``--max-iterations``; default {max_iterations}). Ignored by the algorithms that do
            not iterate.
        tol: Converged when no parameter moves by more than this (``tolerance``,
            ``--tolerance``; default {tolerance:g}).
        prior_alpha: Beta prior pseudo-count of true claims on every worker's reliability
            (``--prior-alpha``; default {prior_alpha:g}). Its mean alpha / (alpha + beta) is
            the starting reliability and a worker's reliability without answers.
        prior_beta: Beta prior pseudo-count of false claims (``--prior-beta``; default
            {prior_beta:g}).
        probability_clamp: Probabilities are kept in [clamp, 1 - clamp] (default
            {probability_clamp:g}).
        num_threads: Threads for the parallel passes (``--threads``; default {num_threads});
            the results are the same for any number.
        seed: Seed of the algorithms that draw random numbers (none does yet; default
            {seed}).

    Attributes (after fit):
        labels_: Series indexed by task: each task's most probable label under the model,
            the value of its timeline in ``credence score`` (ties go to the smallest label
            text in byte order). It may be a label no worker gave the task (Dawid-Skene can
            infer one from the workers' confusions); ``credence eval`` and
            docs/accuracy.md pick among the given labels only.
        probas_: DataFrame, task x label: the probability of each label a worker gave the
            task, as ``credence score`` reports it for the claims asserting it. credence's
            solvers score claims, not absent labels: a label no worker gave the task gets
            what the given labels leave (1 minus their sum) when it is the only such label,
            and is NaN otherwise (TruthFinder, whose confidences are not a distribution,
            always leaves it NaN).
        skills_: Series indexed by worker: each worker's reliability, the outlet reliability
            of ``credence score``.
        loss_history_: The objective after each iteration (the log posterior for the EM
            models), empty for algorithms without one.
        n_iter_: Iterations run. converged_: whether the tolerance was met.
        summary_: The solver's summary (termination, message, final change, solve time).
        fit_seconds_: The whole fit, from the DataFrame to these attributes; load_seconds_:
            its first part, the DataFrame into credence's store.
"""

_ERRORS_DOC = """        priors_: Series indexed by label: the mean of probas_ over tasks (crowd-kit's
            definition).
        errors_: DataFrame indexed by (worker, observed label), a column per true label:
            crowd-kit's error matrices, computed from probas_ as crowd-kit computes them (each
            worker's answers weighted by the probability of each true label, normalised over
            the observed labels). Computed on first access.
"""


class _Aggregator:
    """Common base of the algorithm classes."""

    _algorithm: ClassVar[str] = ""

    def __init__(
        self,
        n_iter: int = _DEFAULTS["max_iterations"],
        tol: float = _DEFAULTS["tolerance"],
        *,
        prior_alpha: float = _DEFAULTS["prior_alpha"],
        prior_beta: float = _DEFAULTS["prior_beta"],
        probability_clamp: float = _DEFAULTS["probability_clamp"],
        num_threads: int = _DEFAULTS["num_threads"],
        seed: int = _DEFAULTS["seed"],
    ) -> None:
        self.n_iter = n_iter
        self.tol = tol
        self.prior_alpha = prior_alpha
        self.prior_beta = prior_beta
        self.probability_clamp = probability_clamp
        self.num_threads = num_threads
        self.seed = seed
        # Checked now, with the command line's messages, rather than at fit time.
        _core.check_solver_options(self._options())

    def _options(self) -> Dict[str, Any]:
        return {
            "algorithm": self._algorithm,
            "max_iterations": self.n_iter,
            "tolerance": self.tol,
            "prior_alpha": self.prior_alpha,
            "prior_beta": self.prior_beta,
            "probability_clamp": self.probability_clamp,
            "num_threads": self.num_threads,
            "seed": self.seed,
        }

    def get_params(self) -> Dict[str, Any]:
        """The constructor's arguments, by name."""
        options = self._options()
        del options["algorithm"]
        options["n_iter"] = options.pop("max_iterations")
        options["tol"] = options.pop("tolerance")
        return options

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"

    def fit(self, data: pd.DataFrame) -> "_Aggregator":
        """Fits the model to `data`, a DataFrame with columns task, worker and label (others
        are ignored). Returns self.

        Raises credence.InputError (a ValueError) naming the row and column of a missing
        value, an empty name, or two different answers of one worker to one task."""
        start = time.perf_counter()
        answers = from_frame(data)
        self.load_seconds_ = time.perf_counter() - start
        fitted = _core.fit(answers.store, self._options())
        self._set_fitted(answers, fitted)
        self.fit_seconds_ = time.perf_counter() - start
        return self

    def fit_predict(self, data: pd.DataFrame) -> pd.Series:
        """Fits the model and returns labels_, a Series indexed by task."""
        return self.fit(data).labels_

    def fit_predict_proba(self, data: pd.DataFrame) -> pd.DataFrame:
        """Fits the model and returns probas_, a DataFrame task x label."""
        return self.fit(data).probas_

    def _set_fitted(self, answers: Answers, fitted: Dict[str, Any]) -> None:
        probability: np.ndarray = fitted["probability"]
        labels = answers.labels
        # Columns in the labels' own order where they have one (1, 2, 10 rather than the byte
        # order 1, 10, 2 of the store's states).
        try:
            order = np.asarray(sorted(range(len(labels)), key=lambda k: labels[k]), dtype=np.intp)
        except TypeError:
            order = np.arange(len(labels), dtype=np.intp)
        self._answers = answers
        self._state_order = order
        self.probas_ = pd.DataFrame(probability[:, order], index=answers.tasks,
                                    columns=labels.take(order))
        state = fitted["state"]
        if (state >= 0).all():
            label_of_task = labels.take(state)
        else:
            label_of_task = pd.Index(labels.astype(object).take(np.maximum(state, 0)),
                                     dtype=object).where(state >= 0, None)
        self.labels_ = pd.Series(np.asarray(label_of_task), index=answers.tasks, name="agg_label")
        self.skills_ = pd.Series(fitted["reliability"], index=answers.workers, name="skill")
        summary = fitted["summary"]
        self.loss_history_: List[float] = summary["log_likelihood"].tolist()
        self.n_iter_: int = summary["iterations"]
        self.converged_: bool = summary["converged"]
        self.summary_: Dict[str, Any] = summary


class _ConfusionAttributes:
    """priors_ and errors_, crowd-kit's attributes of its Dawid-Skene classes."""

    probas_: pd.DataFrame
    _answers: Answers
    _state_order: np.ndarray

    @property
    def priors_(self) -> pd.Series:
        return self.probas_.fillna(0.0).mean().rename("prior")

    @property
    def errors_(self) -> pd.DataFrame:
        cached: Optional[pd.DataFrame] = self.__dict__.get("_errors")
        if cached is not None:
            return cached
        columns = self._answers.store.claim_columns()
        proposition = columns["proposition"]
        outlet = columns["outlet"]
        state = columns["state"]
        weight = columns["weight"].astype(np.float64)
        num_labels = len(self._answers.labels)
        num_workers = len(self._answers.workers)
        # Posterior of each true label, in state order, for every answer's task.
        posterior = np.nan_to_num(
            self.probas_.to_numpy()[:, np.argsort(self._state_order)], nan=0.0)
        known = state >= 0
        key = outlet[known] * num_labels + state[known]
        rows = proposition[known]
        counts = np.empty((num_workers * num_labels, num_labels))
        for true_label in range(num_labels):
            counts[:, true_label] = np.bincount(
                key, weights=weight[known] * posterior[rows, true_label],
                minlength=num_workers * num_labels)
        answered = np.bincount(key, minlength=num_workers * num_labels) > 0
        per_worker = counts.reshape(num_workers, num_labels, num_labels)
        totals = per_worker.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            per_worker = np.where(totals > 0, per_worker / totals, 0.0)
        matrix = per_worker.reshape(num_workers * num_labels, num_labels)
        order = self._state_order
        worker_index = np.repeat(np.arange(num_workers), num_labels)
        label_index = np.tile(np.arange(num_labels), num_workers)
        # Rows by worker, then observed label in the columns' order; only pairs that occur.
        inverse = np.argsort(order)
        sort = np.lexsort((inverse[label_index], worker_index))
        sort = sort[answered[sort]]
        index = pd.MultiIndex.from_arrays(
            [self._answers.workers.take(worker_index[sort]),
             self._answers.labels.take(label_index[sort])], names=["worker", "label"])
        errors = pd.DataFrame(matrix[sort][:, order], index=index,
                              columns=self._answers.labels.take(order))
        self.__dict__["_errors"] = errors
        return errors


def _document(cls: type, summary: str, algorithm: str, extra: str = "") -> type:
    cls.__doc__ = (f"{summary}\n\n    credence's algorithm \"{algorithm}\" (``credence score "
                   f"--algorithm {algorithm}``), in crowd-kit's shape.\n"
                   + _ARGS_DOC.format(**_DEFAULTS) + extra)
    cls._algorithm = algorithm
    return cls


class MajorityVote(_Aggregator):
    pass


class Wawa(_Aggregator):
    pass


class DawidSkene(_ConfusionAttributes, _Aggregator):
    def __init__(
        self,
        n_iter: int = _DEFAULTS["max_iterations"],
        tol: float = _DEFAULTS["tolerance"],
        *,
        confusion_pseudo_count: float = _DEFAULTS["confusion_pseudo_count"],
        prior_alpha: float = _DEFAULTS["prior_alpha"],
        prior_beta: float = _DEFAULTS["prior_beta"],
        probability_clamp: float = _DEFAULTS["probability_clamp"],
        num_threads: int = _DEFAULTS["num_threads"],
        seed: int = _DEFAULTS["seed"],
    ) -> None:
        self.confusion_pseudo_count = confusion_pseudo_count
        super().__init__(n_iter, tol, prior_alpha=prior_alpha, prior_beta=prior_beta,
                         probability_clamp=probability_clamp, num_threads=num_threads,
                         seed=seed)

    def _options(self) -> Dict[str, Any]:
        options = super()._options()
        options["confusion_pseudo_count"] = self.confusion_pseudo_count
        return options


class OneCoinDawidSkene(_ConfusionAttributes, _Aggregator):
    pass


class GLAD(_Aggregator):
    pass


class MACE(_Aggregator):
    pass


class Sums(_Aggregator):
    pass


class AverageLog(_Aggregator):
    pass


class Investment(_Aggregator):
    pass


class PooledInvestment(_Aggregator):
    pass


class TruthFinder(_Aggregator):
    pass


class TwoEstimates(_Aggregator):
    pass


class ThreeEstimates(_Aggregator):
    pass


class CRH(_Aggregator):
    pass


class CATD(_Aggregator):
    pass


class TemporalEM(_Aggregator):
    pass


_document(MajorityVote, "Majority vote: each task's label is the one most workers gave.",
          "majority-vote")
_document(Wawa, "WAWA (worker agreement with aggregate): a majority vote weighted by each "
          "worker's agreement with the plain majority.", "wawa")
_document(DawidSkene, "Dawid-Skene (1979): a confusion matrix per worker, fitted by EM.",
          "dawid-skene", _ERRORS_DOC + """
    confusion_pseudo_count (Dawid-Skene only): weight, in answers, of the prior that pulls each
        worker's confusion matrix toward the population's (``confusion_pseudo_count`` of
        credence's SolverOptions; default {confusion_pseudo_count:g}): a worker with n answers
        is n / (n + 1) its own at 1 (docs/model.md, "Dawid-Skene").
""".format(**_DEFAULTS))
_document(OneCoinDawidSkene, "One-coin Dawid-Skene: one accuracy per worker, wrong answers "
          "spread evenly over the other labels, fitted by EM.", "one-coin", _ERRORS_DOC)
_document(GLAD, "GLAD (Whitehill et al., 2009): worker expertise and task difficulty.", "glad")
_document(MACE, "MACE (Hovy et al., 2013): workers who know or guess (spam).", "mace")
_document(Sums, "Sums (Hubs and Authorities for fact-finding, Pasternack and Roth 2010).",
          "sums")
_document(AverageLog, "Average-Log (Pasternack and Roth, 2010).", "average-log")
_document(Investment, "Investment (Pasternack and Roth, 2010).", "investment")
_document(PooledInvestment, "PooledInvestment (Pasternack and Roth, 2010).",
          "pooled-investment")
_document(TruthFinder, "TruthFinder (Yin, Han and Yu, 2007).", "truthfinder")
_document(TwoEstimates, "2-Estimates (Galland et al., 2010).", "two-estimates")
_document(ThreeEstimates, "3-Estimates (Galland et al., 2010).", "three-estimates")
_document(CRH, "CRH (Li et al., 2014): conflict resolution on heterogeneous data.", "crh")
_document(CATD, "CATD (Li et al., 2014): confidence-aware truth discovery for long-tail "
          "sources.", "catd")
_document(TemporalEM, "credence's own model: temporal, attribution-aware EM.", "temporal-em")

ALGORITHM_CLASSES = (MajorityVote, Wawa, DawidSkene, OneCoinDawidSkene, GLAD, MACE, Sums,
                     AverageLog, Investment, PooledInvestment, TruthFinder, TwoEstimates,
                     ThreeEstimates, CRH, CATD, TemporalEM)
