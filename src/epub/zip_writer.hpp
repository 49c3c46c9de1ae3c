// The EPUB container: a zip archive built in memory with libzip, entries in
// the order added, every entry stamped with one fixed time so that the same
// content always gives the same bytes.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace galley::epub {

class ZipWriter {
 public:
  explicit ZipWriter(std::time_t mtime);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // How an entry is packed: stored (mimetype, images already compressed),
  // deflated quickly (fonts: binary data that deflate shrinks little, where
  // the best level costs twice the time for 1% of size), or deflated at
  // zlib's default level (text).
  enum class Packing { Store, Fast, Text };
  void add(const std::string& name, std::string data, Packing packing = Packing::Text);
  // Finishes the archive and writes it to `path` (exactly that file).
  void write_to(const std::filesystem::path& path);

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace galley::epub
