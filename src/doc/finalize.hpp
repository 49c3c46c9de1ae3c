// The one place where a freshly read tree becomes a finished document:
// metadata completed, heading ids assigned, footnotes numbered, sections and
// the table of contents computed. Every reader's output goes through it once;
// every writer relies on what it sets.
#pragma once

#include <string>

#include "doc/document.hpp"
#include "util/error.hpp"

namespace galley::doc {

struct FinalizeInput {
  Metadata overrides;          // command line / metadata file; wins over the reader's
  std::string file_stem;      // for a title when neither reader nor overrides give one (doc/title.hpp)
  Diagnostics* diag = nullptr;  // receives the warning that names a fallback title
  bool smart = true;           // smart punctuation in the document's language (doc/smart.hpp)
};

// Throws galley::Error when an override is invalid (e.g. a malformed --lang).
void finalize(Document& doc, const FinalizeInput& in);

// Identifier derived from the content: urn:uuid:<name-based UUID of the text>.
std::string content_uuid(const Document& doc);

}  // namespace galley::doc
