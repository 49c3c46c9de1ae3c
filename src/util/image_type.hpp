// What kind of image a file is, by its signature only (never by its name):
// one check shared by the readers and the EPUB writer.
#pragma once

#include <string_view>

namespace galley {

enum class ImageType { Unknown, Png, Jpeg, Gif, Svg };

// From the file's first bytes (4 KB are plenty). SVG is XML text (an
// optional BOM, declaration, comments, doctype) whose root element is <svg>.
ImageType image_type_of(std::string_view head);

// "image/png", "image/jpeg", "image/gif", "image/svg+xml"; "" for Unknown.
std::string_view media_type_of(ImageType type);

}  // namespace galley
