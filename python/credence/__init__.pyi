# Type stubs of the module credence, for editors and type checkers (docs/python.md).
import os
from typing import Any, ClassVar, Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

import pandas as pd

__version__: str
ALGORITHMS: Tuple[str, ...]

_PathLike = Union[str, "os.PathLike[str]"]

class Diagnostic(NamedTuple):
    severity: str
    file: str
    line: Optional[int]
    pointer: Optional[str]
    message: str

class InputError(ValueError):
    diagnostics: Tuple[Diagnostic, ...]
    file: Optional[str]
    line: Optional[int]
    pointer: Optional[str]
    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ...) -> None: ...

class OptionError(ValueError): ...
class InputWarning(UserWarning): ...

class Store:
    @property
    def num_claims(self) -> int: ...
    @property
    def num_outlets(self) -> int: ...
    @property
    def num_propositions(self) -> int: ...
    @property
    def num_evidence_groups(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def input_digest(self) -> str: ...
    @property
    def format(self) -> str: ...
    def claim_columns(self) -> Dict[str, Any]: ...

Source = Union[_PathLike, Dict[str, Any], pd.DataFrame, Store]

class _Aggregator:
    n_iter: int
    tol: float
    prior_alpha: float
    prior_beta: float
    probability_clamp: float
    num_threads: int
    seed: int
    labels_: pd.Series
    probas_: pd.DataFrame
    skills_: pd.Series
    loss_history_: List[float]
    n_iter_: int
    converged_: bool
    summary_: Dict[str, Any]
    fit_seconds_: float
    load_seconds_: float
    def __init__(
        self,
        n_iter: int = ...,
        tol: float = ...,
        *,
        prior_alpha: float = ...,
        prior_beta: float = ...,
        probability_clamp: float = ...,
        num_threads: int = ...,
        seed: int = ...,
    ) -> None: ...
    def get_params(self) -> Dict[str, Any]: ...
    def fit(self, data: pd.DataFrame) -> "_Aggregator": ...
    def fit_predict(self, data: pd.DataFrame) -> pd.Series: ...
    def fit_predict_proba(self, data: pd.DataFrame) -> pd.DataFrame: ...

class _ConfusionAttributes:
    @property
    def priors_(self) -> pd.Series: ...
    @property
    def errors_(self) -> pd.DataFrame: ...

class MajorityVote(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "MajorityVote": ...
class Wawa(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "Wawa": ...
class DawidSkene(_ConfusionAttributes, _Aggregator):
    confusion_pseudo_count: float
    def __init__(
        self,
        n_iter: int = ...,
        tol: float = ...,
        *,
        confusion_pseudo_count: float = ...,
        prior_alpha: float = ...,
        prior_beta: float = ...,
        probability_clamp: float = ...,
        num_threads: int = ...,
        seed: int = ...,
    ) -> None: ...
    def fit(self, data: pd.DataFrame) -> "DawidSkene": ...
class OneCoinDawidSkene(_ConfusionAttributes, _Aggregator):
    def fit(self, data: pd.DataFrame) -> "OneCoinDawidSkene": ...
class GLAD(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "GLAD": ...
class MACE(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "MACE": ...
class Sums(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "Sums": ...
class AverageLog(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "AverageLog": ...
class Investment(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "Investment": ...
class PooledInvestment(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "PooledInvestment": ...
class TruthFinder(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "TruthFinder": ...
class TwoEstimates(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "TwoEstimates": ...
class ThreeEstimates(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "ThreeEstimates": ...
class CRH(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "CRH": ...
class CATD(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "CATD": ...
class TemporalEM(_Aggregator):
    def fit(self, data: pd.DataFrame) -> "TemporalEM": ...

class Result:
    store: Store
    @property
    def summary(self) -> Dict[str, Any]: ...
    @property
    def options(self) -> Dict[str, Any]: ...
    @property
    def outlets(self) -> pd.DataFrame: ...
    @property
    def claims(self) -> pd.DataFrame: ...
    @property
    def predicates(self) -> pd.DataFrame: ...
    @property
    def propositions(self) -> pd.DataFrame: ...
    @property
    def timelines(self) -> pd.DataFrame: ...
    @property
    def supersessions(self) -> pd.DataFrame: ...
    def to_json(self) -> str: ...
    def write_json(self, path: _PathLike) -> None: ...

class Synth:
    @property
    def options(self) -> Dict[str, Any]: ...
    @property
    def claims(self) -> pd.DataFrame: ...
    @property
    def answers(self) -> pd.DataFrame: ...
    @property
    def truth(self) -> pd.Series: ...
    @property
    def items(self) -> pd.DataFrame: ...
    @property
    def sources(self) -> pd.DataFrame: ...
    def claims_json(self) -> str: ...
    def claims_jsonl(self) -> str: ...
    def answers_csv(self) -> str: ...
    def truth_csv(self) -> str: ...
    def truth_json(self) -> str: ...
    def write(self, prefix: _PathLike, format: str = ...) -> None: ...

def load(
    source: Source, format: str = ..., *, allow_empty: bool = ..., duplicates: str = ...
) -> Store: ...
def score(
    source: Source,
    algorithm: str = ...,
    *,
    format: str = ...,
    allow_empty: bool = ...,
    duplicates: str = ...,
    max_iterations: int = ...,
    tolerance: float = ...,
    prior_alpha: float = ...,
    prior_beta: float = ...,
    change_rate_per_year: float = ...,
    change_rate_prior_years: float = ...,
    dated_change_count: float = ...,
    probability_clamp: float = ...,
    confirm_threshold: float = ...,
    contradict_threshold: float = ...,
    explain_max_groups: int = ...,
    num_threads: int = ...,
    seed: int = ...,
    confusion_pseudo_count: float = ...,
) -> Result: ...
def synth(
    *,
    seed: int = ...,
    sources: int = ...,
    min_reliability: float = ...,
    max_reliability: float = ...,
    reliabilities: Sequence[float] = ...,
    claims: int = ...,
    items: int = ...,
    min_values: int = ...,
    max_values: int = ...,
    answers_per_item: int = ...,
    start_date: str = ...,
    days: int = ...,
    mutable_fraction: float = ...,
    change_rate: float = ...,
    changes_per_item: int = ...,
    min_change_gap: int = ...,
    relay_fraction: float = ...,
    relay_with_via: float = ...,
    relay_max_shift: int = ...,
    stale_sources: int = ...,
    headline_fraction: float = ...,
    headline_error_factor: float = ...,
) -> Synth: ...
def evaluate(
    source: Source,
    truth: Union[_PathLike, pd.Series, pd.DataFrame],
    algorithms: Union[str, Sequence[str]] = ...,
    *,
    format: str = ...,
    duplicates: str = ...,
    **options: Any,
) -> pd.DataFrame: ...
