// The ToUnicode maps of the fonts in Cairo's PDF, rewritten to the text
// each glyph was drawn for.
//
// Cairo 1.16 maps a glyph in a font's ToUnicode CMap to the code point the
// font's own cmap gives it (a reverse lookup), not to the text it was drawn
// for: a ligature of Linux Libertine maps to its private-use code point
// ("tt" to U+E03C), an Arabic contextual form to its presentation form
// (U+FExx). Cairo adds an /ActualText span around such glyphs, which poppler
// reads but MuPDF and pdf.js do not, so their users cannot find "little".
// This pass rewrites those entries (and only those: private-use and
// presentation-form code points) to the text the painter drew the glyph for.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace galley::pdf {

class PdfEdit;

// The text for a glyph whose CMap entry is code point cp in the font named
// `font` (its BaseFont without the subset tag), or nullopt: keep the entry.
using GlyphText = std::function<std::optional<std::string>(std::string_view font, char32_t cp)>;

// True for the code points Cairo's reverse lookup may give a glyph drawn
// for other text: private use, and presentation forms (Latin ligatures,
// Hebrew and Arabic presentation forms).
bool replaceable_code_point(char32_t cp);

// One CMap (decompressed) with its bfchar entries rewritten; nullopt when no
// entry changed.
std::optional<std::string> rewrite_cmap(std::string_view cmap, std::string_view font, const GlyphText& text);

// Rewrites the ToUnicode stream of every font in the edit. Returns the number
// of streams changed (0: the file is unchanged).
int rewrite_to_unicode(PdfEdit& edit, const GlyphText& text);

// zlib's deflate format (PDF's /FlateDecode); inflate gives nullopt on
// corrupt data.
std::optional<std::string> inflate(std::string_view data);
std::string deflate(std::string_view data);

}  // namespace galley::pdf
