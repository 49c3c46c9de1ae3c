// libFuzzer harness for the whole pipeline: a small input (Markdown when its
// first byte is odd, else plain text) converted to EPUB and PDF in a
// temporary folder, as `galley convert` would. Inputs are capped at 4 KB so
// that each run stays short; the readers' own harnesses take large inputs.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "pipeline/convert.hpp"
#include "util/error.hpp"

using namespace galley;
namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 4096) return 0;
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("galley-fuzz-" + std::to_string(getpid()));
    fs::create_directories(d);
    return d;
  }();
  const fs::path input = dir / ((data[0] & 1) ? "in.md" : "in.txt");
  {
    std::ofstream out(input, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  pipeline::ConvertOptions options;
  options.parallel = false;
  options.metadata.date = "2024-01-01";
  try {
    pipeline::convert_file(input, dir / "out", options);
  } catch (const Error&) {
    // Refused with a message: fine.
  }
  return 0;
}
