"""The crowd-kit-shaped classes: hand-computed figures, the command line's figures on the same
answers, the fast paths, the fitted attributes and the errors."""

import inspect
import json
import threading
import warnings
import time

import numpy as np
import pandas as pd
import pytest

import credence
from conftest import (DATASETS, claim_probabilities, dataset, reliabilities, timeline_values,
                      without_timings)

# Three tasks, three workers. Majority vote by hand: t1 a (2 of 3), t2 b (3 of 3), t3 a tie
# 1-1 broken to the smaller text "a". Reliabilities (4 + agreements) / (5 + answers), an answer
# in a t-way tie for the top counting 1/t (src/solvers/majority_vote.cc): w1 agrees on t1 and
# t2 and half on t3 -> 6.5/8, w2 on both -> 6/7, w3 on t2 and half on t3 -> 5.5/8.
HAND = pd.DataFrame({
    "task": ["t1", "t1", "t1", "t2", "t2", "t2", "t3", "t3"],
    "worker": ["w1", "w2", "w3", "w1", "w2", "w3", "w1", "w3"],
    "label": ["a", "a", "b", "b", "b", "b", "a", "b"],
})


def test_majority_vote_by_hand():
    mv = credence.MajorityVote().fit(HAND)
    assert mv.labels_.to_dict() == {"t1": "a", "t2": "b", "t3": "a"}
    assert mv.probas_.loc["t1", "a"] == pytest.approx(2 / 3)
    assert mv.probas_.loc["t1", "b"] == pytest.approx(1 / 3)
    assert mv.probas_.loc["t2", "b"] == pytest.approx(1.0)
    assert mv.probas_.loc["t2", "a"] == 0.0  # nobody said "a" on t2: what "b" leaves
    assert mv.probas_.loc["t3", "a"] == pytest.approx(0.5)
    assert mv.skills_.to_dict() == pytest.approx({"w1": 6.5 / 8, "w2": 6 / 7, "w3": 5.5 / 8})
    assert mv.labels_.index.name == "task" and mv.labels_.name == "agg_label"
    assert mv.probas_.index.name == "task" and mv.probas_.columns.name == "label"
    assert mv.skills_.index.name == "worker" and mv.skills_.name == "skill"


def test_fit_returns_self_and_predict_shapes():
    ds = credence.DawidSkene(n_iter=50, tol=1e-8)
    assert ds.fit(HAND) is ds
    assert ds.fit_predict(HAND).equals(ds.labels_)
    assert ds.fit_predict_proba(HAND).equals(ds.probas_)
    assert list(ds.probas_.index) == ["t1", "t2", "t3"]
    assert list(ds.skills_.index) == ["w1", "w2", "w3"]
    assert ds.n_iter_ >= 1 and ds.n_iter_ <= 50
    assert len(ds.loss_history_) >= ds.n_iter_


def cli_scores(cli, tmp_path, frame, algorithm, *extra):
    path = tmp_path / "answers.csv"
    frame[["task", "worker", "label"]].to_csv(path, index=False)
    return cli.score(path, "--format", "crowd-csv", "--algorithm", algorithm,
                     "--explain-max-groups", "0", *extra)


def assert_same_as_cli(model, frame, document):
    """Probabilities, reliabilities and decoded labels equal the command line's, exactly."""
    probas = model.fit_predict_proba(frame)
    expected = claim_probabilities(document)
    table = probas.copy()
    table.index = table.index.map(str)
    table.columns = [str(c).strip().lower() for c in table.columns]
    for (task, label), probability in expected.items():
        got = table.loc[task, label]
        if probability is None:
            assert np.isnan(got)
        else:
            assert got == probability, (type(model).__name__, task, label)
    # A label nobody gave the task: what the given ones leave, if it is the only one.
    given = {}
    for (task, label) in expected:
        given.setdefault(task, set()).add(label)
    for task, labels in given.items():
        absent = [label for label in table.columns if label not in labels]
        left = 1.0 - sum(expected[(task, label)] for label in labels)
        for label in absent:
            if len(absent) == 1 and left >= -1e-9:
                assert table.loc[task, label] == pytest.approx(max(0.0, left), abs=1e-12)
            else:
                assert np.isnan(table.loc[task, label]), (task, label)
    skills = {str(k): v for k, v in model.skills_.items()}
    assert skills == reliabilities(document)
    decoded = timeline_values(document)
    labels = {str(k): str(v).strip().lower() for k, v in model.labels_.items()}
    assert labels == {task: values[-1] for task, values in decoded.items()}


@pytest.mark.parametrize("cls", credence._aggregators.ALGORITHM_CLASSES,
                         ids=lambda c: c.__name__)
def test_every_class_matches_the_command_line_on_the_hand_frame(cls, cli, tmp_path):
    model = cls()
    assert_same_as_cli(model, HAND, cli_scores(cli, tmp_path, HAND, cls._algorithm))


def read_crowd(folder, name="answer.csv"):
    frame = pd.read_csv(dataset(folder) / name, dtype=str)
    frame.columns = ["task", "worker", "label"]
    return frame


@pytest.mark.parametrize("folder", ["bluebirds", "dog"])
@pytest.mark.parametrize("cls", credence._aggregators.ALGORITHM_CLASSES,
                         ids=lambda c: c.__name__)
def test_every_class_matches_the_command_line_on_public_data(cls, folder, cli, tmp_path):
    frame = read_crowd(folder)
    document = cli.score(dataset(folder) / "answer.csv", "--format", "crowd-csv", "--algorithm",
                         cls._algorithm, "--explain-max-groups", "0")
    assert_same_as_cli(cls(), frame, document)


def test_options_reach_the_solver(cli, tmp_path):
    frame = read_crowd("bluebirds")
    document = cli.score(dataset("bluebirds") / "answer.csv", "--format", "crowd-csv",
                         "--algorithm", "dawid-skene", "--max-iterations", "3", "--tolerance",
                         "1e-3", "--prior-alpha", "2", "--prior-beta", "2",
                         "--explain-max-groups", "0")
    model = credence.DawidSkene(n_iter=3, tol=1e-3, prior_alpha=2.0, prior_beta=2.0)
    assert_same_as_cli(model, frame, document)
    assert model.n_iter_ == document["summary"]["iterations"]
    assert model.loss_history_ == document["summary"]["log_likelihood"]


def test_categorical_integer_and_object_columns_give_the_same_fit():
    rng = np.random.default_rng(7)
    n = 3000
    ints = pd.DataFrame({"task": rng.integers(0, 300, n), "worker": rng.integers(0, 40, n),
                         "label": rng.integers(0, 3, n)})
    ints = ints.drop_duplicates(["task", "worker"])
    objects = ints.astype(str)
    categorical = objects.astype("category")
    fits = [credence.DawidSkene().fit(frame) for frame in (ints, objects, categorical)]
    for fit in fits[1:]:
        np.testing.assert_array_equal(fit.probas_.to_numpy(), fits[0].probas_.to_numpy())
        np.testing.assert_array_equal(fit.skills_.to_numpy(), fits[0].skills_.to_numpy())
    # Integer labels and tasks come back as integers, columns in numeric order.
    assert fits[0].labels_.index.dtype.kind == "i"
    assert list(fits[0].probas_.columns) == [0, 1, 2]
    assert fits[0].labels_.dtype.kind == "i"


def test_categorical_with_unused_categories_and_another_order():
    frame = HAND.copy()
    frame["label"] = pd.Categorical(frame["label"], categories=["z", "b", "a"])
    frame["task"] = pd.Categorical(frame["task"], categories=["t3", "t2", "t1", "t9"])
    mv = credence.MajorityVote().fit(frame)
    assert list(mv.probas_.columns) == ["a", "b"]  # "z" was never given
    assert list(mv.probas_.index) == ["t1", "t2", "t3"]  # first appearance, as in the CSV
    assert mv.labels_.to_dict() == {"t1": "a", "t2": "b", "t3": "a"}


def test_labels_that_normalise_alike_are_one_label(cli, tmp_path):
    frame = HAND.copy()
    frame.loc[0, "label"] = "A "
    mv = credence.MajorityVote().fit(frame)
    assert len(mv.probas_.columns) == 2
    assert_same_as_cli(credence.MajorityVote(), frame,
                       cli_scores(cli, tmp_path, frame, "majority-vote"))


def test_every_row_is_a_vote_as_in_crowd_kit(cli, tmp_path):
    # w3's "b" on t1 twice more: t1 now has a, a, b, b, b, and b wins 3 to 2.
    frame = pd.concat([HAND, HAND.iloc[[2, 2]]], ignore_index=True)
    with pytest.warns(credence.InputWarning, match="2 repeated rows") as caught:
        mv = credence.MajorityVote().fit(frame)
    assert caught[0].filename == __file__
    assert mv.probas_.loc["t1", "b"] == pytest.approx(3 / 5)
    assert mv.labels_["t1"] == "b"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", credence.InputWarning)
        assert_same_as_cli(credence.MajorityVote(), frame,
                           cli_scores(cli, tmp_path, frame, "majority-vote"))


@pytest.mark.parametrize("rule", ["vote", "first", "last"])
def test_the_duplicates_rules_read_a_frame_as_the_command_line_reads_its_csv(rule, cli, tmp_path):
    # w1 answers t1 three times (a, b, b), w2 answers t2 twice (b, a).
    frame = pd.concat([HAND, pd.DataFrame({"task": ["t1", "t1", "t2"], "worker": ["w1", "w1", "w2"],
                                           "label": ["b", "b", "a"]})], ignore_index=True)
    frame.to_csv(tmp_path / "answers.csv", index=False)
    expected = json.loads(cli.run("score", tmp_path / "answers.csv", "--format", "crowd-csv",
                                  "--algorithm", "majority-vote", "--duplicates", rule).stdout)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", credence.InputWarning)
        got = json.loads(credence.score(frame, algorithm="majority-vote",
                                        duplicates=rule).to_json())
    for document in (expected, got):
        document["engine"].pop("input")
        document["engine"].pop("input_digest")
    assert without_timings(got) == without_timings(expected)


def test_duplicates_error_names_both_rows():
    frame = pd.concat([HAND, pd.DataFrame({"task": ["t1"], "worker": ["w1"], "label": ["b"]})],
                      ignore_index=True)
    with pytest.raises(credence.InputError) as caught:
        credence.load(frame, duplicates="error")
    assert caught.value.pointer == "/8/label"
    assert 'worker "w1" labels task "t1" both "a" (row 0) and "b"' in str(caught.value)
    with pytest.raises(ValueError, match='unknown duplicates "twice"'):
        credence.load(frame, duplicates="twice")


def test_confusion_attributes_follow_crowd_kits_definition():
    ds = credence.DawidSkene().fit(HAND)
    probas = ds.probas_.fillna(0.0)
    # crowd-kit's M-step, written out with pandas: answers joined with their task's posterior,
    # summed by (worker, observed label), normalised per worker over the observed labels.
    joined = HAND.join(probas, on="task")
    counts = joined.drop(columns="task").groupby(["worker", "label"]).sum()
    expected = counts / counts.groupby("worker").transform("sum")
    got = ds.errors_
    assert list(got.index.names) == ["worker", "label"]
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index(), check_names=False)
    assert ds.priors_.to_dict() == pytest.approx(probas.mean().to_dict())
    assert not hasattr(credence.MajorityVote().fit(HAND), "errors_")


def test_defaults_are_the_librarys():
    defaults = credence._core.default_solver_options()
    signature = inspect.signature(credence.DawidSkene)
    assert signature.parameters["n_iter"].default == defaults["max_iterations"]
    assert signature.parameters["tol"].default == defaults["tolerance"]
    for name in ("prior_alpha", "prior_beta", "probability_clamp", "num_threads", "seed"):
        assert signature.parameters[name].default == defaults[name], name


def test_help_says_what_each_argument_does():
    text = credence.DawidSkene.__doc__
    for word in ("n_iter", "tol", "prior_alpha", "prior_beta", "probability_clamp",
                 "num_threads", "seed", "labels_", "probas_", "skills_", "errors_",
                 "--algorithm dawid-skene"):
        assert word in text, word


def test_results_do_not_depend_on_the_thread_count():
    frame = read_crowd("dog") if (DATASETS / "dog").is_dir() else HAND
    one = credence.GLAD(num_threads=1).fit(frame)
    four = credence.GLAD(num_threads=4).fit(frame)
    np.testing.assert_array_equal(one.probas_.to_numpy(), four.probas_.to_numpy())
    np.testing.assert_array_equal(one.skills_.to_numpy(), four.skills_.to_numpy())


def test_the_solve_releases_the_gil():
    answers = credence.synth(seed=5, items=100000, answers_per_item=10, sources=50).answers
    store = credence.load(answers)
    options = {"algorithm": "dawid-skene", "max_iterations": 30, "tolerance": 1e-12}
    window = []

    def work():
        window.append(time.perf_counter())
        credence._core.fit(store, options)
        window.append(time.perf_counter())

    thread = threading.Thread(target=work)
    stamps = []
    thread.start()
    while thread.is_alive():
        stamps.append(time.perf_counter())
        time.sleep(0.0005)
    thread.join()
    start, end = window
    assert end - start > 0.1, "the solve is too short to tell"
    # While the solve runs, this thread runs too, which it could not if the GIL were held.
    inside = [t for t in stamps if start + 0.02 < t < end - 0.02]
    assert len(inside) >= 20


def test_missing_values_are_located():
    frame = HAND.copy()
    frame.loc[2, "label"] = None
    with pytest.raises(credence.InputError) as caught:
        credence.MajorityVote().fit(frame)
    assert caught.value.pointer == "/2/label"
    assert caught.value.file == "<DataFrame>"
    assert "missing label" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_missing_columns_and_wrong_types():
    with pytest.raises(credence.InputError, match="no column label"):
        credence.Wawa().fit(HAND.drop(columns="label"))
    with pytest.raises(TypeError, match="DataFrame"):
        credence.Wawa().fit(HAND.to_dict())
    with pytest.raises(credence.InputError, match="no rows"):
        credence.Wawa().fit(HAND.iloc[:0])
    frame = HAND.copy()
    frame.loc[1, "worker"] = ""
    with pytest.raises(credence.InputError) as caught:
        credence.Wawa().fit(frame)
    assert caught.value.pointer == "/1/worker"


def test_options_are_checked_with_the_command_lines_messages(cli):
    with pytest.raises(credence.OptionError, match="^max_iterations must be at least 1$"):
        credence.DawidSkene(n_iter=0)
    with pytest.raises(credence.OptionError) as caught:
        credence.GLAD(prior_beta=-1.0)
    cli_message = cli.run("score", "-", "--prior-beta", "-1", check=False).stderr
    assert f"credence: {caught.value}" in cli_message
    with pytest.raises(TypeError, match="max_iterations must be an integer, not float"):
        credence.MACE(n_iter=2.5)
    with pytest.raises(TypeError, match="tolerance must be a number, not str"):
        credence.MACE(tol="small")
    result = cli.run("score", "-", "--max-iterations", "0", check=False)
    assert result.returncode == 2
    assert "max_iterations must be at least 1" in result.stderr
