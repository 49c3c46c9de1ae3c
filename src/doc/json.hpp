// The tree as JSON, for `galley inspect --json` and golden tests.
#pragma once

#include <nlohmann/json.hpp>

#include "doc/document.hpp"

namespace galley::doc {

// {"metadata": {...}, "front_matter": [...], "blocks": [...], "back_matter": [...],
//  "footnotes": [...], "toc": [...]}. Every block has "type"; headings add
// "level", "id" and "text"; nested blocks sit under "children".
nlohmann::json to_json(const Document& doc);
nlohmann::json to_json(const Blocks& blocks);
nlohmann::json to_json(const Inlines& inlines);

}  // namespace galley::doc
