// Reads a libhyphen pattern file (Debian's /usr/share/hyphen/*.dic) into
// libhyphen's own dictionary structures, the same states, matches,
// transitions and fallbacks hnj_hyphen_load builds, so libhyphen still does
// the hyphenating (hnj_hyphen_hyphenate2). Why not hnj_hyphen_load: its
// string table has a fixed 31,627 buckets, so loading grows quadratically
// with the number of pattern prefixes; the German patterns (77,900 lines,
// two levels) take over two seconds, longer than converting a book. Here the
// table grows with the patterns and the German file loads in a fraction of
// that.
#pragma once

#include <hyphen.h>

#include <filesystem>

namespace galley::layout {

// nullptr when the file cannot be read. Allocated with malloc, as libhyphen
// does: hnj_hyphen_free releases it.
HyphenDict* load_hyphen_patterns(const std::filesystem::path& file);

}  // namespace galley::layout
