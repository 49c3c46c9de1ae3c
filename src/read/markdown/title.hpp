// The title of a Markdown document without a front matter title.
#pragma once

#include "doc/document.hpp"

namespace galley::read::markdown {

// Without a title in the metadata, the first top-level level-1 heading
// becomes the title and leaves the body (the title page shows it). When the
// body has several level-1 headings and no deeper ones, those headings are
// chapters: the first still names the book but stays in the body, so every
// chapter keeps its heading. With a front matter title, a first level-1
// heading repeating it word for word is dropped (it would be shown twice).
// A title given outside the input (`given_title`, non-empty) is the one
// shown: the first heading is dropped only when it repeats that one, and
// is otherwise kept in the body (never lost).
void take_title_from_heading(doc::Document& document, const std::string& given_title = {});

}  // namespace galley::read::markdown
