#include "read/markdown/cmark_parse.hpp"

#include <cmark-gfm-core-extensions.h>

#include <cstring>
#include <mutex>
#include <new>

namespace galley::read::markdown {

namespace {

std::once_flag g_registered;
std::mutex g_parse_mutex;

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

}  // namespace

void CmarkNodeDeleter::operator()(cmark_node* node) const { cmark_node_free(node); }

CmarkDocument parse_cmark(const std::string& text, const CmarkOptions& options) {
  std::call_once(g_registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  int flags = CMARK_OPT_VALIDATE_UTF8;
  if (options.footnotes) flags |= CMARK_OPT_FOOTNOTES;

  std::lock_guard<std::mutex> lock(g_parse_mutex);
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(flags));
  if (!parser) throw std::bad_alloc();
  for (const char* name : kExtensions)
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), text.data(), text.size());
  CmarkDocument doc(cmark_parser_finish(parser.get()));
  if (!doc) throw std::bad_alloc();
  return doc;
}

bool is_cmark_type(cmark_node* node, const char* type_string) {
  const char* t = cmark_node_get_type_string(node);
  return t && std::strcmp(t, type_string) == 0;
}

}  // namespace galley::read::markdown
