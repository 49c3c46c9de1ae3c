// libFuzzer harnesses for the readers (issue 12). One source, three entry
// points chosen at compile time (GALLEY_FUZZ_TARGET): the plain-text reader,
// the Markdown reader with its front matter, and metadata files. Each input
// goes through decoding (as a file's bytes would), the reader and finalize();
// galley::Error is the expected way to refuse input, anything else (a crash,
// a sanitizer report, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "doc/finalize.hpp"
#include "doc/metadata_file.hpp"
#include "read/input.hpp"
#include "read/reader.hpp"
#include "util/error.hpp"

using namespace galley;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const std::string text = read::decode_text(bytes, "fuzz");
    Diagnostics diag;
    diag.file = "fuzz";
#if GALLEY_FUZZ_TARGET == 1
    doc::Document d = read::read_plain_text(text, {}, diag);
#elif GALLEY_FUZZ_TARGET == 2
    doc::Document d = read::read_markdown(text, "/nonexistent-fuzz-dir", {}, diag);
#else
    doc::Document d;
    d.metadata = doc::parse_metadata_yaml(text, "fuzz.yaml");
    d.body.push_back(doc::paragraph({doc::text("x")}));
#endif
    doc::finalize(d, doc::FinalizeInput{{}, "fuzz"});
  } catch (const Error&) {
    // Refused with a message: the intended outcome for bad input.
  }
  return 0;
}
