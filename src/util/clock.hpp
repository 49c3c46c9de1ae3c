// The time stamped into outputs: SOURCE_DATE_EPOCH when set (reproducible
// builds), else now.
#pragma once

#include <ctime>
#include <string>

namespace galley {

std::time_t output_time();
// UTC, "YYYY-MM-DDThh:mm:ssZ".
std::string iso8601_utc(std::time_t t);

}  // namespace galley
