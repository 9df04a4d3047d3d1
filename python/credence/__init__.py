"""credence from Python: crowd-kit's classes over credence's algorithms, and credence's own
model of outlets, claims, timelines and supersessions.

    >>> import credence
    >>> labels = credence.DawidSkene(n_iter=100).fit_predict(df)   # df: task, worker, label
    >>> result = credence.score("claims.json")                        # the flagship model
    >>> result.outlets.sort_values("reliability")

See docs/python.md.
"""

from . import _core
from ._aggregators import (
    CATD,
    CRH,
    GLAD,
    MACE,
    AverageLog,
    DawidSkene,
    Investment,
    MajorityVote,
    OneCoinDawidSkene,
    PooledInvestment,
    Sums,
    TemporalEM,
    ThreeEstimates,
    TruthFinder,
    TwoEstimates,
    Wawa,
)
from ._errors import Diagnostic, InputError, InputWarning, OptionError
from ._model import Result, Store, Synth, evaluate, load, score, synth

__version__: str = _core.__version__

# The algorithms by command-line name (credence score --algorithm).
ALGORITHMS = tuple(_core.solver_names())

__all__ = [
    "ALGORITHMS",
    "AverageLog",
    "CATD",
    "CRH",
    "DawidSkene",
    "Diagnostic",
    "GLAD",
    "InputError",
    "InputWarning",
    "Investment",
    "MACE",
    "MajorityVote",
    "OneCoinDawidSkene",
    "OptionError",
    "PooledInvestment",
    "Result",
    "Store",
    "Sums",
    "Synth",
    "TemporalEM",
    "ThreeEstimates",
    "TruthFinder",
    "TwoEstimates",
    "Wawa",
    "evaluate",
    "load",
    "score",
    "synth",
]
