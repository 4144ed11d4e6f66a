#pragma once
// A short progress line on standard error while a long step runs (rendering,
// the overview of every region, verifying every stream). Shown only when
// standard error is a terminal and the output is not --json, so scripts and
// pipes never see it; the line is erased when the step ends.

#include <string>

namespace beraad::cli {

class Context;

class Progress {
  public:
    Progress(Context& context, const std::string& what);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

  private:
    Context& context_;
    size_t width_ = 0;
};

}  // namespace beraad::cli
