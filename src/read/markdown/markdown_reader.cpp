// The Markdown reader: front matter, cmark-gfm parse, node mapping, title.
// Each concern lives in its own file under read/markdown/.
#include "read/reader.hpp"

#include "read/markdown/cmark_parse.hpp"
#include "read/markdown/front_matter.hpp"
#include "read/markdown/images.hpp"
#include "read/markdown/node_mapping.hpp"
#include "read/markdown/title.hpp"
#include "read/markdown/wide_tables.hpp"
#include "util/memory.hpp"

namespace galley::read {

namespace {

// Past this size, memory is handed back to the system after parsing.
constexpr std::size_t kLargeSource = std::size_t{1} << 20;

}  // namespace

doc::Document read_markdown(const std::string& text, const std::filesystem::path& base_dir, const ReadOptions& options,
                            Diagnostics& diag) {
  using namespace markdown;
  doc::Document document;

  std::string source = text;
  if (source.rfind("\xEF\xBB\xBF", 0) == 0) source.erase(0, 3);
  // Front matter lines are blanked, not removed: cmark's line numbers stay
  // those of the file.
  bool has_front_matter = false;
  document.metadata = read_front_matter(source, has_front_matter);

  ImageResolver images(base_dir, diag);
  if (!document.metadata.cover.empty())
    document.metadata.cover = images.resolve_path(document.metadata.cover, 0, "cover image");

  for (const WideRow& row : escape_wide_tables(source))
    diag.warn(row.body ? "a table row of more than " + std::to_string(kMaxTableColumns) +
                             " cells is kept whole in its first cell"
                       : "a table of more than " + std::to_string(kMaxTableColumns) +
                             " columns is kept as text (its rows as they are written)",
              row.line);
  {
    CmarkDocument root = parse_cmark(source);
    NodeMapper mapper(images, diag, source);
    mapper.map_document(root.get(), document.body, document.footnotes);
    mapper.report_repairs();
  }
  // The tree lives until both outputs are written: no doubling slack in
  // its longest vector (a document of 300,000 paragraphs).
  document.body.shrink_to_fit();
  if (source.size() > kLargeSource) release_free_memory();  // cmark's tree, freed
  take_title_from_heading(document, options.title);
  return document;
}

}  // namespace galley::read
