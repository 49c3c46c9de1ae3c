// One input to its outputs: read, finalize, (lay out,) write. Shared by
// `galley convert` and `galley batch`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "pdf/prepress.hpp"
#include "read/reader.hpp"
#include "util/error.hpp"

namespace galley::pipeline {

// Cover: the full-wrap print cover (STEM-cover.pdf).
enum class OutputFormat { Epub, Pdf, Cover };

// Formats this build can write, in the order they are written.
std::vector<OutputFormat> available_formats();
std::string extension(OutputFormat f);  // the format's name: "epub", "pdf", "cover"
// Where a format's output goes: STEM.epub, STEM.pdf, STEM-cover.pdf.
std::filesystem::path output_path(const std::filesystem::path& stem, OutputFormat f);
// "epub", "pdf", "cover", "epub,pdf,cover"; throws galley::Error on an unknown name.
std::vector<OutputFormat> parse_formats(const std::string& list);

// Page and type options of the print style (used by the PDF writer).
struct StyleOptions {
  std::string style = "default";  // name under styles/ or a file path
  std::string page_size;          // a4|a5|letter|6x9in|WxH; empty: the style's
  std::string margin;             // TOP,SIDES or TOP,OUTER,BOTTOM,INNER
  std::string font_size;          // body size, e.g. 10.5pt
};

struct ConvertOptions {
  std::vector<OutputFormat> formats = {OutputFormat::Epub, OutputFormat::Pdf};
  doc::Metadata metadata;          // overrides (command line, --metadata file)
  std::optional<read::Format> from;  // reader; default by extension
  read::ReadOptions read;
  StyleOptions style;
  bool smart = true;  // smart punctuation (doc/smart.hpp); --no-smart turns it off
  // --print-ready, --bleed, --crop-marks (the style's print_ready: true also
  // turns it on).
  pdf::PrintReady print_ready;
  // Use a second thread inside the document (EPUB beside PDF, font
  // subsetting, a long book's halves). Batch turns it off: there every core
  // already converts a document of its own, and -j N means N threads.
  bool parallel = true;
  // The EPUB gets a cover image generated from the style's cover design
  // unless the metadata names one or this is set (--no-cover).
  bool no_cover = false;
};

struct ConvertResult {
  std::vector<std::filesystem::path> outputs;
  std::vector<std::string> warnings;
  int pages = 0;          // interior pages (PDF or cover), 0 when nothing was laid out
  std::size_t words = 0;  // words of the body text
};

// Reads and finalizes the document. Throws galley::Error.
doc::Document load_document(const std::filesystem::path& input, const ConvertOptions& options, Diagnostics& diag);

// Writes output_path(output_stem, format) for each format (the folder must exist). Every output
// goes through a temporary file; on failure none is left. Throws galley::Error.
ConvertResult convert_file(const std::filesystem::path& input, const std::filesystem::path& output_stem,
                           const ConvertOptions& options);

// Words of the body text; two Han ideographs or kana count as one.
std::size_t count_words(const doc::Document& doc);

}  // namespace galley::pipeline
