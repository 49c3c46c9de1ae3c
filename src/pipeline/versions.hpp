// galley's version and those of the libraries it runs with.
#pragma once

#include <string>

namespace galley::pipeline {

// "galley 0.1.0" then one "  NAME VERSION" line per library.
std::string version_report();

}  // namespace galley::pipeline
