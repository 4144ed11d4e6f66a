// Walks tests/golden/<case>/: each case holds the parts that replace those of
// the skeleton package (docx/..., odt/...), the content (content.xml),
// optional render options (options: one per line, e.g.
// "missing-values-as-empty") and what must come out, per format:
// expected/<format>/<part> (compared after canonicalisation) or
// expected/<format>/problems.txt (one line per problem, in order).
// Adding a case means adding a folder. BERAAD_UPDATE_GOLDEN=1 writes the
// current output instead of comparing; review every change it makes.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "RenderSupport.h"
#include "TestSupport.h"

namespace beraad::testing {
namespace {

namespace fs = std::filesystem;
using render::TemplateFormat;

struct GoldenCase {
    std::string name;
    TemplateFormat format;
    std::string label() const {
        std::string id = name + (format == TemplateFormat::Docx ? "_docx" : "_odt");
        for (char& c : id) {
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        }
        return id;
    }
    std::string formatDir() const { return format == TemplateFormat::Docx ? "docx" : "odt"; }
    fs::path dir() const { return fs::path(sourcePath("tests/golden")) / name; }
};

// Without this gtest prints a case as raw bytes, padding included, which
// valgrind reports as reads of uninitialised memory in every run.
void PrintTo(const GoldenCase& c, std::ostream* os) {
    *os << c.label();
}

std::vector<GoldenCase> discover() {
    std::vector<GoldenCase> cases;
    fs::path root = sourcePath("tests/golden");
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (entry.is_directory() && !entry.path().filename().string().starts_with("_")) {
            dirs.push_back(entry.path());
        }
    }
    std::sort(dirs.begin(), dirs.end());
    for (const auto& dir : dirs) {
        for (auto format : {TemplateFormat::Docx, TemplateFormat::Odt}) {
            GoldenCase c{dir.filename().string(), format};
            if (fs::is_directory(dir / c.formatDir())) cases.push_back(c);
        }
    }
    return cases;
}

bool updating() {
    const char* flag = std::getenv("BERAAD_UPDATE_GOLDEN");
    return flag != nullptr && std::string(flag) == "1";
}

void writeFile(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, RendersAsExpected) {
    const GoldenCase& c = GetParam();
    TempDir temp;
    fs::path folder = temp.path() / "template";
    fs::copy(skeletonDir(c.format), folder, fs::copy_options::recursive);
    fs::copy(c.dir() / c.formatDir(), folder,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);

    auto tmpl = render::Template::load(folder);
    ASSERT_TRUE(tmpl) << tmpl.error().describe();

    render::RenderOptions options;
    if (fs::exists(c.dir() / "options")) {
        std::string text = readFile(c.dir() / "options");
        options.missingValuesAsEmpty = text.find("missing-values-as-empty") != std::string::npos;
    }
    std::string content =
        fs::exists(c.dir() / "content.xml") ? readFile(c.dir() / "content.xml") : "<leeg/>";
    fs::path expected = c.dir() / "expected" / c.formatDir();

    std::string problems = describe(render::lint(tmpl.value()));
    auto rendered = render::render(tmpl.value(), content, options);
    if (problems.empty() && !rendered) problems = describe(rendered.error());

    if (updating()) {
        fs::remove_all(expected);
        if (!problems.empty()) {
            writeFile(expected / "problems.txt", problems);
            return;
        }
        Package package = unzip(rendered.value());
        for (const char* part :
             {"word/document.xml", "word/header1.xml", "word/footer1.xml", "word/footnotes.xml",
              "word/numbering.xml", "content.xml", "styles.xml"}) {
            std::string name = part;
            bool wanted =
                name == (c.format == TemplateFormat::Docx ? "word/document.xml" : "content.xml") ||
                fs::exists(c.dir() / c.formatDir() / name);
            if (wanted && package.files.count(name)) {
                writeFile(expected / name, normalise(package.files[name]) + "\n");
            }
        }
        return;
    }

    if (fs::exists(expected / "problems.txt")) {
        EXPECT_EQ(problems, readFile(expected / "problems.txt"));
        return;
    }
    ASSERT_TRUE(problems.empty()) << problems;
    ASSERT_TRUE(rendered) << rendered.error().describe();
    for (const auto& failure : packageFailures(rendered.value(), c.format)) {
        ADD_FAILURE() << failure;
    }
    Package package = unzip(rendered.value());
    int compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(expected)) {
        if (!entry.is_regular_file()) continue;
        std::string part = fs::relative(entry.path(), expected).generic_string();
        ASSERT_TRUE(package.files.count(part)) << "the package has no " << part;
        std::string actual = normalise(package.files[part]);
        std::string wanted = normalise(readFile(entry.path()));
        EXPECT_EQ(actual, wanted) << "part " << part << " of case " << c.name;
        ++compared;
    }
    EXPECT_GT(compared, 0) << "case " << c.name << " expects nothing";
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(discover()),
                         [](const auto& info) { return info.param.label(); });

}  // namespace
}  // namespace beraad::testing
