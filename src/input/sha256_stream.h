// An incremental SHA-256, for readers that stream their input and still report its digest.
#ifndef CREDENCE_INPUT_SHA256_STREAM_H_
#define CREDENCE_INPUT_SHA256_STREAM_H_

#include <memory>
#include <string>
#include <string_view>

namespace credence::input_internal {

class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Update(std::string_view bytes);
  // "sha256:<64 hex digits>" of everything passed to Update.
  std::string Finish();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_SHA256_STREAM_H_
