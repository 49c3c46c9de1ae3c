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

  // Adds an entry; `store` keeps it uncompressed (mimetype, images already compressed).
  void add(const std::string& name, std::string data, bool store = false);
  // Finishes the archive and writes it to `path` (exactly that file).
  void write_to(const std::filesystem::path& path);

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace galley::epub
