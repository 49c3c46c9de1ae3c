// PLACEHOLDER until the Markdown reader lands.
#include "read/reader.hpp"

namespace galley::read {

doc::Document read_markdown(const std::string&, const std::filesystem::path&, const ReadOptions&, Diagnostics&) {
  throw Error("", "the Markdown reader is not built yet; use --from text");
}

}  // namespace galley::read
