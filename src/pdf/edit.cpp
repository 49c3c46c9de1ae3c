#include "pdf/edit.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace galley::pdf {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<long> ref_after(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t i = at + key.size();
  while (i < text.size() && text[i] == ' ') ++i;
  if (i >= text.size() || !is_digit(text[i])) return std::nullopt;
  long n = 0;
  while (i < text.size() && is_digit(text[i])) n = n * 10 + (text[i++] - '0');
  if (text.substr(i, 4) != " 0 R") return std::nullopt;
  return n;
}

std::string pdf_string(const std::string& s) {
  std::string out = "(";
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

std::string stream_object(long number, std::string_view entries, std::string_view data) {
  std::string out = std::to_string(number) + " 0 obj\n<< ";
  out.reserve(out.size() + entries.size() + data.size() + 64);
  out.append(entries);
  out += " /Length " + std::to_string(data.size()) + " >>\nstream\n";
  out.append(data);
  out += "\nendstream\nendobj";
  return out;
}

std::string without_length(std::string_view entries) {
  const std::size_t at = entries.find("/Length ");
  if (at == std::string_view::npos) return std::string(entries);
  std::size_t end = at + 8;
  while (end < entries.size() && is_digit(entries[end])) ++end;
  if (entries.substr(end, 4) == " 0 R") end += 4;
  return std::string(entries.substr(0, at)) + std::string(entries.substr(end));
}

std::optional<std::string_view> dict_entries(std::string_view object) {
  const std::size_t begin = object.find("<<");
  if (begin == std::string_view::npos) return std::nullopt;
  int depth = 0;
  for (std::size_t i = begin; i + 1 < object.size(); ++i) {
    if (object[i] == '(') {  // a string: skip to its end (escapes, nesting)
      int parens = 0;
      for (; i < object.size(); ++i) {
        if (object[i] == '\\') ++i;
        else if (object[i] == '(') ++parens;
        else if (object[i] == ')' && --parens == 0) break;
      }
    } else if (object[i] == '<' && object[i + 1] == '<') {
      ++depth;
      ++i;
    } else if (object[i] == '>' && object[i + 1] == '>') {
      if (--depth == 0) return object.substr(begin + 2, i - begin - 2);
      ++i;
    }
  }
  return std::nullopt;
}

std::string_view PdfEdit::trailer() const {
  const std::string_view t = pdf_.substr(trailer_at_, trailer_end_ - trailer_at_);
  const std::size_t begin = t.find("<<"), end = t.rfind(">>");
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) return {};
  return t.substr(begin, end + 2 - begin);
}

bool PdfEdit::open(const std::string& pdf) {
  pdf_ = pdf;
  objects_.clear();
  index_.clear();
  replaced_.clear();
  trailer_extra_.clear();
  version_.clear();
  added_ = 0;
  const std::size_t sx = pdf_.rfind("startxref\n");
  if (sx == std::string_view::npos) return false;
  xref_at_ = static_cast<std::size_t>(std::strtoul(std::string(pdf_.substr(sx + 10, 20)).c_str(), nullptr, 10));
  if (xref_at_ >= pdf_.size() || pdf_.substr(xref_at_, 7) != "xref\n0 ") return false;
  std::size_t i = xref_at_ + 7;
  size_ = 0;
  while (i < pdf_.size() && is_digit(pdf_[i])) size_ = size_ * 10 + (pdf_[i++] - '0');
  if (i >= pdf_.size() || pdf_[i] != '\n' || size_ <= 1) return false;
  ++i;
  if (i + static_cast<std::size_t>(size_) * 20 > pdf_.size()) return false;
  for (long n = 0; n < size_; ++n, i += 20) {
    const std::string_view entry = pdf_.substr(i, 20);
    if (entry[17] != 'n') continue;
    if (entry.substr(10, 7) != " 00000 ") return false;
    const auto off = static_cast<std::size_t>(std::strtoul(std::string(entry.substr(0, 10)).c_str(), nullptr, 10));
    objects_.push_back(Object{n, off, 0});
  }
  std::sort(objects_.begin(), objects_.end(), [](const Object& a, const Object& b) { return a.begin < b.begin; });
  index_.assign(static_cast<std::size_t>(size_), std::string_view::npos);
  for (std::size_t k = 0; k < objects_.size(); ++k) {
    index_[static_cast<std::size_t>(objects_[k].number)] = k;
    objects_[k].end = k + 1 < objects_.size() ? objects_[k + 1].begin : xref_at_;
    const std::string head = std::to_string(objects_[k].number) + " 0 obj";
    if (objects_[k].begin >= objects_[k].end || pdf_.substr(objects_[k].begin, head.size()) != head) return false;
  }
  trailer_at_ = pdf_.find("trailer\n", xref_at_);
  if (trailer_at_ == std::string_view::npos) return false;
  trailer_end_ = pdf_.find("startxref\n", trailer_at_);
  const auto root = ref_after(pdf_.substr(trailer_at_), "/Root");
  if (!root || trailer_end_ == std::string_view::npos || objects_.empty()) return false;
  root_ = *root;
  return object(root_).has_value();
}

std::optional<std::string_view> PdfEdit::object(long number) const {
  if (const auto it = replaced_.find(number); it != replaced_.end()) return std::string_view(it->second);
  if (number < 0 || static_cast<std::size_t>(number) >= index_.size()) return std::nullopt;  // (an added object is in replaced_)
  const std::size_t k = index_[static_cast<std::size_t>(number)];
  if (k == std::string_view::npos) return std::nullopt;
  const Object& o = objects_[k];
  const std::string_view text = pdf_.substr(o.begin, o.end - o.begin);
  const std::size_t end = text.rfind("endobj");
  if (end == std::string_view::npos) return std::nullopt;
  return text.substr(0, end + 6);
}

std::vector<long> PdfEdit::numbers() const {
  std::vector<long> out;
  out.reserve(objects_.size());
  for (const Object& o : objects_) out.push_back(o.number);
  for (long n = size_; n < size_ + added_; ++n)
    if (replaced_.count(n) != 0) out.push_back(n);
  return out;
}

std::optional<std::string_view> PdfEdit::stream_data(long number) const {
  const auto text = object(number);
  if (!text) return std::nullopt;
  const std::size_t dict_end = text->find(">>\nstream\n");
  if (dict_end == std::string_view::npos) return std::nullopt;
  const std::string_view dict = text->substr(0, dict_end);
  std::optional<long> length = ref_after(dict, "/Length ");
  if (length) {
    const auto length_object = object(*length);
    if (!length_object) return std::nullopt;
    const std::size_t at = length_object->find("obj");
    length = std::strtol(std::string(length_object->substr(at + 3)).c_str(), nullptr, 10);
  } else {
    const std::size_t at = dict.find("/Length ");
    if (at == std::string_view::npos) return std::nullopt;
    length = std::strtol(std::string(dict.substr(at + 8, 20)).c_str(), nullptr, 10);
  }
  const std::size_t begin = dict_end + 10;
  if (*length < 0 || begin + static_cast<std::size_t>(*length) > text->size()) return std::nullopt;
  return text->substr(begin, static_cast<std::size_t>(*length));
}

std::string PdfEdit::write() const {
  std::string out;
  out.reserve(pdf_.size() + 4096);
  write([&out](std::string_view piece) { out.append(piece); });
  return out;
}

void PdfEdit::write(const Sink& put) const {
  std::size_t written = 0;
  auto emit = [&](std::string_view piece) {
    put(piece);
    written += piece.size();
  };
  const std::string_view head = pdf_.substr(0, objects_.front().begin);
  if (!version_.empty() && head.substr(0, 5) == "%PDF-") {
    emit("%PDF-" + version_);
    emit(head.substr(std::min(head.size(), head.find('\n'))));
  } else {
    emit(head);
  }
  const long total = size_ + added_;
  std::vector<std::size_t> offsets(static_cast<std::size_t>(total), 0);
  for (const Object& o : objects_) {
    offsets[static_cast<std::size_t>(o.number)] = written;
    const std::string_view old = pdf_.substr(o.begin, o.end - o.begin);
    const auto it = replaced_.find(o.number);
    if (it == replaced_.end()) {
      emit(old);
    } else {
      // The new body, then whatever Cairo wrote after "endobj".
      emit(it->second);
      emit(old.substr(old.rfind("endobj") + 6));
    }
  }
  for (long n = size_; n < total; ++n) {
    offsets[static_cast<std::size_t>(n)] = written;
    const auto it = replaced_.find(n);
    emit(it != replaced_.end() ? std::string_view(it->second) : std::string_view(std::to_string(n) + " 0 obj\nnull\nendobj"));
    emit("\n");
  }
  const std::size_t new_xref = written;
  emit("xref\n0 " + std::to_string(total) + "\n");
  const std::size_t entries = xref_at_ + pdf_.substr(xref_at_).find('\n', 5) + 1;
  std::string table;
  table.reserve(static_cast<std::size_t>(total) * 20);
  for (long n = 0; n < total; ++n) {
    const std::string_view entry = n < size_ ? pdf_.substr(entries + static_cast<std::size_t>(n) * 20, 20) : "";
    if (n < size_ && entry[17] != 'n') {
      table.append(entry);
      continue;
    }
    char line[21];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offsets[static_cast<std::size_t>(n)]);
    table.append(line, 20);
  }
  emit(table);
  if (added_ == 0 && trailer_extra_.empty()) {
    emit(pdf_.substr(trailer_at_, trailer_end_ - trailer_at_));
  } else {
    // The trailer with its /Size counting the added objects, and the extra entries.
    std::string t(pdf_.substr(trailer_at_, trailer_end_ - trailer_at_));
    const std::size_t size_at = t.find("/Size ");
    if (size_at != std::string::npos) {
      std::size_t end = size_at + 6;
      while (end < t.size() && is_digit(t[end])) ++end;
      t.replace(size_at, end - size_at, "/Size " + std::to_string(total));
    }
    const std::size_t close = t.rfind(">>");
    if (close != std::string::npos) t.insert(close, "   " + trailer_extra_ + "\n");
    emit(t);
  }
  emit("startxref\n" + std::to_string(new_xref) + "\n%%EOF\n");
}

bool set_language(PdfEdit& edit, const std::string& language) {
  if (language.empty()) return false;
  const std::string catalog(*edit.object(edit.root()));
  const std::size_t dict = catalog.find("<<");
  if (dict == std::string::npos || catalog.find("/Lang") != std::string::npos) return false;
  std::string body = catalog;
  body.insert(dict + 2, " /Lang " + pdf_string(language) + "\n  ");
  edit.replace(edit.root(), std::move(body));
  return true;
}

bool set_language(std::string& pdf, const std::string& language) {
  PdfEdit edit;
  if (!edit.open(pdf) || !set_language(edit, language)) return false;
  pdf = edit.write();
  return true;
}

}  // namespace galley::pdf
