// EPUB 3 writer (libzip + tinyxml2). Takes a finished document (doc::finalize)
// and writes exactly one file at out_path; the caller handles temporary
// names and renaming.
#pragma once

#include <filesystem>
#include <string>

#include "doc/document.hpp"
#include "util/error.hpp"

namespace galley::epub {

struct EpubOptions {
  std::filesystem::path fonts_dir;   // fonts/ (faces are subset and embedded)
  std::filesystem::path styles_dir;  // styles/ (CSS)
  std::string style = "default";     // style name
};

// Throws galley::Error on failure.
void write_epub(const doc::Document& doc, const EpubOptions& options, const std::filesystem::path& out_path,
                Diagnostics& diag);

}  // namespace galley::epub
