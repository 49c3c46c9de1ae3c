#include "epub/zip_writer.hpp"

#include <zip.h>

#include <cstdio>
#include <deque>
#include <fstream>

#include "util/error.hpp"

namespace galley::epub {

namespace {

// libzip converts an mtime to the DOS date/time of the *local* time zone; pick
// the time_t whose local broken-down time equals the UTC one of `t`, so the
// archive is the same in every time zone. DOS dates start in 1980.
std::time_t dos_stable_time(std::time_t t) {
  const std::time_t min_dos = 315532800;  // 1980-01-01T00:00:00Z
  if (t < min_dos + 86400) t = min_dos + 86400;
  std::tm local{};
  localtime_r(&t, &local);
  std::time_t adjusted = t - local.tm_gmtoff;
  localtime_r(&adjusted, &local);
  adjusted = t - local.tm_gmtoff;
  return adjusted;
}

std::string zip_message(zip_t* z) { return z ? zip_strerror(z) : "unknown libzip error"; }

}  // namespace

struct ZipWriter::Impl {
  std::time_t mtime = 0;
  zip_source_t* buffer = nullptr;
  zip_t* archive = nullptr;
  std::deque<std::string> data;  // kept alive until the archive is closed
};

ZipWriter::ZipWriter(std::time_t mtime) : impl_(new Impl) {
  impl_->mtime = dos_stable_time(mtime);
  zip_error_t error;
  zip_error_init(&error);
  impl_->buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!impl_->buffer) {
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    delete impl_;
    throw Error("", "cannot create zip buffer: " + msg);
  }
  zip_source_keep(impl_->buffer);
  impl_->archive = zip_open_from_source(impl_->buffer, ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!impl_->archive) {
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(impl_->buffer);
    delete impl_;
    throw Error("", "cannot create zip archive: " + msg);
  }
  zip_error_fini(&error);
}

ZipWriter::~ZipWriter() {
  if (impl_->archive) zip_discard(impl_->archive);
  if (impl_->buffer) zip_source_free(impl_->buffer);
  delete impl_;
}

void ZipWriter::add(const std::string& name, std::string data, Packing packing) {
  zip_t* z = impl_->archive;
  if (!z) throw Error("", "zip archive already written");
  impl_->data.push_back(std::move(data));
  const std::string& bytes = impl_->data.back();
  zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
  if (!src) throw Error("", "zip: " + zip_message(z));
  const zip_int64_t index = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0) {
    zip_source_free(src);
    throw Error("", "zip: cannot add " + name + ": " + zip_message(z));
  }
  const auto i = static_cast<zip_uint64_t>(index);
  // libzip's own default level is the slowest, 9.
  const zip_uint32_t level = packing == Packing::Fast ? 1 : 6;
  if (zip_set_file_compression(z, i, packing == Packing::Store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                               packing == Packing::Store ? 0 : level) < 0 ||
      zip_file_set_mtime(z, i, impl_->mtime, 0) < 0 ||
      zip_file_set_external_attributes(z, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) < 0)
    throw Error("", "zip: cannot set attributes of " + name + ": " + zip_message(z));
}

void ZipWriter::write_to(const std::filesystem::path& path) {
  zip_t* z = impl_->archive;
  if (!z) throw Error("", "zip archive already written");
  if (zip_close(z) < 0) {
    std::string msg = zip_message(z);
    throw Error("", "zip: cannot finish archive: " + msg);
  }
  impl_->archive = nullptr;
  impl_->data.clear();

  zip_source_t* src = impl_->buffer;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(src) < 0)
    throw Error(path.string(), "cannot read back the zip archive");
  std::string bytes(static_cast<std::size_t>(st.size), '\0');
  const zip_int64_t n = zip_source_read(src, bytes.data(), st.size);
  zip_source_close(src);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw Error(path.string(), "cannot read back the zip archive");

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(path.string(), "cannot open for writing");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw Error(path.string(), "write failed (disk full?)");
}

}  // namespace galley::epub
