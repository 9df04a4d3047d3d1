// NumPy arrays that take over a std::vector's buffer: a column leaves C++ without a copy, and
// the array frees it when Python drops the last reference.
#ifndef CREDENCE_PYTHON_NUMPY_COLUMNS_H_
#define CREDENCE_PYTHON_NUMPY_COLUMNS_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <utility>
#include <vector>

namespace credence::python {

template <typename T>
pybind11::array_t<T> ToNumpy(std::vector<T>&& values) {
  auto* owned = new std::vector<T>(std::move(values));
  const pybind11::capsule free(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return pybind11::array_t<T>({owned->size()}, {sizeof(T)}, owned->data(), free);
}

// A row-major rows x columns matrix from `values` (rows * columns entries).
template <typename T>
pybind11::array_t<T> ToNumpy(std::vector<T>&& values, std::size_t rows, std::size_t columns) {
  auto* owned = new std::vector<T>(std::move(values));
  const pybind11::capsule free(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return pybind11::array_t<T>({rows, columns}, {columns * sizeof(T), sizeof(T)}, owned->data(),
                              free);
}

}  // namespace credence::python

#endif  // CREDENCE_PYTHON_NUMPY_COLUMNS_H_
