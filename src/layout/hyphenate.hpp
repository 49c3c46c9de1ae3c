// Dictionary hyphenation with libhyphen and Debian's hyphen-* patterns,
// chosen by the document language. Each dictionary file is parsed once per
// process and shared, read-only, by every Hyphenator and thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galley::layout {

class Hyphenator {
 public:
  // language: BCP 47 tag (en, en-GB, de, fr-CA...); no dictionary -> no hyphenation.
  explicit Hyphenator(const std::string& language);
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  bool available() const { return dict_ != nullptr; }
  // For a language that is hyphenated in print but has no dictionary here:
  // a warning naming where galley looked and what to install; else empty.
  static std::string missing_dictionary_hint(const std::string& language);
  // Byte offsets inside `word` after which a hyphen break is allowed. Leading
  // and trailing punctuation is ignored; words with digits are not broken.
  // Thread-safe (libhyphen reads the dictionary only). The result comes
  // from a per-thread cache and stays valid until this thread's next call.
  const std::vector<unsigned>& points(std::string_view word) const;

 private:
  void* dict_ = nullptr;  // HyphenDict*, owned by the process-wide cache
};

}  // namespace galley::layout
