// credence._core: the compiled half of the Python module `credence`.
#include <pybind11/pybind11.h>

#include <string>

#include "binding.h"
#include "credence/version.h"

PYBIND11_MODULE(_core, module) {
  namespace python = credence::python;
  module.doc() =
      "credence's library for Python: the compiled half of the module `credence`, which wraps "
      "it in pandas objects. Use `import credence`, not this module.";
  module.attr("__version__") = std::string(credence::Version());
  python::RegisterErrors(module);
  python::RegisterOptions(module);
  python::RegisterStore(module);
  python::RegisterAnswers(module);
  python::RegisterSolve(module);
  python::RegisterScore(module);
  python::RegisterSynth(module);
  python::RegisterEval(module);
}
