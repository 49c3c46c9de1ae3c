// Readers: plain functions from decoded UTF-8 text to an unfinished document
// tree (doc::finalize() completes it). Readers know nothing of writers.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "doc/document.hpp"
#include "util/error.hpp"

namespace galley::read {

enum class Format { Text, Markdown };

struct ReadOptions {
  // Project Gutenberg header/footer: kept as front/back matter by default,
  // dropped when set.
  bool drop_boilerplate = false;
  // The title given outside the input (command line, --metadata file), which
  // wins over the input's own: Markdown then keeps its first heading in the
  // body unless the heading repeats that title, and plain text its first
  // line (as a heading when it reads as a title) unless it repeats it.
  std::string title;
};

// By extension: .md/.markdown -> Markdown, anything else -> Text; throws
// for HTML (.html, .htm, .xhtml), which no reader takes yet.
Format format_for(const std::filesystem::path& path);
// "markdown"/"md" or "text"/"txt"; nullopt for anything else.
std::optional<Format> parse_format(const std::string& name);

// Plain text with implicit structure (read/text/...).
doc::Document read_plain_text(const std::string& text, const ReadOptions& options, Diagnostics& diag);

// CommonMark + GFM through cmark-gfm (read/markdown/...). Images are resolved
// against base_dir and must stay inside it.
doc::Document read_markdown(const std::string& text, const std::filesystem::path& base_dir,
                            const ReadOptions& options, Diagnostics& diag);

}  // namespace galley::read
