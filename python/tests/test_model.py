"""credence's own model from Python: load, score, the result's DataFrames and document, synth
and evaluate, each against the command line on the same input."""

import json
import os
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import credence
from conftest import dataset, without_timings

SEED = "fixtures/syria-coalition/claims.json"


def strip_timings(text):
    # summary.timings.solve_seconds is the one part of the document that differs run to run.
    return re.sub(r'"solve_seconds": [^\n]*', '"solve_seconds": 0', text)


@pytest.fixture
def seed_path(source_dir, monkeypatch):
    monkeypatch.chdir(source_dir)  # relative, as a user types it: the document records it
    return SEED


def score_quietly(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", credence.InputWarning)
        return credence.score(*args, **kwargs)


def test_to_json_is_the_command_lines_document(seed_path, cli):
    for algorithm in ("temporal-em", "dawid-skene", "sums"):
        expected = cli.run("score", seed_path, "--algorithm", algorithm).stdout
        got = score_quietly(seed_path, algorithm=algorithm).to_json()
        assert strip_timings(got) == strip_timings(expected), algorithm


def test_options_reach_the_document(seed_path, cli):
    expected = cli.run("score", seed_path, "--prior-alpha", "2", "--prior-beta", "3",
                       "--change-rate", "0.5", "--max-iterations", "7", "--tolerance", "1e-3",
                       "--explain-max-groups", "0", "--threads", "2").stdout
    got = score_quietly(seed_path, prior_alpha=2.0, prior_beta=3.0, change_rate_per_year=0.5,
                        max_iterations=7, tolerance=1e-3, explain_max_groups=0,
                        num_threads=2).to_json()
    assert strip_timings(got) == strip_timings(expected)


def test_the_seed_story_as_dataframes(seed_path, cli):
    result = score_quietly(seed_path)
    assert result.summary["converged"]
    # The counts the command line's summary prints (FormatSummary), e.g. "15 outlets, 31
    # claims, 18 propositions" and "claims: 9 confirmed, 0 contradicted, 3 superseded, ...".
    summary = cli.run("score", seed_path, "--summary", "-o", os.devnull).stdout
    counts = re.search(r"(\d+) outlets, (\d+) claims, (\d+) propositions", summary)
    assert (len(result.outlets), len(result.claims), len(result.propositions)) == tuple(
        int(n) for n in counts.groups())
    by_status = dict((status, int(n)) for n, status in
                     re.findall(r"(\d+) (confirmed|contradicted|superseded|unresolved)", summary))
    assert result.claims["status"].value_counts().to_dict() == by_status
    # The story: Syria's membership is false until 2025-11-10 and true from then, one
    # world_change that overtakes the April reports.
    [event] = result.supersessions.to_dict("records")
    assert event["subject"] == "Syria"
    assert event["predicate"] == "member_of:global-coalition-against-isis"
    assert event["at"] == pd.Timestamp("2025-11-10")
    assert (event["kind"], event["from_value"], event["to_value"]) == (
        "world_change", "false", "true")
    assert set(event["superseded_claims"]) == {
        "unnamed-2025-04-15/c3", "northpress-2025-04/c2", "unnamed-2025-04-15/c1"}
    membership = result.timelines[result.timelines["subject"].eq("Syria") &
                                  result.timelines["predicate"].str.startswith("member_of")]
    assert membership["value"].tolist() == ["false", "true"]
    assert pd.isna(membership["from"].iloc[0])
    assert membership["until"].iloc[0] == pd.Timestamp("2025-11-10")
    assert membership["from"].iloc[1] == pd.Timestamp("2025-11-10")
    assert pd.isna(membership["until"].iloc[1])


def test_dataframes_hold_the_documents_numbers(seed_path):
    result = score_quietly(seed_path)
    document = json.loads(result.to_json())
    outlets = result.outlets
    for outlet in document["outlets"]:
        row = outlets.loc[outlet["id"]]
        assert row["reliability"] == outlet["reliability"]
        assert [row["interval_low"], row["interval_high"]] == outlet["interval"]
        assert row["claims"] == outlet["claims"]
        assert row["confirmed"] == outlet["explanation"]["claims_by_status"]["confirmed"]
    claims = result.claims
    for claim in document["claims"]:
        row = claims.loc[claim["id"]]
        assert row["outlet"] == claim["outlet"]
        assert row["status"] == claim["status"]
        assert row["as_of"] == pd.Timestamp(claim["as_of"])
        assert row["subject"] == claim["subject"]
        if claim["probability"] is None:
            assert np.isnan(row["probability"])
        else:
            assert row["probability"] == claim["probability"]
        assert row["reason"] == claim["explanation"]["reason"]
        assert row["content_source"] == claim["explanation"]["content_source"]
    timelines = result.timelines
    expected_segments = [(p["subject"], s["probability"]) for p in document["propositions"]
                         for s in p["timeline"]]
    assert list(zip(timelines["subject"], timelines["probability"])) == expected_segments


def test_a_dict_scores_as_the_file_it_came_from(seed_path, source_dir):
    document = json.loads((source_dir / SEED).read_text(encoding="utf-8"))
    from_file = json.loads(score_quietly(seed_path).to_json())
    from_dict = json.loads(score_quietly(document).to_json())
    assert from_dict["engine"]["input"] == "<dict>"
    for key in ("input", "input_digest"):
        from_file["engine"].pop(key)
        from_dict["engine"].pop(key)
    assert without_timings(from_dict) == without_timings(from_file)


def test_warnings_name_the_users_line(seed_path):
    with pytest.warns(credence.InputWarning, match="has no publication date") as caught:
        credence.load(seed_path)
    assert caught[0].filename == __file__


def test_write_json(seed_path, tmp_path):
    result = score_quietly(seed_path)
    result.write_json(tmp_path / "scores.json")
    assert strip_timings((tmp_path / "scores.json").read_text(encoding="utf-8")) == \
        strip_timings(result.to_json())
    with pytest.raises(OSError, match="cannot write"):
        result.write_json(tmp_path / "no-such-folder" / "scores.json")


def test_a_store_can_be_scored_twice(seed_path, cli):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", credence.InputWarning)
        store = credence.load(seed_path)
    # As `credence validate` counts them.
    valid = cli.run("validate", seed_path).stdout
    outlets, claims = re.search(r"(\d+) outlets, .* (\d+) claims", valid).groups()
    assert (store.num_outlets, store.num_claims) == (int(outlets), int(claims))
    assert store.format == "json"
    assert store.input_digest.startswith("sha256:")
    first = credence.score(store, algorithm="majority-vote")
    second = credence.score(store, algorithm="temporal-em")
    assert first.summary["algorithm"] == "majority-vote"
    assert second.summary["algorithm"] == "temporal-em"


def test_answers_score_like_the_csv(cli, tmp_path):
    frame = pd.DataFrame({"task": ["q1", "q1", "q2", "q2", "q2"],
                          "worker": ["a", "b", "a", "b", "c"],
                          "label": ["x", "y", "y", "y", "x"]})
    frame.to_csv(tmp_path / "answers.csv", index=False)
    expected = json.loads(cli.run("score", tmp_path / "answers.csv", "--format",
                                  "crowd-csv").stdout)
    got = json.loads(credence.score(frame).to_json())
    for key in ("input", "input_digest"):
        expected["engine"].pop(key)
        got["engine"].pop(key)
    assert without_timings(got) == without_timings(expected)


def test_json_lines(tmp_path, cli):
    cli.run("synth", "--out-prefix", tmp_path / "s", "--format", "jsonl", "--items", "40",
            "--mutable-fraction", "0.5")
    path = str(tmp_path / "s.claims.jsonl")
    expected = cli.run("score", path).stdout
    result = credence.score(path)
    assert credence.load(path).format == "jsonl"
    assert strip_timings(result.to_json()) == strip_timings(expected)


def test_synth_writes_what_the_command_line_writes(tmp_path, cli):
    options = dict(seed=11, sources=7, answers_per_item=5, items=60, mutable_fraction=0.3,
                   relay_fraction=0.2, headline_fraction=0.1, stale_sources=1)
    cli.run("synth", "--out-prefix", tmp_path / "cli", "--seed", "11", "--sources", "7",
            "--answers-per-item", "5",
            "--items", "60", "--mutable-fraction", "0.3", "--relay-fraction", "0.2",
            "--headline-fraction", "0.1", "--stale-sources", "1")
    data = credence.synth(**options)
    data.write(tmp_path / "py")
    for suffix in ("claims.json", "answers.csv", "truth.csv", "truth.json"):
        assert (tmp_path / f"py.{suffix}").read_bytes() == \
            (tmp_path / f"cli.{suffix}").read_bytes(), suffix
    assert data.answers_csv() == (tmp_path / "cli.answers.csv").read_text(encoding="utf-8")
    # The DataFrames say what the files say.
    answers = pd.read_csv(tmp_path / "cli.answers.csv", dtype=str)
    frame = data.answers
    assert frame["task"].astype(str).tolist() == answers["question"].tolist()
    assert frame["worker"].astype(str).tolist() == answers["worker"].tolist()
    assert frame["label"].astype(str).tolist() == answers["answer"].tolist()
    truth = pd.read_csv(tmp_path / "cli.truth.csv", dtype=str).set_index("question")["truth"]
    assert data.truth.to_dict() == truth.to_dict()
    key = json.loads((tmp_path / "cli.truth.json").read_text(encoding="utf-8"))
    assert data.sources["reliability"].tolist() == [s["reliability"] for s in key["sources"]]


def test_synth_options_are_checked():
    with pytest.raises(credence.OptionError):
        credence.synth(min_reliability=0.9, max_reliability=0.1)
    with pytest.raises(TypeError, match="unknown option 'itmes'"):
        credence.synth(itmes=3)


def test_evaluate_is_the_command_lines_eval(cli):
    folder = dataset("bluebirds")
    expected = json.loads(cli.run("eval", folder / "answer.csv", "--truth",
                                  folder / "truth.csv", "--format", "crowd-csv").stdout)
    got = credence.evaluate(str(folder / "answer.csv"), str(folder / "truth.csv"),
                            format="crowd-csv")
    assert list(got.index) == [r["algorithm"] for r in expected["results"]]
    for row in expected["results"]:
        for column in ("accuracy", "correct", "gold_items", "ties", "macro_f1", "log_loss",
                       "brier", "expected_calibration_error", "iterations", "termination"):
            assert got.loc[row["algorithm"], column] == row[column], (row["algorithm"], column)


def test_evaluate_takes_a_frame_and_a_series(cli):
    folder = dataset("dog")
    answers = pd.read_csv(folder / "answer.csv")
    answers.columns = ["task", "worker", "label"]
    truth = pd.read_csv(folder / "truth.csv").set_index("question")["truth"]
    got = credence.evaluate(answers, truth, ["majority-vote", "dawid-skene"])
    expected = json.loads(cli.run("eval", folder / "answer.csv", "--truth", folder / "truth.csv",
                                  "--format", "crowd-csv").stdout)
    by_name = {r["algorithm"]: r for r in expected["results"]}
    for name in ("majority-vote", "dawid-skene"):
        assert got.loc[name, "accuracy"] == by_name[name]["accuracy"]
        assert got.loc[name, "log_loss"] == by_name[name]["log_loss"]


# The accuracy table of docs/accuracy.md, read from the file: the classes reproduce its crowd
# columns (the figures the docs' example prints).
CROWD_COLUMNS = {"bluebirds (D_Duck)": ("bluebirds", "answer.csv", "truth.csv", ","),
                 "d_product": ("d_product", "answer.csv", "truth.csv", ","),
                 "d_sentiment (D_PosSent)": ("d_sentiment", "answer.csv", "truth.csv", ","),
                 "dog": ("dog", "answer.csv", "truth.csv", ","),
                 "rte": ("rte", "rte_crowd.txt", "rte_truth.txt", "\t")}
DOC_CLASSES = {"majority-vote": credence.MajorityVote, "dawid-skene": credence.DawidSkene,
               "one-coin": credence.OneCoinDawidSkene, "glad": credence.GLAD,
               "mace": credence.MACE, "wawa": credence.Wawa}


def accuracy_table(source_dir):
    text = (source_dir / "docs" / "accuracy.md").read_text(encoding="utf-8")
    section = text.split("## Accuracy", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines()
            if line.startswith("|")]
    header = [cell.strip() for cell in rows[0]]
    return {cells[0].strip(): dict(zip(header[1:], (c.strip() for c in cells[1:])))
            for cells in rows[2:]}


def read_dataset(column):
    folder, answers_file, truth_file, separator = CROWD_COLUMNS[column]
    path = dataset(folder)
    header = None if separator == "\t" else 0
    answers = pd.read_csv(path / answers_file, sep=separator, header=header, dtype=str)
    answers.columns = ["task", "worker", "label"]
    truth = pd.read_csv(path / truth_file, sep=separator, header=header, dtype=str)
    return answers, truth.set_index(truth.columns[0])[truth.columns[1]]


@pytest.mark.parametrize("column", sorted(CROWD_COLUMNS))
def test_evaluate_reproduces_the_accuracy_table(column, source_dir):
    answers, truth = read_dataset(column)
    table = accuracy_table(source_dir)
    got = credence.evaluate(answers, truth)
    for name in credence.ALGORITHMS:
        assert f"{got.loc[name, 'accuracy']:.4f}" == table[name][column], (name, column)


@pytest.mark.parametrize("column", sorted(CROWD_COLUMNS))
def test_the_classes_reproduce_the_accuracy_table(column, source_dir):
    answers, truth = read_dataset(column)
    given = set(zip(answers["task"], answers["label"]))
    table = accuracy_table(source_dir)
    for name, cls in DOC_CLASSES.items():
        model = cls().fit(answers)
        # The table's rule: the most probable of the labels given to the task. labels_ is the
        # model's most probable label, which may be one nobody gave; those tasks fall back to
        # the best given label.
        best_given = model.probas_.where(
            [[(task, label) in given for label in model.probas_.columns]
             for task in model.probas_.index]).idxmax(axis=1)
        labels = model.labels_.where(
            [(task, label) in given for task, label in model.labels_.items()], best_given)
        gold = truth[truth.index.isin(labels.index)]
        accuracy = (labels.reindex(gold.index) == gold).mean()
        assert f"{accuracy:.4f}" == table[name][column], (name, column)


def test_input_errors_carry_file_line_and_pointer(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"credence": "1", "outlets": [], "predicates": [], "articles": '
                   '[{"id": "a", "outlet": "nobody", "claims": []}]}', encoding="utf-8")
    with pytest.raises(credence.InputError) as caught:
        credence.load(str(bad))
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.file == str(bad)
    assert error.pointer == "/articles/0/outlet"
    assert error.line is None
    assert str(error).startswith(f"{bad}: /articles/0/outlet: ")
    lines = tmp_path / "bad.csv"
    lines.write_text("question,worker,answer\nq1,w1,a\nq1,w2\n", encoding="utf-8")
    with pytest.raises(credence.InputError) as caught:
        credence.load(str(lines), format="crowd-csv")
    assert (caught.value.file, caught.value.line, caught.value.pointer) == (str(lines), 3, None)
    assert len(caught.value.diagnostics) == 1


def test_every_problem_is_listed(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("question,worker,answer\nq1,w1\nq2,w2\nq3,w3,a\n", encoding="utf-8")
    with pytest.raises(credence.InputError) as caught:
        credence.load(str(bad), format="crowd-csv")
    assert [d.line for d in caught.value.diagnostics] == [2, 3]


def test_a_dict_that_is_not_a_document(tmp_path):
    with pytest.raises(credence.InputError) as caught:
        credence.load({"credence": "1", "outlets": "none"})
    assert caught.value.file == "<dict>"
    assert caught.value.pointer is not None


def test_empty_inputs_are_refused_unless_allowed(tmp_path):
    empty = {"credence": "1", "outlets": [], "predicates": [], "articles": []}
    with pytest.raises(credence.InputError, match="no claims"):
        credence.load(empty)
    assert credence.load(empty, allow_empty=True).num_claims == 0


def test_bad_options_and_names():
    frame = pd.DataFrame({"task": ["t"], "worker": ["w"], "label": ["x"]})
    with pytest.raises(ValueError, match='unknown algorithm "nope"; known: majority-vote'):
        credence.score(frame, algorithm="nope")
    with pytest.raises(credence.OptionError,
                       match="thresholds must satisfy 0 < contradict_threshold"):
        credence.score(frame, confirm_threshold=0.05)
    with pytest.raises(TypeError, match="unknown option 'n_iter'"):
        credence.score(frame, n_iter=3)
    with pytest.raises(ValueError, match='unknown format "xml"'):
        credence.load("whatever.xml", format="xml")
    with pytest.raises(TypeError, match="cannot load claims from int"):
        credence.load(3)
    with pytest.raises(credence.InputError, match="cannot open"):
        credence.load("/nonexistent/claims.json", format="json")


def test_predicates_supersession_posteriors_and_dated_changes(seed_path, source_dir):
    result = score_quietly(seed_path)
    document = json.loads(result.to_json())
    predicates = result.predicates
    assert list(predicates.index) == [p["id"] for p in document["predicates"]]
    for predicate in document["predicates"]:
        row = predicates.loc[predicate["id"]]
        assert row["value_kind"] == predicate["value_kind"]
        assert row["mutable"] == predicate["mutable"]
        assert row["change_rate_prior"] == predicate["change_rate_prior"]
        assert row["change_rate"] == predicate["change_rate"]
    events = result.supersessions
    for k, event in enumerate(document["supersessions"]):
        assert events.loc[k, "probability"] == event["probability"]
        assert events.loc[k, "probability_if_earlier_true"] == event["probability_if_earlier_true"]
        assert [events.loc[k, "interval_from"], events.loc[k, "interval_until"]] == [
            pd.Timestamp(day) for day in event["interval"]]
    # The claims' since and until are the input's, as written.
    source = json.loads((source_dir / SEED).read_text(encoding="utf-8"))
    written = {claim["id"]: (claim.get("since"), claim.get("until"))
               for article in source["articles"] for claim in article["claims"]}
    assert any(since for since, _ in written.values())
    claims = result.claims
    for claim_id, (since, until) in written.items():
        assert (claims.loc[claim_id, "since"], claims.loc[claim_id, "until"]) == (since, until)
    # Algorithms without a time model report no change posterior.
    static = score_quietly(seed_path, algorithm="majority-vote")
    assert static.supersessions.empty or static.supersessions["probability"].isna().all()
    assert static.predicates["change_rate"].isna().all()
