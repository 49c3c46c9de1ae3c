// Turning an input file's bytes into clean UTF-8 text, shared by all readers:
// UTF-8 (with or without BOM) or UTF-16 with a BOM; CRLF and CR become LF.
// Empty, whitespace-only, binary and invalid-UTF-8 input is rejected with an
// error naming the file and the byte offset.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace galley::read {

// Reads and decodes the file; throws galley::Error.
std::string load_text_file(const std::filesystem::path& path);

// Decodes bytes already in memory; `name` is used in error messages.
std::string decode_text(std::string_view bytes, const std::string& name);

}  // namespace galley::read
