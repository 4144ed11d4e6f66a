// Package rules: loading from a packed file or a folder, Word's settings and
// content types, ODF's mimetype and manifest, lint and tag listing.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "RenderSupport.h"
#include "TestSupport.h"
#include "package/ZipReader.h"
#include "package/ZipWriter.h"

namespace beraad::testing {
namespace {

namespace fs = std::filesystem;
using render::TemplateFormat;

const char* kContent = "<convenant><titel>Titel</titel><partij><naam>A</naam></partij></convenant>";

std::string zipFolder(const fs::path& folder) {
    package::ZipWriter writer;
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file())
            names.push_back(fs::relative(entry.path(), folder).generic_string());
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names)
        writer.addDeflated(name, readFile(folder / name), 9);
    return writer.finish();
}

TEST(Package, PackedAndUnpackedTemplatesRenderTheSame) {
    TempDir dir;
    for (auto format : {TemplateFormat::Docx, TemplateFormat::Odt}) {
        fs::path folder = writeTemplate(dir.path(), format, {});
        auto fromFolder = render::Template::load(folder);
        ASSERT_TRUE(fromFolder) << fromFolder.error().describe();
        fs::path file = dir.path() / (format == TemplateFormat::Docx ? "t.docx" : "t.odt");
        std::ofstream(file, std::ios::binary) << zipFolder(folder);
        auto fromFile = render::Template::load(file);
        ASSERT_TRUE(fromFile) << fromFile.error().describe();
        EXPECT_EQ(fromFile.value().format(), format);
        auto a = render::render(fromFolder.value(), kContent);
        auto b = render::render(fromFile.value(), kContent);
        ASSERT_TRUE(a && b);
        Package pa = unzip(a.value()), pb = unzip(b.value());
        EXPECT_EQ(pa.files, pb.files);
        EXPECT_EQ(a.value(), render::render(fromFolder.value(), kContent).value())
            << "rendering is deterministic";
        EXPECT_TRUE(packageFailures(b.value(), format).empty());
    }
}

TEST(Package, WordUpdateFieldsStandsWhereTheSchemaWantsIt) {
    auto tmpl =
        templateWithBody(TemplateFormat::Docx, "<w:p><w:r><w:t>{{ titel }}</w:t></w:r></w:p>");
    auto rendered = render::render(tmpl, kContent);
    ASSERT_TRUE(rendered);
    std::string settings = unzip(rendered.value()).files["word/settings.xml"];
    size_t flag = settings.find("<w:updateFields w:val=\"true\"/>");
    ASSERT_NE(flag, std::string::npos) << settings;
    EXPECT_LT(settings.find("characterSpacingControl"), flag);
    EXPECT_LT(flag, settings.find("<w:footnotePr>"));
}

TEST(Package, WordTemplateWithoutSettingsGetsThemAndADotxBecomesADocument) {
    TempDir dir;
    fs::path folder = writeTemplate(dir.path(), TemplateFormat::Docx, {});
    fs::remove(folder / "word/settings.xml");
    std::string types = readFile(folder / "[Content_Types].xml");
    types = replaceOnce(types,
                        "<Override PartName=\"/word/settings.xml\" "
                        "ContentType=\"application/"
                        "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
                        "");
    types = replaceOnce(types, "wordprocessingml.document.main+xml",
                        "wordprocessingml.template.main+xml");
    std::ofstream(folder / "[Content_Types].xml") << types;
    std::string rels = readFile(folder / "word/_rels/document.xml.rels");
    std::ofstream(folder / "word/_rels/document.xml.rels")
        << replaceOnce(rels,
                       "<Relationship Id=\"rId2\" "
                       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                       "settings\" Target=\"settings.xml\"/>",
                       "");

    auto tmpl = render::Template::load(folder);
    ASSERT_TRUE(tmpl) << tmpl.error().describe();
    auto rendered = render::render(tmpl.value(), kContent);
    ASSERT_TRUE(rendered);
    Package package = unzip(rendered.value());
    EXPECT_NE(package.files["word/settings.xml"].find("updateFields"), std::string::npos);
    EXPECT_NE(package.files["word/_rels/document.xml.rels"].find("Target=\"settings.xml\""),
              std::string::npos);
    EXPECT_NE(package.files["[Content_Types].xml"].find("/word/settings.xml"), std::string::npos);
    EXPECT_NE(package.files["[Content_Types].xml"].find("document.main+xml"), std::string::npos);
    EXPECT_EQ(package.files["[Content_Types].xml"].find("template.main+xml"), std::string::npos);
}

TEST(Package, OdtManifestListsEveryFileAndMimetypeComesFirstStored) {
    TempDir dir;
    fs::path folder =
        writeTemplate(dir.path(), TemplateFormat::Odt, {{"Pictures/logo.png", "not really a png"}});
    fs::remove(folder / "mimetype");  // rebuilt whatever the template had
    std::ofstream(folder / "mimetype") << "application/vnd.oasis.opendocument.text-template";
    std::ofstream(folder / "META-INF/documentsignatures.xml") << "<signatures/>";
    auto tmpl = render::Template::load(folder);
    ASSERT_TRUE(tmpl) << tmpl.error().describe();
    auto rendered = render::render(tmpl.value(), kContent);
    ASSERT_TRUE(rendered);
    Package package = unzip(rendered.value());
    EXPECT_EQ(package.names.front(), "mimetype");
    EXPECT_EQ(package.files["mimetype"], "application/vnd.oasis.opendocument.text");
    EXPECT_NE(package.files["META-INF/manifest.xml"].find(
                  "manifest:full-path=\"Pictures/logo.png\" manifest:media-type=\"image/png\""),
              std::string::npos)
        << package.files["META-INF/manifest.xml"];
    EXPECT_EQ(package.files.count("META-INF/documentsignatures.xml"), 0u);
    auto failures = packageFailures(rendered.value(), TemplateFormat::Odt);
    EXPECT_TRUE(failures.empty()) << failures.front();
}

TEST(Package, RefusesWhatIsNoTemplate) {
    auto notZip = render::Template::fromPackage("plain text, no zip", "x.docx");
    ASSERT_FALSE(notZip);
    EXPECT_EQ(notZip.error().code, ErrorCode::InvalidInput);
    package::ZipWriter writer;
    writer.addDeflated("hello.txt", "hi", 6);
    auto other = render::Template::fromPackage(writer.finish(), "x.zip");
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("neither"), std::string::npos);
    auto missing = render::Template::load("/nonexistent/template.docx");
    EXPECT_FALSE(missing);
}

TEST(Package, AMalformedPartIsAProblemNamingThePart) {
    TempDir dir;
    fs::path folder = writeTemplate(dir.path(), TemplateFormat::Docx,
                                    {{"word/footer1.xml", "<w:ftr><unclosed></w:ftr>"}});
    auto tmpl = render::Template::load(folder);
    ASSERT_TRUE(tmpl);
    auto problems = render::lint(tmpl.value());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "malformed-part");
    EXPECT_EQ(problems[0].part, "word/footer1.xml");
    auto rendered = render::render(tmpl.value(), kContent);
    ASSERT_FALSE(rendered);
    EXPECT_EQ(rendered.error().code, ErrorCode::InvalidInput);
}

TEST(Package, ListsTagsInDocumentOrder) {
    auto tmpl = templateWithBody(TemplateFormat::Odt,
                                 "<text:p>{{#each partij}}{{ naam | upper }}{{/each}}</text:p>"
                                 "<text:p>{{#if x}}a{{else}}b{{/if}}</text:p>");
    auto tags = render::listTags(tmpl);
    std::vector<std::string> seen;
    for (const auto& tag : tags) {
        if (tag.part != "content.xml") continue;
        seen.push_back(std::string(render::toString(tag.kind)) + ":" + tag.expression + ":" +
                       std::to_string(tag.paragraph) +
                       (tag.formatters.empty() ? "" : ":" + tag.formatters[0]));
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"each:partij:1", "value:naam:1:upper", "end-each::1",
                                              "if:x:2", "else::2", "end-if::2"}));
    EXPECT_TRUE(render::lint(tmpl).empty());
}

TEST(Package, RenderErrorsNamePartParagraphAndTag) {
    auto tmpl = templateWithBody(TemplateFormat::Docx,
                                 "<w:p><w:r><w:t>x</w:t></w:r></w:p><w:p><w:r><w:t>{{ </w:t></w:r>"
                                 "<w:r><w:t>geen }}</w:t></w:r></w:p>");
    auto rendered = render::render(tmpl, kContent);
    ASSERT_FALSE(rendered);
    EXPECT_EQ(rendered.error().code, ErrorCode::InvalidContent);
    ASSERT_EQ(rendered.error().details.size(), 1u);
    EXPECT_EQ(rendered.error().details[0].where, "word/document.xml, paragraph 2, {{ geen }}");
    EXPECT_EQ(rendered.error().details[0].message.rfind("missing-value: ", 0), 0u);
    EXPECT_EQ(rendered.error().describe().find("undefined"), std::string::npos);
}

}  // namespace
}  // namespace beraad::testing

namespace beraad::testing {
namespace {

// packageFailures() validates every ODF part when ../shared is present; this
// test says so loudly when it is not, instead of passing quietly.
TEST(OdfSchema, RenderedOdtValidatesAgainstOdf13) {
    if (!odfSchemasAvailable()) {
        GTEST_SKIP() << "../shared/schemas/odf is absent: rendered ODT is not validated against "
                        "the ODF 1.3 RelaxNG schema";
    }
    auto tmpl = templateWithBody(
        render::TemplateFormat::Odt,
        "<text:p text:style-name=\"Standard\">{{ titel }}  met  spaties\t{{ titel }}</text:p>"
        "<text:list><text:list-item><text:p>{{#each partij}}{{ naam "
        "}}{{/each}}</text:p></text:list-item></text:list>");
    auto rendered = render::render(tmpl,
                                   "<c><titel> a\nb  c\td</titel><partij><naam>A</naam></partij>"
                                   "<partij><naam>B</naam></partij></c>");
    ASSERT_TRUE(rendered) << rendered.error().describe();
    Package package = unzip(rendered.value());
    for (const char* part : {"content.xml", "styles.xml", "meta.xml"}) {
        auto problems = validateOdf(package.files[part], false);
        EXPECT_TRUE(problems.empty()) << part << ": " << problems.front();
    }
    auto manifest = validateOdf(package.files["META-INF/manifest.xml"], true);
    EXPECT_TRUE(manifest.empty()) << manifest.front();
}

}  // namespace
}  // namespace beraad::testing

namespace beraad::testing {
namespace {

TEST(Package, OneTemplateServesSeveralThreads) {
    auto tmpl = templateWithBody(
        render::TemplateFormat::Docx,
        "<w:p><w:r><w:t>{{#each partij}}{{ naam | upper }}{{/each}}</w:t></w:r></w:p>");
    std::string content = "<c>";
    for (int i = 0; i < 500; ++i)
        content += "<partij><naam>p" + std::to_string(i) + "</naam></partij>";
    content += "</c>";
    std::string expected = render::render(tmpl, content).value();
    std::vector<std::string> outputs(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < outputs.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i)
                outputs[t] = render::render(tmpl, content).value();
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (const auto& output : outputs)
        EXPECT_EQ(output, expected);
}

// Streamed entries are deflated on a worker thread while the next chunks
// are made: the bytes must be exactly those of deflating the whole entry
// at once, whatever the chunking, and several entries in a row must not mix.
TEST(Package, StreamedEntriesEqualOneShotDeflate) {
    std::string data;
    uint32_t state = 12345;
    for (int i = 0; i < 400000; ++i) {
        state = state * 1103515245u + 12345u;
        data += static_cast<char>('a' + (state >> 16) % 7);
        if (i % 97 == 0) data += "<w:p><w:r><w:t>rij</w:t></w:r></w:p>";
    }
    package::ZipWriter oneShot;
    oneShot.addDeflated("a.xml", data, 6);
    oneShot.addDeflated("b.xml", data.substr(1000), 6);
    std::string expected = oneShot.finish();

    for (size_t chunk : {size_t{1000}, size_t{65536}, size_t{1} << 20}) {
        package::ZipWriter streamed;
        for (const auto& [name, text] : {std::pair<std::string, std::string_view>{"a.xml", data},
                                         {"b.xml", std::string_view(data).substr(1000)}}) {
            streamed.begin(name, 6);
            for (size_t at = 0; at < text.size(); at += chunk)
                streamed.write(text.substr(at, chunk));
            streamed.end();
        }
        std::string bytes = streamed.finish();
        EXPECT_EQ(bytes, expected) << "chunks of " << chunk;
        auto entries = package::ZipReader::entries(bytes);
        ASSERT_TRUE(entries);
        ASSERT_EQ(entries.value().size(), 2u);
        EXPECT_EQ(package::ZipReader::extract(entries.value()[0]).value(), data);
    }
}

// A package abandoned half way (a render that met a problem) is dropped,
// and the stream that served it (kept in a pool for the next package)
// carries nothing of it over: the packages after it, at another level,
// from several threads, in a sink, are byte for byte what they should be.
TEST(Package, AnAbandonedStreamedEntryLeavesNothingBehind) {
    std::string data;
    for (int i = 0; i < 20000; ++i)
        data += "<w:p><w:r><w:t>rij " + std::to_string(i * 7919 % 10007) + "</w:t></w:r></w:p>";
    auto expected = [&](int level) {
        package::ZipWriter oneShot;
        oneShot.addDeflated("a.xml", data, level);
        return oneShot.finish();
    };
    const std::string expected6 = expected(6);
    const std::string expected1 = expected(1);
    auto streamed = [&](int level, size_t chunk) {
        package::ZipWriter writer;
        writer.begin("a.xml", level);
        for (size_t at = 0; at < data.size(); at += chunk)
            writer.write(std::string_view(data).substr(at, chunk));
        writer.end();
        return writer.finish();
    };
    std::vector<std::thread> threads;
    std::atomic<int> wrong = 0;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i) {
                {
                    package::ZipWriter abandoned;
                    abandoned.begin("a.xml", i % 2 == 0 ? 6 : 1);
                    abandoned.write(std::string(300000, static_cast<char>('a' + t)));
                    abandoned.write(data);
                }
                if (streamed(6, i % 2 == 0 ? 65536 : 1000) != expected6) ++wrong;
                if (streamed(1, i % 2 == 1 ? 65536 : 1000) != expected1) ++wrong;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(wrong, 0);

    std::ostringstream sink;
    {
        package::ZipWriter abandoned(sink);
        abandoned.begin("a.xml", 6);
        abandoned.write(data);
    }
    std::ostringstream clean;
    {
        package::ZipWriter writer(clean);
        writer.begin("a.xml", 6);
        writer.write(data);
        writer.end();
        writer.finish();
    }
    const std::string bytes = clean.str();  // the entries point into it
    auto entries = package::ZipReader::entries(bytes);
    ASSERT_TRUE(entries) << entries.error().describe();
    auto extracted = package::ZipReader::extract(entries.value()[0]);
    ASSERT_TRUE(extracted) << extracted.error().describe();
    EXPECT_EQ(extracted.value(), data);
}

}  // namespace
}  // namespace beraad::testing

namespace beraad {
namespace {

// An entry inflates in blocks of at most 64 KiB, so a verifier can hash a
// large one without holding it; a damaged entry still fails its CRC.
TEST(ZipReader, AnEntryInflatesInBlocksAndADamagedOneFailsItsCheck) {
    std::string data;
    for (std::size_t i = 0; i < 300'000; ++i)
        data += static_cast<char>('a' + (i * i) % 26);
    package::ZipWriter writer;
    writer.addDeflated("groot.bin", data, 6);
    writer.addRaw("kapot.bin", 0, 12345, 4, "abcd");
    std::string zip = writer.finish();
    auto entries = package::ZipReader::entries(zip);
    ASSERT_TRUE(entries.ok()) << entries.error().describe();
    std::string joined;
    std::size_t blocks = 0, largest = 0;
    auto done = package::ZipReader::extractTo(entries->at(0), [&](std::string_view block) {
        joined.append(block);
        ++blocks;
        largest = std::max(largest, block.size());
    });
    ASSERT_TRUE(done.ok()) << done.error().describe();
    EXPECT_EQ(joined, data);
    EXPECT_GE(blocks, 5u);
    EXPECT_LE(largest, 64u * 1024);
    auto damaged = package::ZipReader::extractTo(entries->at(1), [](std::string_view) {});
    ASSERT_FALSE(damaged.ok());
    EXPECT_NE(damaged.error().message.find("fails its CRC check"), std::string::npos);
}

}  // namespace
}  // namespace beraad
