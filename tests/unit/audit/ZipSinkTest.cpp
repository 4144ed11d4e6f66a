// ZipWriter writing to a stream (exports) gives the same package as in
// memory, except that an entry written in pieces carries a data descriptor.
#include <gtest/gtest.h>

#include <sstream>

#include "BundleSupport.h"
#include "package/ZipWriter.h"

namespace beraad::testing {
namespace {

void fill(package::ZipWriter& writer) {
    writer.addDeflated("a.txt", "alpha alpha alpha", 6);
    writer.add(package::ZipWriter::store("b.bin", std::string(70000, 'b')));
    writer.begin("c.jsonl", 6);
    for (int i = 0; i < 5000; ++i)
        writer.write("{\"regel\":" + std::to_string(i) + "}\n");
    writer.end();
    writer.addDeflated("d.txt", "delta", 6);
}

TEST(ZipSink, StreamedPackageHoldsTheSameFilesAsOneBuiltInMemory) {
    package::ZipWriter inMemory;
    fill(inMemory);
    std::string built = inMemory.finish();

    std::ostringstream sink;
    package::ZipWriter streamed(sink);
    fill(streamed);
    EXPECT_TRUE(streamed.finish().empty());

    auto expected = unzipBundle(built);
    auto actual = unzipBundle(sink.str());
    ASSERT_EQ(actual.size(), 4u);
    EXPECT_EQ(actual, expected);
    // Entries before the streamed one are byte for byte the same; the
    // streamed entry's local header (30 bytes before its name) sets the
    // data-descriptor flag where the in-memory one is patched instead.
    size_t header = built.find("c.jsonl") - 30;
    EXPECT_EQ(sink.str().substr(0, header), built.substr(0, header));
    EXPECT_EQ(sink.str()[header + 6] & 0x08, 0x08);
    EXPECT_EQ(built[header + 6] & 0x08, 0);
}

}  // namespace
}  // namespace beraad::testing
