"""The type stubs (credence/__init__.pyi) describe the module as it is: every public name, and
every option the library's structs have."""

import ast
import inspect
import pathlib

import credence

STUB = pathlib.Path(credence.__file__).with_name("__init__.pyi")


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def defined_names(tree):
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def keywords(tree, function):
    [node] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function]
    return {a.arg for a in node.args.args + node.args.kwonlyargs}


def test_every_public_name_has_a_stub():
    missing = set(credence.__all__) - defined_names(stub_tree())
    assert not missing


def test_score_and_synth_stubs_list_every_option():
    tree = stub_tree()
    solver = set(credence._core.default_solver_options()) - {"algorithm"}
    assert solver <= keywords(tree, "score"), solver - keywords(tree, "score")
    synth = set(credence._core.default_synth_options())
    assert synth == keywords(tree, "synth")


def test_class_stubs_match_the_constructor():
    tree = stub_tree()
    [base] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "_Aggregator"]
    [init] = [n for n in base.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
    stub = [a.arg for a in init.args.args + init.args.kwonlyargs if a.arg != "self"]
    assert stub == list(inspect.signature(credence.MajorityVote).parameters)
    [ds] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "DawidSkene"]
    [init] = [n for n in ds.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
    stub = [a.arg for a in init.args.args + init.args.kwonlyargs if a.arg != "self"]
    assert stub == list(inspect.signature(credence.DawidSkene).parameters)
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    assert {c.__name__ for c in credence._aggregators.ALGORITHM_CLASSES} <= classes


def test_py_typed_marks_the_package_as_typed():
    assert STUB.with_name("py.typed").exists()
