"""Builds the extension credence._core with the project's own CMake, then lets setuptools
install it beside the pure-Python package python/credence. The version is the one
CMakeLists.txt declares, so that the library and the module cannot disagree."""

import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


def project_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(credence VERSION ([0-9.]+)", text)
    if not match:
        raise RuntimeError("CMakeLists.txt declares no project version")
    return match.group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """Configures a Release build of the library and the module only (no tests), builds the
    module's target, and copies the built file where setuptools expects it."""

    def build_extension(self, ext: Extension) -> None:
        target = pathlib.Path(self.get_ext_fullpath(ext.name)).resolve()
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DCREDENCE_BUILD_PYTHON=ON",
            "-DCREDENCE_BUILD_TESTS=OFF",
            f"-DPython_EXECUTABLE={sys.executable}",
        ]
        if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists():
            configure += ["-G", "Ninja"]
        subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "credence_python",
                        "-j", jobs], check=True)
        built = sorted((build_dir / "python" / "credence").glob("_core*.so"))
        if not built:
            raise RuntimeError(f"the build left no credence/_core*.so in {build_dir}/python")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("credence._core")],
    cmdclass={"build_ext": CMakeBuild},
    # Not ./build: that is where developers keep the CMake build.
    options={"build": {"build_base": "build-setuptools"}},
)
