// Plain-text reader: inline content. Text stays text; in Project Gutenberg
// books `_word_` marks italics and becomes Emphasis.
#pragma once

#include <string_view>

#include "doc/document.hpp"

namespace galley::read::text {

doc::Inlines make_inlines(std::string_view text, bool underscore_emphasis);

}  // namespace galley::read::text
