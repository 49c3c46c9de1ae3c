#include "cover/print_file.hpp"

#include <cairo-pdf.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "pdf/edit.hpp"
#include "pdf/prepress.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"

namespace galley::cover {

namespace {

// The cover's colours are DeviceRGB (Cairo's "rg"), which PDF/X-4 allows
// with a CMYK output intent only through a DefaultRGB colour space: the
// ICC-based sRGB the PDF/X pass gave the page's transparency group.
void default_rgb(pdf::PdfEdit& edit) {
  for (long n : edit.numbers()) {
    const std::string page(*edit.object(n));
    if (page.find("/Type /Page") == std::string::npos || page.find("/Type /Pages") != std::string::npos) continue;
    const auto group = page.find("/Group");
    const auto icc = group == std::string::npos ? std::nullopt : pdf::ref_after(std::string_view(page).substr(group), "/CS");
    const auto resources = pdf::ref_after(page, "/Resources");
    const auto res = resources ? edit.object(*resources) : std::nullopt;
    if (!icc || !res) throw Error("", "the cover PDF's page has no colour space to make DefaultRGB");
    std::string body(*res);
    const std::string entry = "/DefaultRGB " + std::to_string(*icc) + " 0 R ";
    if (const auto cs = body.find("/ColorSpace <<"); cs != std::string::npos) body.insert(cs + 14, " " + entry);
    else body.insert(body.find("<<") + 2, " /ColorSpace << " + entry + ">>");
    edit.replace(*resources, std::move(body));
  }
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

void finish_print_file(std::string& bytes, const Wrap& wrap, const pdf::Sheet& sheet, const doc::Metadata& m) {
  pdf::PdfEdit edit;
  if (!edit.open(bytes)) throw Error("", "the cover PDF is not a file the PDF/X-4 pass can edit");
  pdf::PdfxInfo info = pdf::pdfx_info(m, sheet);
  info.title = m.title + " (cover)";
  info.folds = {wrap.trim_width, wrap.trim_width + wrap.spine};  // the spine's edges
  pdf::make_pdfx4(edit, info);
  default_rgb(edit);
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
