// Input discovery for `galley batch`, streamed: items are handed to a sink one
// at a time in a deterministic order and nothing is collected, so a corpus of
// any size costs only the listing of the folder being walked.
//
//   FILE          that file (any extension); output stem: its name
//   FOLDER        recursed (sorted, hidden entries and symlinked folders
//                 skipped) for .txt, .md, .markdown; output stem: the path
//                 relative to FOLDER
//   @MANIFEST     one input a line (blank lines and '#' comments skipped), or
//                 a JSON object a line: {"input": PATH, "output": STEM,
//                 "from": "markdown", "title": ..., "authors": [...], ...} with
//                 the metadata keys of --metadata. Relative inputs are taken
//                 from the current folder; the output stem is the input's
//                 relative path (or its name when absolute or outside).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "doc/metadata.hpp"
#include "read/reader.hpp"

namespace galley::batch {

struct Item {
  std::filesystem::path input;
  // Output path relative to OUTDIR without extension, '/'-separated
  // ("sub/article"); also the shard key.
  std::string rel_stem;
  std::optional<doc::Metadata> metadata;  // per-item overrides (JSON manifest)
  std::optional<read::Format> from;       // per-item reader (JSON manifest)
  // Set when the item could not even be described (unreadable folder, bad
  // manifest line): it is reported as failed with this message.
  std::string error;
};

struct Source {
  enum class Kind { File, Folder, Manifest };
  Kind kind;
  std::filesystem::path path;
};

// Checks every SRC exists (and a manifest is readable); throws galley::Error
// (a usage error) otherwise.
std::vector<Source> resolve_sources(const std::vector<std::string>& specs);

// Hands every item to sink in order; stops early when sink returns false.
// Returns false when stopped early.
using ItemSink = std::function<bool(Item&&)>;
bool discover(const std::vector<Source>& sources, const ItemSink& sink);

// .txt, .md, .markdown (any case).
bool is_input_file_name(const std::filesystem::path& path);
// "sub/article" for "sub/article.txt"; relative paths only.
std::string relative_stem(const std::filesystem::path& relative);
// The output stem of a manifest entry or of a FILE source (see above).
std::string stem_for_listed_input(const std::filesystem::path& input);
// Parses one manifest line (already trimmed, not blank, not a comment).
// `where` is "MANIFEST:LINE" for messages. Never throws: problems go to
// Item::error.
Item parse_manifest_line(const std::string& line, const std::string& where,
                         const std::filesystem::path& manifest_dir = {});

}  // namespace galley::batch
