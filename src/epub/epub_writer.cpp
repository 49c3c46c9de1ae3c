// PLACEHOLDER until the EPUB writer lands.
#include "epub/epub_writer.hpp"

namespace galley::epub {

void write_epub(const doc::Document&, const EpubOptions&, const std::filesystem::path&, Diagnostics&) {
  throw Error("", "EPUB writer not built yet");
}

}  // namespace galley::epub
