// The PDF/X-4 pass (prepress.hpp): boxes, marks, output intent, ICC-based
// images, XMP and Info, on one edit of a finished Cairo file.
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>

#include "pdf/edit.hpp"
#include "pdf/prepress.hpp"
#include "pdf/to_unicode.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/resources.hpp"

namespace galley::pdf {

namespace {

// The profiles shipped in data_dir()/icc (icc/README.md): the output
// intent's CMYK printing condition, and sRGB for the images' colours.
constexpr const char* kOutputProfile = "default_cmyk.icc";
constexpr const char* kOutputCondition = "Artifex CMYK SWOP Profile (Ghostscript default_cmyk.icc)";
constexpr const char* kImageProfile = "sRGB.icc";
// The registration colour's resource name on every page.
constexpr const char* kRegistration = "/GalleyRegistration";

std::string read_profile(const char* name) {
  const std::filesystem::path path = data_dir() / "icc" / name;
  std::ifstream f(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (!f.good() && !f.eof()) data.clear();
  if (data.size() < 128) throw Error(path.string(), "cannot read the ICC profile (is galley's data folder complete?)");
  return data;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string box(double x0, double y0, double x1, double y1) {
  return "[ " + num(x0) + " " + num(y0) + " " + num(x1) + " " + num(y1) + " ]";
}

// 16 bytes as 32 hex digits, from four CRC-32 lanes over the parts.
std::string id_hex(const std::vector<std::string_view>& parts) {
  std::string out;
  for (unsigned lane = 0; lane < 4; ++lane) {
    uLong crc = crc32(0L, Z_NULL, 0);
    const unsigned char salt[2] = {static_cast<unsigned char>('g' + lane), static_cast<unsigned char>(lane * 37)};
    crc = crc32(crc, salt, 2);
    for (std::string_view p : parts) {
      const std::string size = std::to_string(p.size()) + ":";
      crc = crc32(crc, reinterpret_cast<const Bytef*>(size.data()), static_cast<uInt>(size.size()));
      crc = crc32(crc, reinterpret_cast<const Bytef*>(p.data()), static_cast<uInt>(p.size()));
    }
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08lx", crc & 0xffffffffUL);
    out += buf;
  }
  return out;
}

std::string uuid(const std::string& hex) {
  return "uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

// A text string for the Info dictionary: UTF-16BE with a byte order mark
// when it is not plain ASCII.
std::string info_string(const std::string& s) {
  bool ascii = true;
  for (unsigned char c : s) ascii = ascii && c < 0x80;
  if (ascii) return pdf_string(s);
  std::string hex = "<FEFF";
  char buf[8];
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(len);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(0xD800 + (cp >> 10)));
      hex += buf;
      cp = 0xDC00 + (cp & 0x3FF);
    }
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
    hex += buf;
  }
  return hex + ">";
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

std::string xmp_packet(const PdfxInfo& info, const std::string& title, const std::string& date,
                       const std::string& document_id, const std::string& instance_id) {
  std::string x =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "<rdf:Description rdf:about=\"\"\n"
      "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
      "  xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
      "  xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n";
  x += "<dc:format>application/pdf</dc:format>\n";
  x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(title) + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!info.creators.empty()) {
    x += "<dc:creator><rdf:Seq>";
    for (const auto& c : info.creators) x += "<rdf:li>" + xml_escape(c) + "</rdf:li>";
    x += "</rdf:Seq></dc:creator>\n";
  }
  if (!info.description.empty())
    x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.description) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  if (!info.language.empty()) x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(info.language) + "</rdf:li></rdf:Bag></dc:language>\n";
  x += "<xmp:CreateDate>" + date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
  x += "<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
  x += "<xmp:CreatorTool>" + xml_escape(info.producer) + "</xmp:CreatorTool>\n";
  x += "<pdf:Producer>" + xml_escape(info.producer) + "</pdf:Producer>\n<pdf:Trapped>False</pdf:Trapped>\n";
  x += "<xmpMM:DocumentID>" + document_id + "</xmpMM:DocumentID>\n<xmpMM:InstanceID>" + instance_id +
       "</xmpMM:InstanceID>\n";
  x += "<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n";
  x += "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n";
  x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return x;
}

// Trim marks at the four corners, registration marks at the middle of each
// side, fold marks at info.folds: all outside the bleed, in the
// registration colour, in default user space.
std::string marks_content(const Sheet& s, const std::vector<double>& folds) {
  const double x0 = s.trim_x, y0 = s.trim_y, x1 = s.trim_x + s.trim_w, y1 = s.trim_y + s.trim_h;
  const double near = s.bleed + kMarkGap, far = near + kMarkLength;
  // An artifact for the tagged PDF's readers: not part of the text.
  std::string c = "/Artifact BMC q " + std::string(kRegistration) + " CS 1 SCN 0.25 w 0 J\n";
  auto line = [&c](double ax, double ay, double bx, double by) {
    c += num(ax) + " " + num(ay) + " m " + num(bx) + " " + num(by) + " l S\n";
  };
  for (double x : {x0, x1}) {
    const double out = x == x0 ? -1 : 1;
    for (double y : {y0, y1}) {
      const double up = y == y0 ? -1 : 1;
      line(x + out * near, y, x + out * far, y);  // horizontal, beside the corner
      line(x, y + up * near, x, y + up * far);    // vertical, above or below it
    }
  }
  for (double f : folds) {
    line(x0 + f, y0 - near, x0 + f, y0 - far);
    line(x0 + f, y1 + near, x0 + f, y1 + far);
  }
  // Registration targets: a circle with a cross, centred in the marks' room.
  const double r = kMarkLength / 4, mid = (near + far) / 2, k = 0.5523 * r;
  auto target = [&](double cx, double cy) {
    c += num(cx + r) + " " + num(cy) + " m ";
    c += num(cx + r) + " " + num(cy + k) + " " + num(cx + k) + " " + num(cy + r) + " " + num(cx) + " " + num(cy + r) + " c ";
    c += num(cx - k) + " " + num(cy + r) + " " + num(cx - r) + " " + num(cy + k) + " " + num(cx - r) + " " + num(cy) + " c ";
    c += num(cx - r) + " " + num(cy - k) + " " + num(cx - k) + " " + num(cy - r) + " " + num(cx) + " " + num(cy - r) + " c ";
    c += num(cx + k) + " " + num(cy - r) + " " + num(cx + r) + " " + num(cy - k) + " " + num(cx + r) + " " + num(cy) + " c S\n";
    line(cx - 1.6 * r, cy, cx + 1.6 * r, cy);
    line(cx, cy - 1.6 * r, cx, cy + 1.6 * r);
  };
  target((x0 + x1) / 2, y0 - mid);
  target((x0 + x1) / 2, y1 + mid);
  target(x0 - mid, (y0 + y1) / 2);
  target(x1 + mid, (y0 + y1) / 2);
  return c + "Q EMC\n";
}

// Inserts `entries` at the start of the object's (first) dictionary.
std::string with_entries(std::string_view object, const std::string& entries) {
  std::string body(object);
  const std::size_t at = body.find("<<");
  if (at != std::string::npos) body.insert(at + 2, " " + entries + "\n  ");
  return body;
}

// Replaces every `from` with `to` in the object's dictionary part (never in
// its stream data).
std::string replaced_in_dict(std::string_view object, std::string_view from, const std::string& to) {
  const std::size_t data = object.find("stream\n");
  std::string head(object.substr(0, data == std::string_view::npos ? object.size() : data));
  for (std::size_t at = head.find(from); at != std::string::npos; at = head.find(from, at + to.size()))
    head.replace(at, from.size(), to);
  return data == std::string_view::npos ? head : head + std::string(object.substr(data));
}

struct Added {
  long rgb = 0, intent = 0, metadata = 0, marks = 0, registration = 0;
};

// Page boxes, marks and the images' colour space, on every page and image.
void edit_pages(PdfEdit& edit, const PdfxInfo& info, const Added& added) {
  const Sheet& s = info.sheet;
  const std::string rgb = std::to_string(added.rgb) + " 0 R";
  const std::string boxes = "/TrimBox " + box(s.trim_x, s.trim_y, s.trim_x + s.trim_w, s.trim_y + s.trim_h) +
                            " /BleedBox " + box(s.trim_x - s.bleed, s.trim_y - s.bleed, s.trim_x + s.trim_w + s.bleed,
                                                s.trim_y + s.trim_h + s.bleed);
  std::vector<long> resources;
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    const auto dict = object ? dict_entries(*object) : std::nullopt;
    if (!dict) continue;
    const std::size_t type = dict->find("/Type /Page");
    const bool page = type != std::string_view::npos && dict->substr(type + 11, 1) != "s";
    const bool image = dict->find("/Subtype /Image") != std::string_view::npos;
    const bool group = dict->find("/CS /DeviceRGB") != std::string_view::npos;
    if (!page && !image && !group) continue;
    std::string body = replaced_in_dict(*object, "/CS /DeviceRGB", "/CS " + rgb);
    body = replaced_in_dict(body, "/ColorSpace /DeviceRGB", "/ColorSpace " + rgb);
    if (page) {
      body = with_entries(body, boxes);
      if (s.crop_marks) {
        // The marks' stream first: Cairo's content leaves its y-down matrix set.
        const std::size_t at = body.find("/Contents ");
        const std::string marks = std::to_string(added.marks) + " 0 R";
        if (at != std::string::npos && body[at + 10] == '[') {
          body.insert(at + 11, " " + marks);
        } else if (const auto contents = ref_after(body, "/Contents")) {
          const std::string old = "/Contents " + std::to_string(*contents) + " 0 R";
          body.replace(body.find(old), old.size(), "/Contents [ " + marks + " " + std::to_string(*contents) + " 0 R ]");
        }
        if (const auto res = ref_after(*dict, "/Resources")) resources.push_back(*res);
      }
    }
    edit.replace(n, std::move(body));
  }
  const std::string space = std::string(kRegistration) + " " + std::to_string(added.registration) + " 0 R";
  for (long n : resources) {
    const auto object = edit.object(n);
    if (!object || object->find(kRegistration) != std::string_view::npos) continue;
    const std::size_t at = object->find("/ColorSpace <<");
    std::string body(*object);
    if (at != std::string_view::npos) body.insert(at + 14, " " + space + " ");
    else body = with_entries(body, "/ColorSpace << " + space + " >>");
    edit.replace(n, std::move(body));
  }
}

}  // namespace

void make_pdfx4(PdfEdit& edit, const PdfxInfo& info) {
  gray_only(edit);
  const std::string cmyk = read_profile(kOutputProfile), srgb = read_profile(kImageProfile);
  const std::string title = info.title.empty() ? "Untitled" : info.title;
  const std::time_t when = info.date;
  const std::string xmp_date = iso8601_utc(when);  // YYYY-MM-DDThh:mm:ssZ
  std::string pdf_date = "D:";
  for (char c : xmp_date)
    if (c >= '0' && c <= '9') pdf_date += c;
  pdf_date += "+00'00'";
  const std::string document_hex = id_hex({info.identifier, title});
  // This rendition: the document, the date, and the bytes Cairo wrote.
  const std::string_view source = edit.source();
  const std::string file_crc = std::to_string(
      crc32_z(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(source.data()), source.size()));
  const std::string instance_hex = id_hex({info.identifier, title, xmp_date, info.producer, file_crc});

  Added added;
  added.rgb = edit.add();
  const long rgb_profile = edit.add(), cmyk_profile = edit.add();
  edit.replace(rgb_profile, stream_object(rgb_profile, "/N 3 /Filter /FlateDecode", deflate(srgb)));
  edit.replace(added.rgb, std::to_string(added.rgb) + " 0 obj\n[ /ICCBased " + std::to_string(rgb_profile) + " 0 R ]\nendobj");
  edit.replace(cmyk_profile, stream_object(cmyk_profile, "/N 4 /Filter /FlateDecode", deflate(cmyk)));
  added.intent = edit.add();
  edit.replace(added.intent, std::to_string(added.intent) +
                                 " 0 obj\n<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (Custom)"
                                 " /OutputCondition " + pdf_string(kOutputCondition) + " /Info " +
                                 pdf_string(kOutputCondition) + " /RegistryName (http://www.color.org)"
                                 " /DestOutputProfile " + std::to_string(cmyk_profile) + " 0 R >>\nendobj");
  added.metadata = edit.add();
  edit.replace(added.metadata,
               stream_object(added.metadata, "/Type /Metadata /Subtype /XML",
                             xmp_packet(info, title, xmp_date, uuid(document_hex), uuid(instance_hex))));
  if (info.sheet.crop_marks) {
    added.marks = edit.add();
    added.registration = edit.add();
    edit.replace(added.marks, stream_object(added.marks, "", marks_content(info.sheet, info.folds)));
    edit.replace(added.registration,
                 std::to_string(added.registration) +
                     " 0 obj\n[ /Separation /All /DeviceCMYK << /FunctionType 2 /Domain [ 0 1 ] /C0 [ 0 0 0 0 ]"
                     " /C1 [ 1 1 1 1 ] /N 1 >> ]\nendobj");
  }
  edit_pages(edit, info, added);

  const auto old_info = ref_after(edit.trailer(), "/Info");
  const long info_number = old_info ? *old_info : edit.add();
  if (!old_info) edit.add_to_trailer("/Info " + std::to_string(info_number) + " 0 R ");
  std::string info_dict = std::to_string(info_number) + " 0 obj\n<< /Title " + info_string(title);
  if (!info.creators.empty()) info_dict += " /Author " + info_string(joined(info.creators));
  if (!info.description.empty()) info_dict += " /Subject " + info_string(info.description);
  if (old_info) {  // Cairo's /Keywords (the subjects) stay
    const std::string_view old = *edit.object(*old_info);
    const std::size_t at = old.find("/Keywords ");
    if (at != std::string_view::npos) info_dict += " " + std::string(old.substr(at, old.find('\n', at) - at));
  }
  info_dict += " /Creator " + info_string(info.producer) + " /Producer " + info_string(info.producer);
  info_dict += " /CreationDate (" + pdf_date + ") /ModDate (" + pdf_date + ")";
  info_dict += " /Trapped /False /GTS_PDFXVersion (PDF/X-4) >>\nendobj";
  edit.replace(info_number, std::move(info_dict));

  const std::string catalog(*edit.object(edit.root()));
  std::string entries = "/OutputIntents [ " + std::to_string(added.intent) + " 0 R ] /Metadata " +
                        std::to_string(added.metadata) + " 0 R /ViewerPreferences << /DisplayDocTitle true >>";
  if (catalog.find("/Lang") == std::string::npos && !info.language.empty()) entries += " /Lang " + pdf_string(info.language);
  edit.replace(edit.root(), with_entries(catalog, entries));
  edit.add_to_trailer("/ID [ <" + document_hex + "> <" + instance_hex + "> ]");
  edit.set_version("1.6");
  compress_streams(edit);
}

namespace {

// Reads a Cairo PDF, lets `edit_it` edit it, and writes it back in place.
void edit_file(const std::filesystem::path& pdf, const std::function<void(PdfEdit&)>& edit_it) {
  std::ifstream f(pdf, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (!f.good() && !f.eof()) throw Error(pdf.string(), "cannot read the PDF");
  PdfEdit edit;
  if (!edit.open(bytes)) throw Error(pdf.string(), "not a PDF this pass can edit (Cairo's classic cross-reference file)");
  edit_it(edit);
  const std::string out = edit.write();
  std::ofstream o(pdf, std::ios::binary | std::ios::trunc);
  o.write(out.data(), static_cast<std::streamsize>(out.size()));
  o.close();
  if (!o) throw Error(pdf.string(), "cannot write the PDF");
}

}  // namespace

void make_pdfx4(const std::filesystem::path& pdf, const PdfxInfo& info) {
  edit_file(pdf, [&info](PdfEdit& edit) { make_pdfx4(edit, info); });
}

void finish_plain(const std::filesystem::path& pdf) {
  edit_file(pdf, [](PdfEdit& edit) {
    gray_only(edit);
    compress_streams(edit);
  });
}

}  // namespace galley::pdf
