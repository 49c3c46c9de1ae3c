// Visible labels in the book's language, shared by the EPUB (nav, notes)
// and the printed contents: screen readers read them with the document's
// language, and a reader sees them, so an English "Contents" in a German
// book is wrong in both outputs.
#pragma once

#include <string>

namespace galley::doc {

struct Labels {
  const char* contents;
  const char* notes;
};

// By the primary subtag of a BCP 47 tag; English for languages not listed.
Labels labels_for(const std::string& language);

}  // namespace galley::doc
