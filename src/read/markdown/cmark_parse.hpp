// cmark-gfm behind a small RAII wrapper.
//
// Thread safety: cmark-gfm keeps global state. The core extensions must be
// registered exactly once (a second registration aborts the process), and the
// inline parser toggles a process-wide table of special characters while an
// extension-enabled parser runs (cmark_manage_extensions_special_characters),
// so two parses at the same time can see each other's table. Registration is
// therefore done under std::call_once and every parse holds one global mutex;
// walking the finished tree needs no lock. Readers running in parallel
// threads (batch conversion) are safe.
#pragma once

#include <memory>
#include <string>

#include <cmark-gfm.h>

namespace galley::read::markdown {

struct CmarkNodeDeleter {
  void operator()(cmark_node* node) const;
};
using CmarkDocument = std::unique_ptr<cmark_node, CmarkNodeDeleter>;

struct CmarkOptions {
  bool footnotes = true;
};

// Parses CommonMark + GFM (tables, strikethrough, autolinks, task lists and,
// when asked, footnotes). Never returns null (throws std::bad_alloc).
CmarkDocument parse_cmark(const std::string& text, const CmarkOptions& options = {});

// Type names of the GFM extension nodes, from cmark_node_get_type_string.
bool is_cmark_type(cmark_node* node, const char* type_string);

}  // namespace galley::read::markdown
