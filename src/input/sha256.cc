#include <openssl/evp.h>

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "credence/input.h"
#include "input/sha256_stream.h"

namespace credence {

namespace input_internal {

struct Sha256Stream::Context {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(context); }
  Context() = default;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
};

Sha256Stream::Sha256Stream() : context_(std::make_unique<Context>()) {
  if (context_->context == nullptr ||
      EVP_DigestInit_ex(context_->context, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not start a SHA-256 digest");
  }
}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::Update(std::string_view bytes) {
  if (EVP_DigestUpdate(context_->context, bytes.data(), bytes.size()) != 1) {
    throw std::runtime_error("OpenSSL could not update a SHA-256 digest");
  }
}

std::string Sha256Stream::Finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_->context, digest.data(), &length) != 1) {
    throw std::runtime_error("OpenSSL could not finish a SHA-256 digest");
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string text = "sha256:";
  text.reserve(text.size() + std::size_t{2} * length);
  for (unsigned int i = 0; i < length; ++i) {
    text += kHex[digest[i] >> 4U];
    text += kHex[digest[i] & 0x0FU];
  }
  return text;
}

}  // namespace input_internal

std::string Sha256Digest(std::string_view bytes) {
  input_internal::Sha256Stream digest;
  digest.Update(bytes);
  return digest.Finish();
}

}  // namespace credence
