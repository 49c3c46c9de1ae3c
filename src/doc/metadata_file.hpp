// Metadata from YAML (or JSON, a subset of YAML): the --metadata file and
// Markdown front matter share this one parser.
#pragma once

#include <filesystem>
#include <string>

#include "doc/metadata.hpp"

namespace galley::doc {

// Keys: title, subtitle, author/authors (string or list), lang/language, date,
// publisher, rights, identifier, description, subject/subjects/keywords
// (string or list), source, cover. Unknown keys are ignored.
// Throws galley::Error("name", "...", line) on malformed YAML, where line is
// first_line plus the line inside `text`.
// A relative `cover` path is taken from `base_dir` (the folder of the file
// the metadata came from) when one is given.
Metadata parse_metadata_yaml(const std::string& text, const std::string& name, int first_line = 1,
                             const std::filesystem::path& base_dir = {});

}  // namespace galley::doc
