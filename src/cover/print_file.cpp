#include "cover/print_file.hpp"

#include <cairo-pdf.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "pdf/edit.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"

namespace galley::cover {

namespace {

std::string box(const char* name, const Rect& r, double sheet_height) {
  // PDF space: origin at the bottom left.
  char buf[160];
  std::snprintf(buf, sizeof buf, "/%s [ %.4f %.4f %.4f %.4f ]", name, r.x, sheet_height - r.y - r.h, r.x + r.w,
                sheet_height - r.y);
  return buf;
}

}  // namespace

void set_cover_metadata(cairo_surface_t* surface, const doc::Metadata& m) {
  const std::string title = m.title + " (cover)";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  std::string authors;
  for (std::size_t i = 0; i < m.authors.size(); ++i) authors += (i ? ", " : "") + m.authors[i];
  if (!authors.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, authors.c_str());
  const std::string creator = std::string("galley ") + GALLEY_VERSION;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, creator.c_str());
  const std::string date = iso8601_utc(output_time());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
}

void finish_print_file(std::string& bytes, const Wrap& wrap, const doc::Metadata& m) {
  pdf::PdfEdit edit;
  bool boxed = false;
  if (edit.open(bytes)) {
    for (long n : edit.numbers()) {
      const auto obj = edit.object(n);
      const auto at = obj ? obj->find("/MediaBox") : std::string_view::npos;
      if (at == std::string_view::npos || obj->find("/Type /Page") == std::string_view::npos ||
          obj->find("/Type /Pages") != std::string_view::npos)
        continue;
      const auto end = obj->find(']', at);
      if (end == std::string_view::npos) continue;
      std::string body(*obj);
      body.insert(end + 1, "\n   " + box("TrimBox", wrap.trim(), wrap.height()) + "\n   " +
                               box("BleedBox", {0, 0, wrap.width(), wrap.height()}, wrap.height()));
      edit.replace(n, std::move(body));
      boxed = true;
    }
    pdf::set_language(edit, m.language);
  }
  if (!boxed) throw Error("", "the cover PDF has no page to set its TrimBox on");
  bytes = edit.write();
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  int why = f ? 0 : errno;
  if (f && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) why = errno ? errno : EIO;
  if (f && std::fclose(f) != 0 && why == 0) why = errno;
  if (why != 0) throw Error(path.string(), std::string("cannot write: ") + std::strerror(why));
}

}  // namespace galley::cover
