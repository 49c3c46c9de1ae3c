// The one place where a freshly read tree becomes a finished document:
// metadata completed, heading ids assigned, footnotes numbered, sections and
// the table of contents computed. Every reader's output goes through it once;
// every writer relies on what it sets.
#pragma once

#include <string>

#include "doc/document.hpp"

namespace galley::doc {

struct FinalizeInput {
  Metadata overrides;          // command line / metadata file; wins over the reader's
  std::string fallback_title;  // used when neither reader nor overrides give one (file stem)
};

// Throws galley::Error when an override is invalid (e.g. a malformed --lang).
void finalize(Document& doc, const FinalizeInput& in);

// Identifier derived from the content: urn:uuid:<name-based UUID of the text>.
std::string content_uuid(const Document& doc);

}  // namespace galley::doc
