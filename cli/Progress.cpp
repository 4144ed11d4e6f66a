#include "Progress.h"

#include <ostream>

#include "Cli.h"

namespace beraad::cli {

Progress::Progress(Context& context, const std::string& what) : context_(context) {
    if (!context_.showsProgress()) return;
    std::string line = "beraad: " + what + " ...";
    width_ = line.size();
    context_.err() << line << std::flush;
}

Progress::~Progress() {
    if (width_ == 0) return;
    context_.err() << '\r' << std::string(width_, ' ') << '\r' << std::flush;
}

}  // namespace beraad::cli
