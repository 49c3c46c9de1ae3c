// A title when neither the options, the metadata nor the text's own headline
// give one: a file name that reads as words, else the first section heading.
#pragma once

#include <string>
#include <string_view>

#include "doc/document.hpp"

namespace galley::doc {

// "rare-earth-talks" -> "Rare Earth Talks"; "2014-05-29-announcing-the-hub"
// -> "Announcing the Hub" (a leading date dropped). Empty when the name does
// not read as words: a hash or serial ("000_5606bfb668b87f54"), one letter,
// mostly digits.
std::string title_from_file_stem(std::string_view stem);

// Fills doc.metadata.title when empty, in order: the file stem when it reads
// as words, the first heading of the body, "Untitled". Returns a warning
// naming what was used (empty when a title was there).
std::string complete_title(Document& doc, std::string_view stem);

}  // namespace galley::doc
