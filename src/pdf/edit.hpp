// Small edits of a finished PDF from Cairo's PDF surface: a few objects get
// new bodies, every other object is copied byte for byte, and the classic
// cross-reference table is rebuilt. Cairo 1.16 writes no object or xref
// streams, which keeps this simple; a file of another shape is refused.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace galley::pdf {

class PdfEdit {
 public:
  // False when pdf is not a classic-xref file whose objects all parse.
  bool open(const std::string& pdf);

  // The object's text ("N 0 obj ... endobj"), as replaced if it was, or nullopt.
  std::optional<std::string_view> object(long number) const;
  // The numbers of the file's objects, in file order, then those added.
  std::vector<long> numbers() const;
  // The data of a stream object (between "stream" and "endstream", as
  // /Length gives it, direct or indirect), or nullopt.
  std::optional<std::string_view> stream_data(long number) const;
  // The catalog's object number (the trailer's /Root).
  long root() const { return root_; }
  // Replaces an object; body is its whole text, "N 0 obj" to "endobj".
  void replace(long number, std::string body) { replaced_[number] = std::move(body); }
  // A new object's number; give it its text with replace() before write().
  // New objects are written after the file's own, in number order.
  long add() { return size_ + added_++; }
  // The file as opened.
  std::string_view source() const { return pdf_; }
  // The trailer's dictionary text ("<< ... >>"), as the file has it.
  std::string_view trailer() const;
  // Adds entries (e.g. "/ID [<..> <..>]") to the written trailer, whose
  // /Size always counts the added objects.
  void add_to_trailer(std::string entries) { trailer_extra_ += std::move(entries); }
  // The written header's version ("1.6": "%PDF-1.6"); empty: as the file has it.
  void set_version(std::string version) { version_ = std::move(version); }
  // The edited file.
  std::string write() const;
  // The same, handed to `put` piece by piece (a large file need not be
  // held twice in memory).
  using Sink = std::function<void(std::string_view)>;
  void write(const Sink& put) const;

 private:
  struct Object {
    long number = 0;
    std::size_t begin = 0, end = 0;
  };
  std::string_view pdf_;
  std::vector<Object> objects_;  // in file order
  std::vector<std::size_t> index_;  // by object number: its place in objects_, or npos
  std::size_t xref_at_ = 0, trailer_at_ = 0, trailer_end_ = 0;
  long size_ = 0, root_ = 0, added_ = 0;
  std::map<long, std::string> replaced_;
  std::string trailer_extra_, version_;
};

// The number after `key` in text ("/Root 12 0 R" -> 12), or nullopt.
std::optional<long> ref_after(std::string_view text, std::string_view key);

// A PDF string literal, parentheses and backslashes escaped.
std::string pdf_string(const std::string& s);

// The text of stream object `number`: "<< entries /Length N >>" and data.
std::string stream_object(long number, std::string_view entries, std::string_view data);
// Dictionary entries without the /Length entry (direct or indirect).
std::string without_length(std::string_view entries);

// The object text's dictionary entries (between its first "<<" and the
// matching ">>", nested dictionaries kept), or nullopt.
std::optional<std::string_view> dict_entries(std::string_view object);

// Adds /Lang to the catalog (the document's language, for assistive
// technology and hyphenation in viewers). False, pdf unchanged, on a file
// of another shape or an empty language.
bool set_language(std::string& pdf, const std::string& language);
// The same on an open edit (several edits, one rewrite).
bool set_language(PdfEdit& edit, const std::string& language);

}  // namespace galley::pdf
